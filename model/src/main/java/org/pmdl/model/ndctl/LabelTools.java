package org.pmdl.model.ndctl;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.pmdl.model.kernel.Errno;
import org.pmdl.model.libnvdimm.Dmesg;
import org.pmdl.model.libnvdimm.LabelIndex;
import org.pmdl.model.libnvdimm.LibnvdimmRules;
import org.pmdl.model.libnvdimm.NdException;
import org.pmdl.model.libnvdimm.Nvdimm;
import org.pmdl.model.libnvdimm.NvdimmBus;
import org.pmdl.model.rules.Rule;
import org.pmdl.model.scenario.Action;

/**
 * ndctl 76.1 ndctl/dimm.c: the label tools on one DIMM. Each ends with "&lt;verb&gt; N nmem" and exits 1 when it
 * did nothing (cmd_init_labels and its siblings: {@code count >= 0 ? 0 : EXIT_FAILURE}), whatever the errno.
 * A step not marked {@code active} runs between ndctl disable-region and enable-region of the DIMM's regions:
 * the kernel then re-reads the label area as it probes the DIMM and the regions again.
 */
public final class LabelTools {
    private final NvdimmBus bus;
    private final Dmesg dmesg;

    public LabelTools(NvdimmBus bus) {
        this.bus = bus;
        this.dmesg = bus.dmesg();
    }

    /**
     * __action_init(): the label index is read first (a DIMM without a label area has none to read), then an
     * active DIMM is refused, then a valid index unless --force; ndctl_dimm_init_labels() writes both index blocks
     * for the label version asked (-V, 1.1 by default).
     */
    public void initLabels(Nvdimm dimm, Action.InitLabels a) throws NdException {
        dmesg.applied(LibnvdimmRules.NDCTL_LABELS);
        if (!dimm.hasDriverData()) {
            throw nothingDone("initialized", LibnvdimmRules.NDCTL_LABELS, Errno.ENXIO,
                    LibnvdimmRules.NDCTL_LABELS.message(dimm.name(), "initialize"));
        }
        refuseActive(dimm, a.active(), "initialized");
        if (dimm.labelIndex().isPresent() && !a.force()) {
            dmesg.ndctl(dimm.name() + ": error: labels already initialized");
            throw nothingDone("initialized", LibnvdimmRules.NDCTL_LABELS_INITIALIZED, Errno.EBUSY,
                    LibnvdimmRules.NDCTL_LABELS_INITIALIZED.message(dimm.name()));
        }
        bus.media().writeLabelIndex(dimm.name(),
                LabelIndex.initialized(dimm.spec().labelAreaSize(), a.labelVersion()));
        bus.reprobe(dimm);
        bus.labels().validate(dimm);
        dmesg.ndctl("initialized 1 nmem");
    }

    /**
     * action_zero(): an active DIMM is refused before anything is read; ndctl_dimm_zero_label_extent() then reads
     * the label area (EINVAL without one), zeroes all of it and has the kernel re-read it: no index is valid, but
     * the DIMM keeps NDD_LABELING, so its regions stay labelled until the next boot.
     */
    public void zeroLabels(Nvdimm dimm, Action.ZeroLabels a) throws NdException {
        refuseActive(dimm, a.active(), "zeroed");
        dmesg.applied(LibnvdimmRules.NDCTL_LABELS);
        if (!dimm.hasDriverData()) {
            throw nothingDone("zeroed", LibnvdimmRules.NDCTL_LABELS, Errno.EINVAL,
                    LibnvdimmRules.NDCTL_LABELS.message(dimm.name(), "zero"));
        }
        bus.media().zeroLabelArea(dimm.name());
        bus.reprobe(dimm);
        dmesg.ndctl("zeroed 1 nmem");
    }

    /**
     * action_read() with -j (dump_index_json): the first index block as ndctl parses it; a zeroed area parses as
     * an empty signature, version 0.0, 128-byte labels ({@code 128 << labelsize}) and no slots. Reading needs no
     * disabled region.
     */
    public Map<String, Object> readLabels(Nvdimm dimm) throws NdException {
        dmesg.applied(LibnvdimmRules.NDCTL_LABELS);
        if (!dimm.hasDriverData()) {
            throw nothingDone("read", LibnvdimmRules.NDCTL_LABELS, Errno.EINVAL,
                    LibnvdimmRules.NDCTL_LABELS.message(dimm.name(), "read"));
        }
        Optional<LabelIndex> index = bus.labels().validate(dimm);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("dev", dimm.name());
        v.put("signature", index.isPresent() ? "NAMESPACE_INDEX" : "");
        v.put("major", index.isPresent() ? 1L : 0L);
        v.put("minor", index.map(i -> (long) i.versionMinor()).orElse(0L));
        v.put("labelsize", index.map(i -> (long) i.labelSize()).orElse(128L));
        v.put("nslot", index.map(i -> (long) i.slots()).orElse(0L));
        dmesg.ndctl("read 1 nmem");
        return v;
    }

    /**
     * action_check(): __action_init() with chk_only, so the DIMM may be active. ndctl_dimm_read_label_index() needs a
     * label area (ENXIO), ndctl_dimm_validate_labels() a valid index block at either label size (label_validate:
     * -EINVAL, libndctl says why only at debug level). cmd_check_labels() prints "successfully verified N nmem
     * label" in every case, exit status 1 when N is 0.
     */
    public void checkLabels(Nvdimm dimm) throws NdException {
        dmesg.applied(LibnvdimmRules.NDCTL_CHECK_LABELS);
        if (!dimm.hasDriverData()) {
            throw notVerified(dimm, Errno.ENXIO, "no label area to read");
        }
        if (bus.labels().validate(dimm).isEmpty()) {
            throw notVerified(dimm, Errno.EINVAL, "no valid label index block");
        }
        dmesg.ndctl("successfully verified 1 nmem label");
    }

    private NdException notVerified(Nvdimm dimm, Errno errno, String why) {
        dmesg.ndctl("successfully verified 0 nmem label");
        return new NdException(errno, LibnvdimmRules.NDCTL_CHECK_LABELS,
                LibnvdimmRules.NDCTL_CHECK_LABELS.message(dimm.name(), why));
    }

    /**
     * ndctl_dimm_is_active(): the DIMM's state is "active" while a region of it is enabled. Every region of the
     * model is enabled, so an {@code active} step on a DIMM that any region maps is refused.
     */
    private void refuseActive(Nvdimm dimm, boolean active, String verb) throws NdException {
        dmesg.applied(LibnvdimmRules.NDCTL_LABELS_ACTIVE);
        if (active && !bus.regionsOf(dimm).isEmpty()) {
            dmesg.ndctl(dimm.name() + ": regions active, abort label write");
            throw nothingDone(verb, LibnvdimmRules.NDCTL_LABELS_ACTIVE, Errno.EBUSY,
                    LibnvdimmRules.NDCTL_LABELS_ACTIVE.message(dimm.name()));
        }
    }

    /** The command's last line when no DIMM was done ("initialized 0 nmem"), and the refusal. */
    private NdException nothingDone(String verb, Rule rule, Errno errno, String message) {
        dmesg.ndctl(verb + " 0 nmem");
        return new NdException(errno, rule, message);
    }
}
