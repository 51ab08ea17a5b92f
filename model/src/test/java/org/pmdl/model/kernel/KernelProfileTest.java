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
}
