package org.pmdl.model.pseries;

import java.util.ArrayList;
import java.util.List;

/**
 * The partition's processor cores and their DRCs, one thread per core (QEMU -smp N,threads=1): which cores the
 * hypervisor has plugged, which the guest has online, and which removals are pending. CPU DRC indexes are
 * 0x10000000 + core id (QEMU spapr_drc: type CPU in the top nibble).
 */
final class Cores {
    static final long CPU_DRC_BASE = 0x10000000L;

    final int max;
    final boolean[] present;
    final boolean[] online;
    final boolean[] unplugPending;
    /** The QEMU device id of a core added with device_add ("core1"); boot cores (-smp) have none. */
    final String[] deviceId;

    Cores(int cpus, int max) {
        this.max = max;
        present = new boolean[max];
        online = new boolean[max];
        unplugPending = new boolean[max];
        deviceId = new String[max];
        for (int i = 0; i < cpus && i < max; i++) {
            present[i] = true;
            online[i] = true;
        }
    }

    int onlineCount() {
        int n = 0;
        for (boolean b : online) {
            n += b ? 1 : 0;
        }
        return n;
    }

    static long drcIndex(int core) {
        return CPU_DRC_BASE + core;
    }

    /** A kernel boot brings every present core online. */
    void boot() {
        System.arraycopy(present, 0, online, 0, max);
    }

    String list(boolean[] which) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < max; i++) {
            if (which[i]) {
                ids.add(Integer.toString(i));
            }
        }
        return String.join(" ", ids);
    }
}
