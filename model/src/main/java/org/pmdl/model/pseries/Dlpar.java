package org.pmdl.model.pseries;

import java.util.ArrayList;
import java.util.List;
import org.pmdl.model.libnvdimm.Dmesg;
import org.pmdl.model.rules.Rule;

/**
 * Dynamic reconfiguration of a partition: the hypervisor's hotplug request, the guest's handler
 * (arch/powerpc/platforms/pseries/hotplug-cpu.c, hotplug-memory.c, dlpar.c) and the RTAS calls between them.
 */
final class Dlpar {
    private final Dmesg dmesg;
    private final Cores cores;
    private final Rtas rtas;
    private final Drmem memory;
    /** The CPU node's name in the guest's messages ("PowerPC,POWER9"). */
    private final String cpuNodeName;
    /** The partition: what every DLPAR step shows is its values after it (a reference, not a lambda: runs are copied). */
    private final Pseries partition;
    /** The booted kernel's hotplug behaviour. */
    private PseriesRelease kernel;

    Dlpar(Dmesg dmesg, Cores cores, Rtas rtas, Drmem memory, String cpuNodeName,
            Pseries partition) {
        this.dmesg = dmesg;
        this.cores = cores;
        this.rtas = rtas;
        this.memory = memory;
        this.cpuNodeName = cpuNodeName;
        this.partition = partition;
    }

    void boot(PseriesRelease kernel) {
        this.kernel = kernel;
    }

    private PseriesOutcome ok() {
        return new PseriesOutcome(true, null, partition.lparValues().orElseThrow(), null);
    }

    private PseriesOutcome error(String errno, Rule rule) {
        return new PseriesOutcome(false, errno, partition.lparValues().orElseThrow(), rule);
    }

    // ---- DRCs (dlpar.c) ----

    /**
     * dlpar_acquire_drc(): the sensor must read UNUSABLE; allocation USABLE, then isolation UNISOLATE (undoing the
     * allocation if that fails); then ibm,configure-connector attaches the node.
     */
    private int acquire(long drc) {
        int rc = setIndicators(drc, Rtas.DR_ENTITY_UNUSABLE, Rtas.ALLOCATION_STATE, Rtas.ALLOC_USABLE,
                Rtas.ALLOC_UNUSABLE, Rtas.ISOLATION_STATE, Rtas.UNISOLATE);
        if (rc == Rtas.SUCCESS) {
            rtas.configured(drc);
        }
        return rc;
    }

    /**
     * dlpar_release_drc(): the sensor must read PRESENT; isolation ISOLATE, then allocation UNUSABLE (undoing the
     * isolation if that fails).
     */
    private int release(long drc) {
        return setIndicators(drc, Rtas.DR_ENTITY_PRESENT, Rtas.ISOLATION_STATE, Rtas.ISOLATE, Rtas.UNISOLATE,
                Rtas.ALLOCATION_STATE, Rtas.ALLOC_UNUSABLE);
    }

    /**
     * What acquire and release share: -1 unless the sensor reads {@code sense}; then set-indicator {@code first}
     * to {@code value} and {@code second} to {@code secondValue}, setting {@code first} back to {@code undo} when
     * the second fails. The first failing status, else SUCCESS.
     */
    private int setIndicators(long drc, int sense, int first, int value, int undo, int second, int secondValue) {
        if (rtas.senseState(drc) != sense) {
            return -1;
        }
        int rc = rtas.setIndicator(first, drc, value);
        if (rc != Rtas.SUCCESS) {
            return rc;
        }
        rc = rtas.setIndicator(second, drc, secondValue);
        if (rc != Rtas.SUCCESS) {
            rtas.setIndicator(first, drc, undo);
        }
        return rc;
    }

    // ---- CPUs ----

    /** The hypervisor plugs a core (QEMU device_add host-spapr-cpu-core,core-id=N,id=coreN); dlpar_cpu_add(). */
    PseriesOutcome addCpu(int core) {
        if (core < 0 || core >= cores.max || cores.present[core]) {
            return error("EINVAL", PseriesRules.CPU_OFFLINE_LAST);
        }
        cores.present[core] = true;
        cores.deviceId[core] = "core" + core;
        rtas.plugged(Cores.drcIndex(core));
        if (acquire(Cores.drcIndex(core)) != 0) {
            return error("EINVAL", PseriesRules.CPU_OFFLINE_LAST);
        }
        cores.online[core] = true;
        return ok();
    }

