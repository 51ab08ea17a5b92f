package org.pmdl.model.pseries;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pmdl.model.libnvdimm.Dmesg;
import org.pmdl.model.rules.Rule;
import org.pmdl.model.topology.LmbRangeSpec;
import org.pmdl.model.topology.LparSpec;

/**
 * A partition's memory in LMBs: the hypervisor's table, the ibm,dynamic-memory[-v2] property it publishes, and the
 * booted kernel's drmem_info read from it (arch/powerpc/mm/drmem.c), with each LMB's node and memory block.
 */
final class Drmem {
    private final LparSpec lpar;
    private final Dmesg dmesg;
    /** The hypervisor's LMBs: assignment and associativity as it reports them. */
    private final LmbTable hvLmbs;
    /** What the partition boots with: QEMU's -m. */
    private final boolean[] bootMemory;
    private PseriesRelease release;
    /** The kernel's drmem_info, the nid of each LMB, and the property now in the device tree. */
    private LmbTable drmem;
    private int[] nid;
    /** Per LMB: its memory block is offline; it holds unmovable pages (`pin memory`). */
    private boolean[] blockOffline;
    private boolean[] pinned;
    /** QEMU's pc-dimms by the DRC index of each of their LMBs: the device id QEMU names in its rollback. */
    private final Map<Long, String> lmbDevices = new LinkedHashMap<>();
    private int pcDimms;
    private byte[] dtProperty;
    private LmbTable dtDecoded;

    Drmem(LparSpec lpar, Dmesg dmesg) {
        this.lpar = lpar;
        this.dmesg = dmesg;
        this.hvLmbs = LmbTable.declared(lpar);
        this.bootMemory = new boolean[hvLmbs.size()];
        for (int i = 0; i < bootMemory.length; i++) {
            bootMemory[i] = hvLmbs.assigned(i);
        }
    }

    /** The end of the partition's last LMB (0 without LMBs): SCM DRCs are placed above it. */
    long end() {
        return hvLmbs.size() == 0 ? 0 : hvLmbs.base[hvLmbs.size() - 1] + lpar.lmbSize();
    }

    /** A kernel boots: the hypervisor publishes the property (QEMU: the boot memory only), drmem_info reads it. */
    void boot(boolean qemu, PseriesRelease release) {
        this.release = release;
        setDtProperty(publish(qemu ? hvLmbs.asQemuPublishes(bootMemory) : hvLmbs));
        drmem = dtTable();
        nid = new int[drmem.size()];
        blockOffline = new boolean[drmem.size()];
        pinned = new boolean[drmem.size()];
        for (int i = 0; i < nid.length; i++) {
            nid[i] = drmem.assigned(i) && drmem.aa[i] != LmbTable.INVALID_AA ? drmem.aa[i] : -1;
        }
    }

    private byte[] publish(LmbTable t) {
        return lpar.dynamicMemoryV1() ? t.encodeV1() : t.encodeV2();
    }

    private void setDtProperty(byte[] property) {
        dtProperty = property;
        dtDecoded = null;
    }

    private LmbTable dtTable() {
        if (dtDecoded == null) {
            dtDecoded = decode(dtProperty);
        }
        return dtDecoded;
    }

    private LmbTable decode(byte[] property) {
        return lpar.dynamicMemoryV1() ? LmbTable.decodeV1(property, lpar.lmbSize())
                : LmbTable.decodeV2(property, lpar.lmbSize());
    }

    /** What the booted kernel's LMBs show in {@code lpar}: assigned LMBs and the property. */
    void putValues(Map<String, Object> v) {
        long assigned = 0;
        for (int i = 0; i < drmem.size(); i++) {
            assigned += drmem.assigned(i) ? 1 : 0;
        }
        v.put("assigned_lmbs", assigned);
        v.put("property", lpar.dynamicMemoryV1() ? "ibm,dynamic-memory" : "ibm,dynamic-memory-v2");
        v.put("property_bytes", (long) dtProperty.length);
        if (!lpar.dynamicMemoryV1()) {
            v.put("property_sets", (long) java.nio.ByteBuffer.wrap(dtProperty).getInt());
        }
    }

