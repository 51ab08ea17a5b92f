package org.pmdl.model.pseries;

import org.pmdl.model.libnvdimm.Dmesg;
import org.pmdl.model.pseries.Pseries.Outcome;
import org.pmdl.model.rules.Rule;

/**
 * Dynamic reconfiguration of a partition: the hypervisor's hotplug request, the guest's handler
 * (arch/powerpc/platforms/pseries/hotplug-cpu.c, hotplug-memory.c, dlpar.c) and the RTAS calls between them.
 */
final class Dlpar {
    private final Pseries lpar;
    private final Dmesg dmesg;
    private final Cores cores;
    private final Rtas rtas;

    Dlpar(Pseries lpar) {
        this.lpar = lpar;
        this.dmesg = lpar.dmesg();
        this.cores = lpar.cores();
        this.rtas = lpar.rtas();
    }

    private Outcome ok() {
        return new Outcome(true, null, lpar.lparValues().orElseThrow(), null);
    }

    private Outcome error(String errno, Rule rule) {
        return new Outcome(false, errno, lpar.lparValues().orElseThrow(), rule);
    }

    // ---- DRCs (dlpar.c) ----

    /**
     * dlpar_acquire_drc(): the sensor must read UNUSABLE; allocation USABLE, then isolation UNISOLATE (undoing the
     * allocation if that fails); then ibm,configure-connector attaches the node.
     */
    private int acquire(long drc) {
        if (rtas.senseState(drc) != Rtas.DR_ENTITY_UNUSABLE) {
            return -1;
        }
        int rc = rtas.setIndicator(Rtas.ALLOCATION_STATE, drc, Rtas.ALLOC_USABLE);
        if (rc != Rtas.SUCCESS) {
            return rc;
        }
        rc = rtas.setIndicator(Rtas.ISOLATION_STATE, drc, Rtas.UNISOLATE);
        if (rc != Rtas.SUCCESS) {
            rtas.setIndicator(Rtas.ALLOCATION_STATE, drc, Rtas.ALLOC_UNUSABLE);
            return rc;
        }
        rtas.configured(drc);
        return 0;
    }

    /** dlpar_release_drc(): the sensor must read PRESENT; isolation ISOLATE, then allocation UNUSABLE. */
    private int release(long drc) {
        if (rtas.senseState(drc) != Rtas.DR_ENTITY_PRESENT) {
            return -1;
        }
        int rc = rtas.setIndicator(Rtas.ISOLATION_STATE, drc, Rtas.ISOLATE);
        if (rc != Rtas.SUCCESS) {
            return rc;
        }
        rc = rtas.setIndicator(Rtas.ALLOCATION_STATE, drc, Rtas.ALLOC_UNUSABLE);
        if (rc != Rtas.SUCCESS) {
            rtas.setIndicator(Rtas.ISOLATION_STATE, drc, Rtas.UNISOLATE);
        }
        return rc;
    }

    // ---- CPUs ----

    /** The hypervisor plugs a core (QEMU device_add host-spapr-cpu-core,core-id=N,id=coreN); dlpar_cpu_add(). */
    Outcome addCpu(int core) {
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
    Outcome removeCpu(int core) {
        if (core < 0 || core >= cores.max || !cores.present[core]) {
            return error("EINVAL", PseriesRules.CPU_OFFLINE_LAST);
        }
        long drc = Cores.drcIndex(core);
        rtas.requestUnplug(drc);
        dmesg.applied(PseriesRules.CPU_OFFLINE_LAST);
        int rc = dlparOfflineCpu(core);
        if (rc != 0) {
            dmesg.kernel("pseries-hotplug-cpu: Failed to offline CPU " + lpar.cpuNodeName() + ", rc: " + rc);
            if (lpar.release().unisolateOnCpuRemoveFailure()) {
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
            if (lpar.release().lastOnlineCpuMessage()) {
                dmesg.kernel("pseries-hotplug-cpu: Unable to remove last online CPU " + lpar.cpuNodeName());
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
    Outcome setOnline(int cpu, boolean online) {
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

    Outcome addMemory(Long count, Long drcIndex) {
        return changeMemory(true, count, drcIndex);
    }

    Outcome removeMemory(Long count, Long drcIndex) {
        return changeMemory(false, count, drcIndex);
    }

    /**
     * dlpar_memory_{add,remove}_by_{count,index}(), then drmem_update_dt(). By count the kernel first counts the
     * LMBs it could take (unassigned ones to add, assigned ones to remove) and refuses the whole request with
     * -EINVAL when there are too few; it then takes them in drmem order.
     */
    private Outcome changeMemory(boolean add, Long count, Long drcIndex) {
        dmesg.applied(PseriesRules.DLPAR_MEMORY);
        LmbTable drmem = lpar.drmem();
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
        lpar.drmemUpdateDt();
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
        LmbTable drmem = lpar.drmem();
        LmbTable hv = lpar.hvLmbs();
        long drc = Integer.toUnsignedLong(drmem.drc[i]);
        hv.flags[i] |= LmbTable.DRCONF_MEM_ASSIGNED; // the hypervisor plugs the memory first
        rtas.plugged(drc);
        acquire(drc);
        drmem.aa[i] = hv.aa[i];
        lpar.nid()[i] = hv.aa[i];
        drmem.flags[i] |= LmbTable.DRCONF_MEM_ASSIGNED;
    }

    /**
     * dlpar_remove_lmb() (the model assumes every assigned LMB's memory can go offline): aa_index invalidated,
     * ASSIGNED cleared; then dlpar_release_drc().
     */
    private void removeLmb(int i) {
        LmbTable drmem = lpar.drmem();
        long drc = Integer.toUnsignedLong(drmem.drc[i]);
        drmem.aa[i] = LmbTable.INVALID_AA;
        lpar.nid()[i] = -1;
        drmem.flags[i] &= ~LmbTable.DRCONF_MEM_ASSIGNED;
        rtas.requestUnplug(drc); // the hypervisor's request covers the LMBs the kernel gives back
        release(drc);
        dmesg.kernel("pseries-hotplug-mem: Memory at " + Long.toHexString(drmem.base[i]) + " was hot-removed");
    }
}
