package org.pmdl.model.pseries;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.pmdl.model.libnvdimm.Dmesg;
import org.pmdl.model.papr.HcallTrace;

/**
 * RTAS get-sensor-state and set-indicator on logical DRCs (CPU cores, LMBs), with the DRC state machine QEMU
 * implements from PAPR 13.5.3 (hw/ppc/spapr_drc.c: drc_isolate_logical, drc_unisolate_logical, drc_set_usable,
 * drc_set_unusable, logical_entity_sense). PowerVM is assumed to follow the same PAPR states; only QEMU's own
 * additions (the unplug rollback, refusing to isolate an LMB nobody asked to unplug) are QEMU's.
 */
final class Rtas {
    /** SPAPR_DRC_STATE_LOGICAL_*. */
    enum State { UNUSABLE, AVAILABLE, UNISOLATE, CONFIGURED }

    /** RTAS tokens (arch/powerpc/include/asm/rtas.h) and values. */
    static final int ISOLATION_STATE = 9001;
    static final int DR_INDICATOR = 9002;
    static final int ALLOCATION_STATE = 9003;
    static final int DR_ENTITY_SENSE = 9003;
    static final int ISOLATE = 0;
    static final int UNISOLATE = 1;
    static final int ALLOC_UNUSABLE = 0;
    static final int ALLOC_USABLE = 1;
    static final int DR_ENTITY_PRESENT = 1;
    static final int DR_ENTITY_UNUSABLE = 2;
    /** RTAS_OUT_* (hw/ppc/spapr.h): NO_SUCH_INDICATOR and PARAM_ERROR are both -3. */
    static final int SUCCESS = 0;
    static final int HW_ERROR = -1;
    static final int NO_SUCH_INDICATOR = -3;
    static final int PARAM_ERROR = -3;

    private final HcallTrace trace;
    private final Dmesg dmesg;
    private final Cores cores;
    private final Drmem memory;
    /** QEMU's DRC rules (the unplug rollback, no isolating an LMB nobody asked to unplug); else PowerVM's. */
    private final boolean qemu;
    /** DRCs away from the state their device gives them at reset (ready: CONFIGURED; none: UNUSABLE). */
    private final Map<Long, State> moved = new HashMap<>();
    private final Set<Long> lmbUnplugRequested = new HashSet<>();

    Rtas(HcallTrace trace, Dmesg dmesg, Cores cores, Drmem memory, boolean qemu) {
        this.trace = trace;
        this.dmesg = dmesg;
        this.cores = cores;
        this.memory = memory;
        this.qemu = qemu;
    }

    /** The indicators a step can name: isolation-state (9001), dr-indicator (9002), allocation-state (9003). */
    static final java.util.List<String> INDICATORS = java.util.List.of("isolation-state", "dr-indicator",
            "allocation-state");

    static int indicatorToken(String name) {
        return ISOLATION_STATE + INDICATORS.indexOf(name);
    }

    /** A device plugged at run time: its DRC starts UNUSABLE until the guest acquires it (spapr_drc_attach). */
    void plugged(long drc) {
        moved.put(drc, State.UNUSABLE);
    }

    /** spapr_drc_reset() at a machine reset: every DRC back to its device's state. */
    void reset() {
        moved.clear();
    }

    State state(long drc) {
        return moved.getOrDefault(drc, hasDevice(drc) ? State.CONFIGURED : State.UNUSABLE);
    }

    private void set(long drc, State state) {
        if (state == (hasDevice(drc) ? State.CONFIGURED : State.UNUSABLE)) {
            moved.remove(drc);
        } else {
            moved.put(drc, state);
        }
    }

    boolean exists(long drc) {
        return core(drc) >= 0 || memory.hvLmbs().indexOfDrc((int) drc) >= 0;
    }

    private int core(long drc) {
        long core = drc - Cores.CPU_DRC_BASE;
        return core >= 0 && core < cores.max ? (int) core : -1;
    }

    /** The DRC has a device behind it: a plugged core, an LMB the hypervisor gave the partition. */
    private boolean hasDevice(long drc) {
        int core = core(drc);
        if (core >= 0) {
            return cores.present[core];
        }
        int lmb = memory.hvLmbs().indexOfDrc((int) drc);
        return lmb >= 0 && memory.hvLmbs().assigned(lmb);
    }

    boolean unplugRequested(long drc) {
        int core = core(drc);
        return core >= 0 ? cores.unplugPending[core] : lmbUnplugRequested.contains(drc);
    }

    void requestUnplug(long drc) {
        int core = core(drc);
        if (core >= 0) {
            cores.unplugPending[core] = true;
        } else {
            lmbUnplugRequested.add(drc);
        }
    }

