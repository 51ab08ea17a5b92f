package org.pmdl.model.ocxl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pmdl.model.kernel.Errno;
import org.pmdl.model.libnvdimm.Dmesg;

/**
 * SM-1: one OpenCAPI link's LPC window (drivers/misc/ocxl/link.c) and its AFUs' view of it (core.c
 * configure_afu, map_lpc_mem, unmap_lpc_mem). Sizes and addresses are u64, compared unsigned.
 */
final class OcxlLink {
    /** An AFU's state: configured (its memory tallied), and its mapped resources (0 when unmapped). */
    static final class AfuState {
        final OcxlSpec.Afu spec;
        boolean configured;
        long lpcResStart;
        long spResStart;

        AfuState(OcxlSpec.Afu spec) {
            this.spec = spec;
        }

        boolean mapped() {
            return lpcResStart != 0 || spResStart != 0;
        }
    }

    private final Powernv platform;
    private final Dmesg dmesg;
    private final Map<String, AfuState> afus = new LinkedHashMap<>();
    private final Warnings warnings;
    private long lpcMemSz;
    private long lpcMem;
    /** The size asked of the platform at the first map: the window that is fixed until the last release. */
    private long windowSize;
    private int consumers;

    OcxlLink(OcxlSpec card, Powernv platform, Dmesg dmesg, Warnings warnings) {
        this.platform = platform;
        this.dmesg = dmesg;
        this.warnings = warnings;
        card.afus().forEach(a -> afus.put(a.name(), new AfuState(a)));
    }

    AfuState afu(String name) {
        return afus.get(name);
    }

    /** configure_afu(): tallies the AFU's memory; a wrap undoes the configuration (MMIO, PASID, acTag). */
    void configure(AfuState afu) throws OcxlError {
        if (afu.spec.total() != 0) {
            addLpcMem(afu.spec.lpcOffset(), afu.spec.total());
        }
        afu.configured = true;
    }

    /** ocxl_link_add_lpc_mem(): the high-water mark offset + size, -EINVAL when it wraps. */
    private void addLpcMem(long offset, long size) throws OcxlError {
        long end = offset + size;
        if (Long.compareUnsigned(offset, end) > 0) {
            dmesg.kernel("ocxl: configure_afu: ocxl_link_add_lpc_mem returned -22; unmapped MMIO, reclaimed PASID, "
                    + "reclaimed acTag");
            throw new OcxlError(Errno.EINVAL, OcxlRules.LPC_WRAP);
        }
        dmesg.applied(OcxlRules.LPC_HIGH_WATER);
        if (lpcMem != 0 && Long.compareUnsigned(end, windowSize) > 0) {
            dmesg.applied(OcxlRules.LPC_MAP_ORDER);
            warnings.add(OcxlRules.LPC_MAP_ORDER, OcxlRules.LPC_MAP_ORDER.message(String.format("%#x", end),
                    String.format("%#x", windowSize)));
        }
        if (Long.compareUnsigned(end, lpcMemSz) > 0) {
            lpcMemSz = end;
        }
    }

    /**
     * The AFU the pmem device maps: the first with LPC memory. A card with none has nothing to map, the same
     * decision as {@link #map}'s for one AFU, and the probe fails -ENXIO.
     */
    AfuState firstWithLpc() throws OcxlError {
        return afus.values().stream().filter(a -> a.spec.lpcSize() > 0).findFirst()
                .orElseThrow(() -> new OcxlError(Errno.ENXIO, OcxlRules.LPC_MAP_EMPTY));
    }

    /** map_lpc_mem() over ocxl_link_lpc_map(). */
    void map(AfuState afu) throws OcxlError {
        if (afu.spec.total() == 0) {
            dmesg.applied(OcxlRules.LPC_MAP_EMPTY);
            return;
        }
        dmesg.applied(OcxlRules.LPC_MAP);
        if (lpcMem == 0) {
            lpcMem = platform.lpcSetup(lpcMemSz);
            windowSize = lpcMemSz;
        }
        if (lpcMem == 0) {
            throw new OcxlError(Errno.EINVAL, OcxlRules.LPC_MAP_FAILED);
        }
        consumers++;
        afu.lpcResStart = afu.spec.lpcSize() == 0 ? 0 : lpcMem + afu.spec.lpcOffset();
        afu.spResStart = afu.spec.spSize() == 0 ? 0 : lpcMem + afu.spec.spOffset();
    }

    /** unmap_lpc_mem() over ocxl_link_lpc_release(): only a mapped AFU releases a consumer. */
    void release(AfuState afu) {
        dmesg.applied(OcxlRules.LPC_RELEASE);
        if (!afu.mapped()) {
            return;
        }
        afu.lpcResStart = 0;
        afu.spResStart = 0;
        linkRelease();
    }

    /** ocxl_link_lpc_release(): a no-op without a window (v4's early exit). */
    private void linkRelease() {
        if (lpcMem == 0) {
            return;
        }
        if (--consumers < 0) {
            warnings.add(OcxlRules.LPC_RELEASE, OcxlRules.LPC_RELEASE.message());
        }
        if (consumers == 0) {
            platform.lpcRelease();
            lpcMem = 0;
        }
    }

    long lpcMem() {
        return lpcMem;
    }

    Map<String, Object> values() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("lpc_mem_sz", lpcMemSz);
        v.put("lpc_mem", lpcMem);
        v.put("window_size", lpcMem == 0 ? 0L : windowSize);
        v.put("lpc_consumers", (long) consumers);
        v.put("opal_allocs", platform.allocCalls());
        v.put("opal_releases", platform.releaseCalls());
        v.put("leaked_windows", (long) platform.leakedWindows());
        return v;
    }

    static Map<String, Object> values(AfuState afu) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("configured", afu.configured);
        v.put("lpc_res_start", afu.lpcResStart);
        v.put("lpc_res_end", afu.lpcResStart == 0 ? 0L : afu.lpcResStart + afu.spec.lpcSize() - 1);
        v.put("special_purpose_res_start", afu.spResStart);
        v.put("special_purpose_res_end", afu.spResStart == 0 ? 0L : afu.spResStart + afu.spec.spSize() - 1);
        return v;
    }
}
