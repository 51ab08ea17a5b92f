package org.pmdl.model.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class KernelProfileTest {
    @Test
    @DisplayName("6.1 (the oracle kernel, Debian linux-source 6.1.192) is known; 6.18 is the newest")
    void known() {
        KernelProfile k = KernelProfile.lookup("6.1").orElseThrow();
        assertTrue(KernelProfile.known().contains(k));
        assertEquals("6.18", KernelProfile.newest().name());
        assertTrue(k.smallRegionAlignFallback(), "region_devs.c default_align has the < 16M fallback in 6.1");
        assertFalse(k.ppc64ThpPud(), "6.1 arch/powerpc does not select HAVE_ARCH_TRANSPARENT_HUGEPAGE_PUD");
        assertTrue(KernelProfile.lookup("2.6").isEmpty());
    }

    @Test
    @DisplayName("a platform without kernel gets the newest profile CI checks against a real kernel: 6.12")
    void defaultIsTheNewestCheckedOnARealKernel() {
        assertEquals("6.12", KernelProfile.defaultProfile().name());
        assertEquals(List.of("6.1", "6.12"), KernelProfile.known().stream().filter(k -> k.realKernel() != null)
                .map(KernelProfile::name).toList());
    }

    @Test
    @DisplayName("6.6, 6.12 and 6.18 differ from 6.1 in the ppc64 PUD alignment, the zero-size pfn checks and 6.18's "
            + "kmem truncation warning only")
    void sinceSixOne() {
        KernelProfile v61 = KernelProfile.lookup("6.1").orElseThrow();
        for (String release : List.of("6.6", "6.12", "6.18")) {
            KernelProfile k = KernelProfile.lookup(release).orElseThrow();
            // arch/powerpc/platforms/Kconfig.cputype selects HAVE_ARCH_TRANSPARENT_HUGEPAGE_PUD (PPC_BOOK3S_64 in
            // 6.6, PPC_THP in 6.12 and 6.18); pfn_devs.c asks has_transparent_pud_hugepage() (6.12 observed: t612a)
            assertTrue(k.ppc64ThpPud(), release);
            // pfn_devs.c nd_pfn_init(): "if (offset >= (size - end_trunc))"; nd_pfn_validate(): "bad offset with
            // small namespace" (6.1.192 has neither; observed on 6.12.117: examples/x86/zero-size-pfn.pmdl)
            assertTrue(k.pfnZeroSizeChecks(), release);
            assertFalse(v61.pfnZeroSizeChecks());
            // drivers/dax/kmem.c dev_dax_kmem_probe(): "DAX region truncated by %s due to alignment" (6.18.35 only)
            assertEquals(release.equals("6.18"), k.kmemTruncationWarning(), release);
            assertEquals(new KernelProfile(v61.name(), v61.smallRegionAlignFallback(), true,
                    v61.regionAlignWithoutMappings(), v61.blkNamespaces(), v61.crossArchAlign(),
                    v61.kmemDriverManaged(), true, k.kmemTruncationWarning(), v61.regionRoNotify(), k.realKernel(),
                    k.source()),
                    new KernelProfile(v61.name(), k.smallRegionAlignFallback(), k.ppc64ThpPud(),
                    k.regionAlignWithoutMappings(), k.blkNamespaces(), k.crossArchAlign(), k.kmemDriverManaged(),
                    k.pfnZeroSizeChecks(), k.kmemTruncationWarning(), k.regionRoNotify(), k.realKernel(), k.source()),
                    release + " differs from 6.1 elsewhere");
        }
    }

    @Test
    @DisplayName("5.10 differs from 6.1 in align_store on a region without mappings (5.10.223 vs 6.1.192 source)")
    void linux510() {
        KernelProfile k = KernelProfile.lookup("5.10").orElseThrow();
        assertTrue(KernelProfile.known().indexOf(k) < KernelProfile.known().indexOf(KernelProfile.lookup("6.1").orElseThrow()));
        // 5.10 region_devs.c align_store: "if (!nd_region->ndr_mappings) return -ENXIO;" (observed: t12);
        // 6.1: "mappings = max_t(u32, 1, nd_region->ndr_mappings);" (observed: t10)
        assertFalse(k.regionAlignWithoutMappings());
        assertTrue(KernelProfile.lookup("6.1").orElseThrow().regionAlignWithoutMappings());
        // the 5.10 stable series carries the < 16M default_align fallback (5.10.223 region_devs.c default_align)
        assertTrue(k.smallRegionAlignFallback());
    }
}