    /** QEMU cancels an unplug per device: a core, or every LMB of a pc-dimm (spapr_memory_unplug_rollback). */
    private void clearUnplug(long drc) {
        int core = core(drc);
        if (core >= 0) {
            cores.unplugPending[core] = false;
        } else {
            String dimm = memory.lmbDevices().get(drc);
            lmbUnplugRequested.removeIf(lmb -> lmb == drc || dimm != null && dimm.equals(memory.lmbDevices().get(lmb)));
        }
    }

    /** The hypervisor completes an unplug (spapr_drc_release): the core or the LMB leaves the partition. */
    void release(long drc) {
        int core = core(drc);
        if (core >= 0) {
            cores.present[core] = false;
            cores.online[core] = false;
            cores.deviceId[core] = null;
        } else {
            LmbTable hvLmbs = memory.hvLmbs();
            hvLmbs.flags[hvLmbs.indexOfDrc((int) drc)] &= ~LmbTable.DRCONF_MEM_ASSIGNED;
        }
    }

    /** get-sensor-state(dr-entity-sense): UNUSABLE (2) for an unusable DRC, else PRESENT (1). */
    int senseState(long drc) {
        if (!exists(drc)) {
            trace.rtas("get-sensor-state", NO_SUCH_INDICATOR, DR_ENTITY_SENSE, drc);
            return NO_SUCH_INDICATOR;
        }
        int sense = state(drc) == State.UNUSABLE ? DR_ENTITY_UNUSABLE : DR_ENTITY_PRESENT;
        trace.rtas("get-sensor-state", SUCCESS, "state=" + sense, DR_ENTITY_SENSE, drc);
        return sense;
    }

    /** set-indicator(token, drc, value): the RTAS status. */
    int setIndicator(int token, long drc, int value) {
        int rc = !exists(drc) ? NO_SUCH_INDICATOR
                : token == ISOLATION_STATE ? (value == UNISOLATE ? unisolate(drc) : isolate(drc))
                : token == ALLOCATION_STATE ? (value == ALLOC_USABLE ? setUsable(drc) : setUnusable(drc))
                : token == DR_INDICATOR ? SUCCESS
                : NO_SUCH_INDICATOR;
        trace.rtas("set-indicator", rc, token, drc, value);
        return rc;
    }

    /** drc_isolate_logical(). */
    private int isolate(long drc) {
        switch (state(drc)) {
            case AVAILABLE, UNUSABLE -> {
                return SUCCESS;
            }
            case UNISOLATE -> {
                return PARAM_ERROR;
            }
            default -> { }
        }
        if (core(drc) < 0 && qemu && !unplugRequested(drc)) {
            return HW_ERROR; // QEMU: an LMB of a DIMM nobody is unplugging stays
        }
        set(drc, State.AVAILABLE);
        return SUCCESS;
    }

    /**
     * drc_unisolate_logical(): on an UNISOLATE or CONFIGURED DRC a no-op that returns success (seed 002), which
     * QEMU reads as the guest refusing a pending unplug: it cancels it and reports the device by id.
     */
    private int unisolate(long drc) {
        switch (state(drc)) {
            case UNISOLATE, CONFIGURED -> {
                if (qemu && unplugRequested(drc) && hasDevice(drc)) {
                    dmesg.applied(PseriesRules.QEMU_UNPLUG_ROLLBACK);
                    clearUnplug(drc);
                    String id = deviceId(drc);
                    if (id != null) {
                        dmesg.kernel("qemu-system-ppc64: Device hotunplug rejected by the guest for device " + id);
                    }
                }
                return SUCCESS;
            }
            case UNUSABLE -> {
                return NO_SUCH_INDICATOR;
            }
            default -> {
                set(drc, State.UNISOLATE);
                return SUCCESS;
            }
        }
    }

    private String deviceId(long drc) {
        int core = core(drc);
        return core >= 0 ? cores.deviceId[core] : memory.lmbDevices().get(drc);
    }

    /** drc_set_usable(): a DRC without a device, or one being unplugged, cannot become usable. */
    private int setUsable(long drc) {
        if (state(drc) != State.UNUSABLE) {
            return SUCCESS;
        }
        if (!hasDevice(drc) || unplugRequested(drc)) {
            return NO_SUCH_INDICATOR;
        }
        set(drc, State.AVAILABLE);
        return SUCCESS;
    }

    /** drc_set_unusable(): from AVAILABLE only; with an unplug pending the hypervisor releases the device. */
    private int setUnusable(long drc) {
        switch (state(drc)) {
            case UNUSABLE -> {
                return SUCCESS;
            }
            case UNISOLATE, CONFIGURED -> {
                return NO_SUCH_INDICATOR;
            }
            default -> { }
        }
        if (unplugRequested(drc)) {
            clearUnplug(drc);
            release(drc);
        }
        set(drc, State.UNUSABLE);
        return SUCCESS;
    }

    /** ibm,configure-connector completed: the OS attached the node. */
    void configured(long drc) {
        if (state(drc) == State.UNISOLATE) {
            set(drc, State.CONFIGURED);
        }
    }
}
