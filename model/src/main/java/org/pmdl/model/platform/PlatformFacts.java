package org.pmdl.model.platform;

import java.util.ArrayList;
import java.util.List;
import org.pmdl.model.kernel.KernelProfile;
import org.pmdl.model.topology.Arch;
import org.pmdl.model.topology.Mmu;
import org.pmdl.model.topology.PersistenceDomain;
import org.pmdl.model.topology.PlatformSpec;

/**
 * Facts the kernel derives from the architecture, MMU and page size of a platform (all with
 * CONFIG_ZONE_DEVICE and CONFIG_TRANSPARENT_HUGEPAGE on, as in the Debian and pseries defconfig builds).
 */
public final class PlatformFacts {
    public static final long K = 1024;
    public static final long M = 1024 * K;
    public static final long G = 1024 * M;

    /** include/linux/mmzone.h: SUBSECTION_SHIFT 21. */
    public static final long SUBSECTION_SIZE = 2 * M;
    /** The hash MMU's linear-map page when the platform names none: 16M pages, as PowerVM gives. */
    public static final long DEFAULT_HASH_LINEAR_PAGE = 16 * M;

    private final Arch arch;
    private final Mmu mmu;
    private final long pageSize;
    private final long linearPageSize;
    private final KernelProfile kernel;

    private PlatformFacts(Arch arch, Mmu mmu, long pageSize, long linearPageSize, KernelProfile kernel) {
        this.arch = arch;
        this.mmu = mmu;
        this.pageSize = pageSize;
        this.linearPageSize = linearPageSize;
        this.kernel = kernel;
    }

    public static PlatformFacts of(PlatformSpec p, KernelProfile k) {
        long page = p.pageSize() != 0 ? p.pageSize() : defaultPageSize(p.arch());
        Mmu mmu = p.arch() == Arch.X86_64 ? Mmu.NATIVE : (p.mmu() == null || p.mmu() == Mmu.NATIVE ? Mmu.RADIX : p.mmu());
        long linear = p.linearPageSize() != 0 ? p.linearPageSize() : DEFAULT_HASH_LINEAR_PAGE;
        return new PlatformFacts(p.arch(), mmu, page, linear, k);
    }

    /** PAGE_SIZE when the platform declares none: x86_64 4K; ppc64 64K (pseries_defconfig PPC_64K_PAGES). */
    public static long defaultPageSize(Arch arch) {
        return arch == Arch.X86_64 ? 4 * K : 64 * K;
    }

    /** x86_64 has only 4K base pages; book3s64 builds with 4K or 64K pages. */
    public static boolean isSupportedPageSize(Arch arch, long pageSize) {
        return arch == Arch.X86_64 ? pageSize == 4 * K : pageSize == 4 * K || pageSize == 64 * K;
    }

    public Arch arch() {
        return arch;
    }

    public Mmu mmu() {
        return mmu;
    }

    public KernelProfile kernel() {
        return kernel;
    }

    public long pageSize() {
        return pageSize;
    }

    public long subsectionSize() {
        return SUBSECTION_SIZE;
    }

    /**
     * memremap_compat_align(): mm/memremap.c gives SUBSECTION_SIZE; arch/powerpc/mm/book3s64/pgtable.c
     * gives SUBSECTION_SIZE under radix and max(SUBSECTION_SIZE, linear-map page) under hash.
     */
    public long memremapCompatAlign() {
        if (arch == Arch.PPC64 && mmu == Mmu.HASH) {
            return Math.max(SUBSECTION_SIZE, linearPageSize);
        }
        return SUBSECTION_SIZE;
    }

    /**
     * has_transparent_hugepage(): always on x86_64 and radix; arch/powerpc/mm/book3s64/hash_pgtable.c
     * hash__has_transparent_hugepage() requires PMD_SIZE == 16M, which only the 64K-page hash layout has
     * (hash-64k.h H_PTE_INDEX_SIZE 8), and the hypervisor's 16M page (mmu_psize_defs[MMU_PAGE_16M]). The linear
     * map uses that page whenever it is offered (hash_utils.c htab_init_page_sizes), so a smaller linear-map page
     * means there is none: on Linux 6.1 under QEMU's default cap-hpt-max-page-size=64K a 64K-linear-map hash
     * guest lists supported_alignments 65536 only and defaults to 64K (observation p01).
     */
    private boolean hasTransparentHugepage() {
        return arch == Arch.X86_64 || mmu == Mmu.RADIX || pageSize == 64 * K && linearPageSize == 16 * M;
    }

    /**
     * HPAGE_PMD_SIZE = PAGE_SIZE << PTE_INDEX_SIZE: x86 2M; ppc64 radix 2M (radix-4k.h 9, radix-64k.h 5);
     * ppc64 hash 64K 16M (hash-64k.h 8), hash 4K 2M (hash-4k.h 9).
     */
    private long hpagePmdSize() {
        if (arch == Arch.PPC64 && mmu == Mmu.HASH && pageSize == 64 * K) {
            return 16 * M;
        }
        return 2 * M;
    }

    /** HPAGE_PUD_SIZE where the arch offers PUD THP: x86_64 1G; ppc64 radix 1G (radix PMD_INDEX_SIZE 9). */
    private List<Long> hpagePudSizes() {
        if (arch == Arch.X86_64 || (kernel.ppc64ThpPud() && mmu == Mmu.RADIX)) {
            return List.of(G);
        }
        return List.of();
    }

    /** drivers/nvdimm/pfn_devs.c nd_pfn_supported_alignments(): PAGE_SIZE, HPAGE_PMD_SIZE, HPAGE_PUD_SIZE. */
    public List<Long> supportedPfnAlignments() {
        List<Long> aligns = new ArrayList<>(List.of(pageSize));
        if (hasTransparentHugepage()) {
            aligns.add(hpagePmdSize());
            aligns.addAll(hpagePudSizes());
        }
        return List.copyOf(aligns);
    }

    /** drivers/nvdimm/pfn_devs.c nd_pfn_default_alignment(): HPAGE_PMD_SIZE with THP, else PAGE_SIZE. */
    public long defaultPfnAlign() {
        return hasTransparentHugepage() ? hpagePmdSize() : pageSize;
    }

    /**
     * The provider's persistence domain when the topology names none: x86 NFIT as QEMU builds it has no
     * platform-capabilities structure, so acpi_nfit sets neither flag ("unknown"); ppc64 papr_scm and
     * of_pmem set ND_REGION_PERSIST_MEMCTRL on non-volatile regions.
     */
    public PersistenceDomain defaultPersistence() {
        return arch == Arch.X86_64 ? PersistenceDomain.UNKNOWN : PersistenceDomain.MEMORY_CONTROLLER;
    }
}
