package org.pmdl.model.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pmdl.model.Fixtures.G;
import static org.pmdl.model.Fixtures.K;
import static org.pmdl.model.Fixtures.M;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.pmdl.model.Fixtures;
import org.pmdl.model.kernel.KernelProfile;
import org.pmdl.model.topology.Arch;
import org.pmdl.model.topology.Mmu;
import org.pmdl.model.topology.PersistenceDomain;

class PlatformFactsTest {
    private static PlatformFacts facts(Arch arch, Mmu mmu, long page, long linear) {
        return facts(arch, mmu, page, linear, "6.1");
    }

    private static PlatformFacts facts(Arch arch, Mmu mmu, long page, long linear, String release) {
        return PlatformFacts.of(Fixtures.platform("p", arch, mmu, page, linear, List.of(), List.of()),
                KernelProfile.lookup(release).orElseThrow());
    }

    @Test
    @DisplayName("seed-rules-D §4.1 / book3s64 pgtable.c memremap_compat_align: x86 2M, radix 2M, hash max(2M, linear)")
    void compatAlign() {
        assertEquals(2 * M, facts(Arch.X86_64, Mmu.NATIVE, 0, 0).memremapCompatAlign());
        assertEquals(2 * M, facts(Arch.PPC64, Mmu.RADIX, 0, 0).memremapCompatAlign());
        assertEquals(16 * M, facts(Arch.PPC64, Mmu.HASH, 0, 0).memremapCompatAlign(), "default linear page 16M");
        assertEquals(2 * M, facts(Arch.PPC64, Mmu.HASH, 0, M).memremapCompatAlign(), "1M linear page -> 2M");
        assertEquals(2 * M, facts(Arch.X86_64, Mmu.NATIVE, 0, 0).subsectionSize());
    }

    @Test
    @DisplayName("PAGE_SIZE: x86_64 4K only; ppc64 4K or 64K, default 64K")
    void pageSizes() {
        assertEquals(4 * K, PlatformFacts.defaultPageSize(Arch.X86_64));
        assertEquals(64 * K, PlatformFacts.defaultPageSize(Arch.PPC64));
        assertTrue(PlatformFacts.isSupportedPageSize(Arch.PPC64, 4 * K));
        assertFalse(PlatformFacts.isSupportedPageSize(Arch.X86_64, 64 * K));
        assertEquals(64 * K, facts(Arch.PPC64, Mmu.HASH, 0, 0).pageSize());
        assertEquals(4 * K, facts(Arch.PPC64, Mmu.RADIX, 4 * K, 0).pageSize());
    }

    @Test
    @DisplayName("pfn_devs.c nd_pfn_supported_alignments with 6.1 PMD/PUD sizes (t02: x86 seeds 4096 2097152 1073741824)")
    void pfnAlignments() {
        assertEquals(List.of(4 * K, 2 * M, G), facts(Arch.X86_64, Mmu.NATIVE, 0, 0).supportedPfnAlignments());
        assertEquals(2 * M, facts(Arch.X86_64, Mmu.NATIVE, 0, 0).defaultPfnAlign());
        assertEquals(List.of(64 * K, 16 * M), facts(Arch.PPC64, Mmu.HASH, 64 * K, 0).supportedPfnAlignments());
        assertEquals(List.of(64 * K, 2 * M), facts(Arch.PPC64, Mmu.RADIX, 64 * K, 0).supportedPfnAlignments());
        assertEquals(List.of(4 * K), facts(Arch.PPC64, Mmu.HASH, 4 * K, 0).supportedPfnAlignments(),
                "hash__has_transparent_hugepage needs a 16M PMD");
        assertEquals(4 * K, facts(Arch.PPC64, Mmu.HASH, 4 * K, 0).defaultPfnAlign());
    }

    @Test
    @DisplayName("hash__has_transparent_hugepage needs the hypervisor's 16M page: a 64K linear map has none (p01)")
    void hashWithoutSixteenMegPages() {
        // Linux 6.1 pseries under QEMU cap-hpt-max-page-size=64K: pfn supported_alignments 65536, default 65536
        assertEquals(List.of(64 * K), facts(Arch.PPC64, Mmu.HASH, 64 * K, 64 * K).supportedPfnAlignments());
        assertEquals(64 * K, facts(Arch.PPC64, Mmu.HASH, 64 * K, 64 * K).defaultPfnAlign());
        assertEquals(2 * M, facts(Arch.PPC64, Mmu.HASH, 64 * K, 64 * K).memremapCompatAlign());
        assertEquals(16 * M, facts(Arch.PPC64, Mmu.HASH, 64 * K, 16 * M).defaultPfnAlign());
    }

    @Test
    @DisplayName("since 6.6 ppc64 radix offers HPAGE_PUD_SIZE (has_transparent_pud_hugepage); observed on the pseries "
            + "kernels: 6.1.192 '65536 2097152', 6.12.117 '65536 2097152 1073741824' (t612a)")
    void pudAlignmentOnRadixSince66() {
        for (String release : List.of("6.6", "6.12", "6.18")) {
            assertEquals(List.of(64 * K, 2 * M, G), facts(Arch.PPC64, Mmu.RADIX, 64 * K, 0, release)
                    .supportedPfnAlignments(), release);
            assertEquals(List.of(4 * K, 2 * M, G), facts(Arch.PPC64, Mmu.RADIX, 4 * K, 0, release)
                    .supportedPfnAlignments(), "radix-4k PUD_SHIFT 30: " + release);
            // hash: has_transparent_pud_hugepage() is radix-only (book3s/64/pgtable.h)
            assertEquals(List.of(64 * K, 16 * M), facts(Arch.PPC64, Mmu.HASH, 64 * K, 0, release)
                    .supportedPfnAlignments(), release);
            assertEquals(List.of(4 * K, 2 * M, G), facts(Arch.X86_64, Mmu.NATIVE, 0, 0, release)
                    .supportedPfnAlignments(), release);
        }
        assertEquals(List.of(64 * K, 2 * M), facts(Arch.PPC64, Mmu.RADIX, 64 * K, 0, "6.1").supportedPfnAlignments());
    }

    @Test
    @DisplayName("default persistence: x86 QEMU NFIT none set (t06a: ndctl unknown); ppc64 memory_controller")
    void persistence() {
        assertEquals(PersistenceDomain.UNKNOWN, facts(Arch.X86_64, Mmu.NATIVE, 0, 0).defaultPersistence());
        assertEquals(PersistenceDomain.MEMORY_CONTROLLER, facts(Arch.PPC64, Mmu.RADIX, 0, 0).defaultPersistence());
    }
}
