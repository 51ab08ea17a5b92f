package org.pmdl.model.ocxl;

import java.util.ArrayList;
import java.util.List;
import org.pmdl.model.libnvdimm.Dmesg;

/**
 * The powernv side of an OpenCAPI link (arch/powerpc/platforms/powernv/ocxl.c): skiboot's NPU window calls and
 * the memory-hotplug addressability check. Every OPAL call is recorded with its rc.
 */
final class Powernv {
    static final int OPAL_NPU_MEM_ALLOC = 171;
    static final int OPAL_NPU_MEM_RELEASE = 172;

    private final OcxlSpec card;
    private final Dmesg dmesg;
    private final String device;
    private final List<String> opalCalls = new ArrayList<>();
    /** Windows OPAL allocated and nobody released: the C-19 leak. */
    private int leakedWindows;

    private final Warnings warnings;

    Powernv(OcxlSpec card, Dmesg dmesg, Warnings warnings, String device) {
        this.card = card;
        this.warnings = warnings;
        this.dmesg = dmesg;
        this.device = device;
    }

    /** pnv_ocxl_platform_lpc_setup(): the window's base, or 0 on failure. */
    long lpcSetup(long size) {
        dmesg.applied(OcxlRules.OPAL_ALLOC);
        long rc = card.opalAllocRc();
        opalCalls.add(String.format("OPAL_NPU_MEM_ALLOC(phb=%#x, bdfn=%#x, size=%#x) = %d", card.phbId(), card.bdfn(),
                size, rc));
        if (rc != 0) {
            dmesg.kernel(device + ": OPAL could not allocate LPC memory, rc=" + rc);
            return 0;
        }
        long base = card.opalBase(); // be64_to_cpu of the OPAL answer
        if (!addressable(base, size)) {
            leakedWindows++;
            warnings.add(OcxlRules.OPAL_WINDOW_LEAK, OcxlRules.OPAL_WINDOW_LEAK.message(String.format("%#x", base),
                    String.format("%#x", size)));
            return 0;
        }
        return base;
    }

    /**
     * check_hotplug_memory_addressable(base >> PAGE_SHIFT, size >> PAGE_SHIFT): max_addr = PFN_PHYS(pfn +
     * nr_pages) - 1 must fit in MAX_PHYSMEM_BITS, else a WARN and -E2BIG.
     */
    private boolean addressable(long base, long size) {
        dmesg.applied(OcxlRules.ADDRESSABLE);
        long maxAddr = base + size - 1;
        if ((maxAddr >>> card.maxPhysmemBits()) == 0) {
            return true;
        }
        long maxAllowed = (1L << (card.maxPhysmemBits() + 1)) - 1;
        dmesg.kernel(String.format("WARNING: Hotplugged memory exceeds maximum addressable address, range=%#x-%#x, "
                + "maximum=%#x", base, maxAddr, maxAllowed));
        return false;
    }

    /** pnv_ocxl_platform_lpc_release(). */
    void lpcRelease() {
        dmesg.applied(OcxlRules.OPAL_RELEASE);
        long rc = card.opalReleaseRc();
        opalCalls.add(String.format("OPAL_NPU_MEM_RELEASE(phb=%#x, bdfn=%#x) = %d", card.phbId(), card.bdfn(), rc));
        if (rc != 0) {
            dmesg.kernel(device + ": OPAL reported rc=" + rc + " when releasing LPC memory");
        }
    }

    long allocCalls() {
        return opalCalls.stream().filter(c -> c.startsWith("OPAL_NPU_MEM_ALLOC")).count();
    }

    long releaseCalls() {
        return opalCalls.stream().filter(c -> c.startsWith("OPAL_NPU_MEM_RELEASE")).count();
    }

    int leakedWindows() {
        return leakedWindows;
    }

    List<String> opalCalls() {
        return opalCalls;
    }
}