    /**
     * The hypervisor asks to remove a core (QEMU device_del): the DRC is pending removal and the guest runs
     * dlpar_cpu_remove_by_index(). When the core's CPU cannot go offline, 5.14+ kernels signal the failure by
     * unisolating the DRC, and QEMU rolls the unplug back.
     */
    PseriesOutcome removeCpu(int core) {
        if (core < 0 || core >= cores.max || !cores.present[core]) {
            return error("EINVAL", PseriesRules.CPU_OFFLINE_LAST);
        }
        long drc = Cores.drcIndex(core);
        rtas.requestUnplug(drc);
        dmesg.applied(PseriesRules.CPU_OFFLINE_LAST);
        int rc = dlparOfflineCpu(core);
        if (rc != 0) {
            dmesg.kernel("pseries-hotplug-cpu: Failed to offline CPU " + cpuNodeName + ", rc: " + rc);
            if (kernel.unisolateOnCpuRemoveFailure()) {
                dlparUnisolateDrc(drc);
            }
            return error("EINVAL", PseriesRules.CPU_OFFLINE_LAST);
        }
        release(drc); // allocation UNUSABLE with the unplug pending: the hypervisor removes the core
        return ok();
    }

    /** dlpar_offline_cpu(): -EBUSY for the last online CPU (5.14+ says so first); else the thread goes down. */
    private int dlparOfflineCpu(int core) {
        if (!cores.online[core]) {
            return 0;
        }
        if (cores.onlineCount() == 1) {
            if (kernel.lastOnlineCpuMessage()) {
                dmesg.kernel("pseries-hotplug-cpu: Unable to remove last online CPU " + cpuNodeName);
            }
            return -16;
        }
        offline(core);
        return 0;
    }

    private void offline(int cpu) {
        cores.online[cpu] = false;
        dmesg.kernel("cpu " + cpu + " (hwid " + cpu + ") Ready to die...");
    }

    /**
     * dlpar_unisolate_drc(): only an entity the sensor reports present gets set-indicator(UNISOLATE), whose
     * status is ignored; the signal's effect is the hypervisor's (Rtas.unisolate).
     */
    private void dlparUnisolateDrc(long drc) {
        dmesg.applied(PseriesRules.DRC_UNISOLATE);
        if (rtas.senseState(drc) == Rtas.DR_ENTITY_PRESENT) {
            rtas.setIndicator(Rtas.ISOLATION_STATE, drc, Rtas.UNISOLATE);
        }
    }

    /** echo 0|1 > /sys/devices/system/cpu/cpuN/online: cpu_down() refuses the last online CPU with -EBUSY. */
    PseriesOutcome setOnline(int cpu, boolean online) {
        if (cpu < 0 || cpu >= cores.max || !cores.present[cpu]) {
            return error("ENODEV", PseriesRules.CPU_OFFLINE_LAST);
        }
        if (online) {
            cores.online[cpu] = true;
        } else if (cores.online[cpu]) {
            dmesg.applied(PseriesRules.CPU_OFFLINE_LAST);
            if (cores.onlineCount() == 1) {
                return error("EBUSY", PseriesRules.CPU_OFFLINE_LAST);
            }
            offline(cpu);
        }
        return ok();
    }

    // ---- memory ----

