package org.pmdl.model.libnvdimm;

import java.util.Optional;
import org.pmdl.model.kernel.Errno;

/** drivers/nvdimm/label.c: the namespace labels in each DIMM's label area, read at probe and kept on media. */
public final class Labels {
    private final Media media;
    private final Dmesg dmesg;

    Labels(Media media, Dmesg dmesg) {
        this.media = media;
        this.dmesg = dmesg;
    }

    /**
     * nd_label_data_init(): what the DIMM's probe reads from its label area: both index blocks (sized for the
     * first guess of 128-byte labels), then every active label.
     */
    public long dataReadAtProbe(String dimm, long configSize) {
        long bytes = 2 * LabelIndex.indexSize(configSize, 128) + media.labelIndex(dimm)
                .map(i -> (long) i.labels().size() * i.labelSize()).orElse(0L);
        return Math.min(bytes, configSize);
    }

    /**
     * nd_label_validate(): the index the DIMM's label area holds, if valid; the kernel tries 128-byte (v1.1) and
     * then 256-byte (v1.2) labels, so either version is accepted.
     */
    public Optional<LabelIndex> validate(Nvdimm dimm) {
        dmesg.applied(LibnvdimmRules.LABEL_INDEX_VERSION);
        return media.labelIndex(dimm.name());
    }

    /** nd_label_reserve_dpa(): each active label of the DIMM's index holds its DPA range for its namespace. */
    void reserveDpa(Nvdimm dimm) {
        dimm.labelIndex().ifPresent(i -> i.labels().forEach(
                l -> dimm.allocate(DpaAllocator.labelId(l.uuid()), l.dpa(), l.rawsize())));
    }

    /** nd_pmem_namespace_label_update(): one label per DIMM; a new one needs a free slot. */
    void update(Namespace ns) throws NdException {
        String labelId = DpaAllocator.labelId(ns.uuid);
        for (Mapping m : ns.region().mappings()) {
            if (ns.size == 0) {
                m.dimm().labelIndex().ifPresent(i -> i.labels().removeIf(l -> l.uuid().equals(ns.uuid)));
                continue; // del_labels()
            }
            LabelIndex index = initLabels(m);
            boolean existing = index.labels().removeIf(l -> l.uuid().equals(ns.uuid));
            dmesg.applied(LibnvdimmRules.NS_LABEL_SLOTS);
            if (!existing && index.free() == 0) {
                throw new NdException(Errno.ENXIO, LibnvdimmRules.NS_LABEL_SLOTS,
                        LibnvdimmRules.NS_LABEL_SLOTS.message(m.dimm().name()));
            }
            long dpa = m.dimm().firstExtent(labelId).orElseThrow().start();
            index.labels().add(new LabelIndex.Label(ns.uuid, dpa, ns.size / ns.region().mappings().size(),
                    ns.lbasize, ns.altName));
        }
    }

    /**
     * init_labels(): a DIMM of the set without a valid index (ns_current == -1) gets one written now.
     * Its label size is the one nd_label_validate() tried last, 256 bytes, so the index is v1.2.
     */
    private LabelIndex initLabels(Mapping m) {
        Nvdimm dimm = m.dimm();
        if (dimm.labelIndex().isEmpty()) {
            LabelIndex fresh = LabelIndex.initialized(dimm.spec().labelAreaSize(), 2);
            media.writeLabelIndex(dimm.name(), fresh);
            dimm.indexWritten(fresh);
        }
        return dimm.labelIndex().orElseThrow();
    }
}
