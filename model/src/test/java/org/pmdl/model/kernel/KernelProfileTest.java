package org.pmdl.model.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class KernelProfileTest {
    @Test
    @DisplayName("6.1 (the oracle kernel, Debian linux-source 6.1.192) is known and is the newest")
    void known() {
        KernelProfile k = KernelProfile.lookup("6.1").orElseThrow();
        assertEquals(k, KernelProfile.newest());
        assertTrue(KernelProfile.known().contains(k));
        assertTrue(k.smallRegionAlignFallback(), "region_devs.c default_align has the < 16M fallback in 6.1");
        assertFalse(k.ppc64ThpPud(), "6.1 arch/powerpc does not select HAVE_ARCH_TRANSPARENT_HUGEPAGE_PUD");
        assertTrue(KernelProfile.lookup("2.6").isEmpty());
    }

    @Test
    @DisplayName("5.10 differs from 6.1 in align_store on a region without mappings (5.10.223 vs 6.1.192 source)")
    void linux510() {
        KernelProfile k = KernelProfile.lookup("5.10").orElseThrow();
        assertTrue(KernelProfile.known().indexOf(k) < KernelProfile.known().indexOf(KernelProfile.newest()));
        // 5.10 region_devs.c align_store: "if (!nd_region->ndr_mappings) return -ENXIO;" (observed: t12);
        // 6.1: "mappings = max_t(u32, 1, nd_region->ndr_mappings);" (observed: t10)
        assertFalse(k.regionAlignWithoutMappings());
        assertTrue(KernelProfile.lookup("6.1").orElseThrow().regionAlignWithoutMappings());
        // the 5.10 stable series carries the < 16M default_align fallback (5.10.223 region_devs.c default_align)
        assertTrue(k.smallRegionAlignFallback());
    }
}