    /**
     * dlpar_memory_{add,remove}_by_{count,index}(), then drmem_update_dt(). By count the kernel first counts the
     * LMBs it could take (unassigned ones to add, assigned ones to remove) and refuses the whole request with
     * -EINVAL when there are too few; it then takes them in drmem order.
     */
    PseriesOutcome changeMemory(boolean add, Long count, Long drcIndex) {
        dmesg.applied(PseriesRules.DLPAR_MEMORY);
        LmbTable drmem = memory.drmem();
        if (drcIndex != null && count != null) {
            return changeByIndexedCount(add, count, drcIndex);
        }
        if (drcIndex != null) {
            int i = drmem.indexOfDrc(drcIndex.intValue());
            if (i < 0 || drmem.assigned(i) == add) {
                return error("EINVAL", PseriesRules.DLPAR_MEMORY);
            }
            change(add, i);
        } else {
            dmesg.kernel("pseries-hotplug-mem: Attempting to hot-" + (add ? "add " : "remove ") + count + " LMB(s)");
            long available = 0;
            for (int i = 0; i < drmem.size() && available < count; i++) {
                available += drmem.assigned(i) != add ? 1 : 0;
            }
            if (count == 0 || available < count) {
                if (!add && count != 0) {
                    dmesg.kernel("pseries-hotplug-mem: Not enough LMBs available (" + available + " of " + count
                            + ") to satisfy request");
                }
                return error("EINVAL", PseriesRules.DLPAR_MEMORY);
            }
            long changed = 0;
            for (int i = 0; i < drmem.size() && changed < count; i++) {
                if (drmem.assigned(i) != add) {
                    change(add, i);
                    changed++;
                }
            }
        }
        memory.drmemUpdateDt();
        return ok();
    }

    /**
     * QEMU plugs (device_add) or unplugs (device_del) a pc-dimm of {@code count} LMBs from {@code drcIndex} on,
     * then dlpar_memory_{add,remove}_by_ic(): get_lmb_range(), the LMBs change, and the kernel logs each only once
     * all have; a remove releases their DRCs first. A refused remove is rolled back: -EINVAL.
     */
    private PseriesOutcome changeByIndexedCount(boolean add, long count, long drcIndex) {
        dmesg.kernel("pseries-hotplug-mem: Attempting to hot-" + (add ? "add " : "remove ") + count + " LMB(s) at "
                + (add ? "index " : "") + Long.toHexString(drcIndex));
        int first = lmbRange(count, drcIndex);
        if (first < 0) {
            return error("EINVAL", PseriesRules.DLPAR_MEMORY);
        }
        LmbTable drmem = memory.drmem();
        List<Integer> changed = add ? plugPcDimm(first, count, drcIndex) : unplugPcDimm(first, count);
        for (int i : changed == null ? List.<Integer>of() : changed) {
            long drc = Integer.toUnsignedLong(drmem.drc[i]);
            if (!add) {
                release(drc);
            }
            dmesg.kernel("pseries-hotplug-mem: Memory at " + Long.toHexString(drmem.base[i]) + " (drc index "
                    + Long.toHexString(drc) + ") was hot-" + (add ? "added" : "removed"));
        }
        memory.drmemUpdateDt();
        return changed == null ? error("EINVAL", PseriesRules.DLPAR_MEMORY) : ok();
    }