    /** {@code lmb N attr}: drmem_info's view (aa_index, flags, nid, ...) or the device tree's (dt_aa_index, dt_flags). */
    Optional<Object> lmbAttribute(long index, String attribute) {
        if (drmem == null) {
            return Optional.empty();
        }
        int i = -1;
        for (int k = 0; k < hvLmbs.size(); k++) {
            if (hvLmbs.base[k] == index * lpar.lmbSize()) {
                i = k;
                break;
            }
        }
        if (i < 0) {
            return Optional.empty();
        }
        return Optional.ofNullable(switch (attribute) {
            case "aa_index" -> Integer.toUnsignedLong(drmem.aa[i]);
            case "dt_aa_index" -> Integer.toUnsignedLong(dtTable().aa[i]);
            case "flags" -> (long) drmem.flags[i];
            case "dt_flags" -> (long) dtTable().flags[i];
            case "drc_index" -> Integer.toUnsignedLong(drmem.drc[i]);
            case "base_addr" -> drmem.base[i];
            case "nid" -> (long) nid[i];
            case "assigned" -> drmem.assigned(i);
            default -> null;
        });
    }

    /**
     * LPM: on the destination the hypervisor reports new associativity for the given LMBs and updates the
     * property (OF_RECONFIG_UPDATE_PROPERTY on /ibm,dynamic-reconfiguration-memory). Returns the rule that decided
     * what the kernel makes of it: the drmem update after LPM, or the stale write-back before that fix.
     */
    Rule migrate(List<LmbRangeSpec> changes) {
        for (LmbRangeSpec change : changes) {
            for (int i = 0; i < hvLmbs.size(); i++) {
                long lmb = hvLmbs.base[i] / lpar.lmbSize();
                if (lmb >= change.first() && lmb <= change.last()) {
                    hvLmbs.aa[i] = change.node();
                }
            }
        }
        byte[] property = publish(hvLmbs);
        setDtProperty(property);
        propertyUpdated(property);
        return release.drmemUpdateAfterLpm() ? PseriesRules.DRMEM_LPM_UPDATE : PseriesRules.DRMEM_STALE_WRITEBACK;
    }

    /**
     * pseries_memory_notifier(OF_RECONFIG_UPDATE_PROPERTY): with the fix, drmem_update_lmbs() copies aa_index
     * of every LMB in the new property to the first drmem_info LMB with the same drc-index.
     */
    private void propertyUpdated(byte[] property) {
        if (!release.drmemUpdateAfterLpm()) {
            return;
        }
        dmesg.applied(PseriesRules.DRMEM_LPM_UPDATE);
        LmbTable updated = decode(property);
        for (int k = 0; k < updated.size(); k++) {
            int i = drmem.indexOfDrc(updated.drc[k]);
            if (i >= 0) {
                drmem.aa[i] = updated.aa[k];
            }
        }
    }

    /** drmem_update_dt(): the kernel rewrites the property from drmem_info, then the notifier sees it. */
    void drmemUpdateDt() {
        dmesg.applied(PseriesRules.DRMEM_STALE_WRITEBACK);
        byte[] property = publish(drmem);
        setDtProperty(property);
        propertyUpdated(property);
    }

    // ---- read and changed by Dlpar and Rtas ----

    LmbTable hvLmbs() {
        return hvLmbs;
    }

    LmbTable drmem() {
        return drmem;
    }

    int[] nid() {
        return nid;
    }

    boolean[] blockOffline() {
        return blockOffline;
    }

    boolean[] pinned() {
        return pinned;
    }

    Map<Long, String> lmbDevices() {
        return lmbDevices;
    }

    /** The id of the next pc-dimm QEMU plugs: dimm0, dimm1, ... as `pmdl diff` names them in device_add. */
    String nextPcDimm() {
        return "dimm" + pcDimms++;
    }
}