    /**
     * The hypervisor assigns the pc-dimm's LMBs first; dlpar_memory_add_by_ic() acquires and adds every LMB of
     * the range not yet assigned. The LMBs it added.
     */
    private List<Integer> plugPcDimm(int first, long count, long drcIndex) {
        String dimm = memory.nextPcDimm();
        List<Integer> added = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            memory.lmbDevices().put(drcIndex + i - first, dimm);
            if (!memory.drmem().assigned(i)) {
                addLmb(i);
                added.add(i);
            }
        }
        return added;
    }

    /**
     * dlpar_memory_remove_by_ic(): each assigned LMB of the range is removed (dlpar_remove_lmb: its memory block
     * goes offline first, which an online block holding unmovable pages refuses). On the first failure the kernel
     * logs "Memory indexed-count-remove failed", sets every LMB it had removed back to UNISOLATE (5.14+,
     * 29c9a2699e71: QEMU reads it as the guest refusing and rolls the unplug back) and adds them again: null.
     * Otherwise QEMU deletes the pc-dimm; the LMBs removed.
     */
    private List<Integer> unplugPcDimm(int first, long count) {
        LmbTable drmem = memory.drmem();
        for (int i = first; i < first + count; i++) {
            rtas.requestUnplug(Integer.toUnsignedLong(drmem.drc[i])); // QEMU asks for the whole DIMM
        }
        List<Integer> removed = new ArrayList<>();
        boolean refused = false;
        for (int i = first; i < first + count && !refused; i++) {
            if (!drmem.assigned(i)) {
                continue;
            }
            refused = !memory.blockOffline()[i] && memory.pinned()[i];
            if (!refused) {
                detachLmb(i);
                removed.add(i);
            }
        }
        if (refused) {
            dmesg.applied(PseriesRules.DRC_UNISOLATE);
            dmesg.kernel("pseries-hotplug-mem: Memory indexed-count-remove failed, adding any removed LMBs");
            for (int i : removed) {
                if (kernel.unisolateOnCpuRemoveFailure()) {
                    dlparUnisolateDrc(Integer.toUnsignedLong(drmem.drc[i]));
                }
                reattachLmb(i);
            }
            return null;
        }
        for (int i = first; i < first + count; i++) {
            memory.lmbDevices().remove(Integer.toUnsignedLong(drmem.drc[i]));
        }
        return removed;
    }

    /** get_lmb_range(): the first LMB of {@code count} from the DRC index on, or -1 when they are not all there. */
    private int lmbRange(long count, long drcIndex) {
        int first = memory.drmem().indexOfDrc((int) drcIndex);
        return count == 0 || first < 0 || first + count > memory.drmem().size() ? -1 : first;
    }

    /** `offline memory N`: the LMB's memory block goes offline; one holding unmovable pages cannot. */
    PseriesOutcome offlineBlock(long block) {
        int i = (int) block;
        if (block < 0 || block >= memory.drmem().size() || !memory.drmem().assigned(i)) {
            return error("EINVAL", PseriesRules.DLPAR_MEMORY);
        }
        if (!memory.blockOffline()[i] && memory.pinned()[i]) {
            return error("EBUSY", PseriesRules.DLPAR_MEMORY);
        }
        memory.blockOffline()[i] = true;
        return ok();
    }

    /** `pin memory`: unmovable pages fill the free memory of every online block. */
    PseriesOutcome pin() {
        for (int i = 0; i < memory.drmem().size(); i++) {
            memory.pinned()[i] |= memory.drmem().assigned(i) && !memory.blockOffline()[i];
        }
        return ok();
    }

    private void change(boolean add, int i) {
        if (add) {
            addLmb(i);
        } else {
            removeLmb(i);
        }
    }

    /** dlpar_acquire_drc(), then dlpar_add_lmb(): the associativity comes from ibm,configure-connector. */
    private void addLmb(int i) {
        LmbTable drmem = memory.drmem();
        LmbTable hv = memory.hvLmbs();
        long drc = Integer.toUnsignedLong(drmem.drc[i]);
        hv.flags[i] |= LmbTable.DRCONF_MEM_ASSIGNED; // the hypervisor plugs the memory first
        rtas.plugged(drc);
        acquire(drc);
        drmem.aa[i] = hv.aa[i];
        memory.nid()[i] = hv.aa[i];
        drmem.flags[i] |= LmbTable.DRCONF_MEM_ASSIGNED;
    }

    /**
     * dlpar_remove_lmb() (the model assumes every assigned LMB's memory can go offline): aa_index invalidated,
     * ASSIGNED cleared; then dlpar_release_drc().
     */
    private void removeLmb(int i) {
        LmbTable drmem = memory.drmem();
        long drc = Integer.toUnsignedLong(drmem.drc[i]);
        detachLmb(i);
        rtas.requestUnplug(drc); // the hypervisor's request covers the LMBs the kernel gives back
        release(drc);
        dmesg.kernel("pseries-hotplug-mem: Memory at " + Long.toHexString(drmem.base[i]) + " was hot-removed");
    }

    /** dlpar_remove_lmb(): the memory goes, aa_index is invalidated and ASSIGNED cleared. */
    private void detachLmb(int i) {
        LmbTable drmem = memory.drmem();
        drmem.aa[i] = LmbTable.INVALID_AA;
        memory.nid()[i] = -1;
        drmem.flags[i] &= ~LmbTable.DRCONF_MEM_ASSIGNED;
        memory.blockOffline()[i] = false;
        memory.pinned()[i] = false;
    }

    /** dlpar_add_lmb() of an LMB whose DRC the kernel still holds: back with the hypervisor's associativity. */
    private void reattachLmb(int i) {
        LmbTable drmem = memory.drmem();
        drmem.aa[i] = memory.hvLmbs().aa[i];
        memory.nid()[i] = drmem.aa[i];
        drmem.flags[i] |= LmbTable.DRCONF_MEM_ASSIGNED;
    }
}
