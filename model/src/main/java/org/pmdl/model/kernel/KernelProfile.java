package org.pmdl.model.kernel;

import java.util.List;
import java.util.Optional;

/**
 * What one kernel release does where releases differ. Behaviour shared by every known release lives in the
 * subsystem code; only the differences are data here, so a new release is a new profile, not new ifs.
 *
 * <p>"6.1" was read in Debian's linux-source-6.1 (6.1.192), the oracle kernel. Releases whose source has not
 * been read are not offered: a profile the model cannot back with source would only guess. docs/kernels.md has
 * the table of these differences, release by release, with the function each comes from.
 *
 * @param name                     the release, as written in {@code kernel "6.1"}
 * @param smallRegionAlignFallback drivers/nvdimm/region_devs.c default_align: a region smaller than
 *                                 MEMREMAP_COMPAT_ALIGN_MAX (16M) defaults to PAGE_SIZE alignment
 * @param ppc64ThpPud              arch/powerpc selects HAVE_ARCH_TRANSPARENT_HUGEPAGE_PUD, so nd_pfn offers
 *                                 HPAGE_PUD_SIZE on ppc64 (not selected in 6.1's arch/powerpc Kconfig)
 * @param regionAlignWithoutMappings region_devs.c align_store() accepts a write on a region without mappings
 *                                 (a legacy e820 range) by counting it as one way; older kernels return ENXIO
 * @param blkNamespaces            BLK support is still in: nd_region_register_namespaces() logs
 *                                 "discovered N pmem namespaces" (the word went with BLK in 5.19)
 * @param crossArchAlign           the 5.7 series "libnvdimm: Cross-arch compatible namespace alignment" is in:
 *                                 memremap_compat_align() checks at pfn init, pfn validation and PAGEMAP probe,
 *                                 the regionX/align attribute, and -EOPNOTSUPP (no raw fallback) for every
 *                                 nd_pfn_validate() error after the infoblock proved self-consistent. Without it
 *                                 a namespace size is a multiple of PAGE_SIZE x ways and nd_pfn_init() aligns to
 *                                 SUBSECTION_SIZE (the code the series' v4 patches replace, seed S1:5574-6140)
 * @param kmemDriverManaged        drivers/dax/kmem.c adds its memory with add_memory_driver_managed(..., "System RAM
 *                                 (kmem)") (5.8+, read in 5.10.223 and 6.1.192); older releases call add_memory(),
 *                                 giving a "System RAM" child of daxX.Y and a /sys/firmware/memmap entry (kmem.c
 *                                 of 5.1-5.7; seed 001 L2867-2988 quotes the 5.7 call)
 * @param pfnZeroSizeChecks        "nvdimm/pfn_dev: Prevent the creation of zero-sized namespaces" (6.5) is in:
 *                                 nd_pfn_init() refuses a layout whose dataoff reaches the end_trunc cut (ENXIO),
 *                                 nd_pfn_validate() an infoblock whose dataoff leaves no data ("bad offset with
 *                                 small namespace", EOPNOTSUPP); before, such a layout gave a device without data
 * @param kmemTruncationWarning    drivers/dax/kmem.c dev_dax_kmem_probe() warns "DAX region truncated by N due to
 *                                 alignment" when the memory-block alignment trims the device's range (6.18)
 * @param regionRoNotify           region_devs.c read_only_store() notifies the region's disk drivers
 *                                 (NVDIMM_REVALIDATE_REGION → nvdimm_check_and_set_ro()), so a disk follows a
 *                                 later regionN/read_only write both ways; before commit 2361db89aaad
 *                                 ("libnvdimm: Notify disk drivers to revalidate region read-only", 5.12-rc8) only
 *                                 a probe marked a disk read-only
 * @param realKernel               the real kernel CI checks this profile against with {@code pmdl diff}, or null
 * @param source                   where the facts of this profile were read
 */
public record KernelProfile(String name, boolean smallRegionAlignFallback, boolean ppc64ThpPud,
        boolean regionAlignWithoutMappings, boolean blkNamespaces, boolean crossArchAlign, boolean kmemDriverManaged,
        boolean pfnZeroSizeChecks, boolean kmemTruncationWarning, boolean regionRoNotify, String realKernel,
        String source) {

    /**
     * Oldest first. "5.10" was diffed against "6.1" function by function in the paths the model follows
     * (default_align, align_store, __size_store, nvdimm_namespace_common_probe, nd_pfn_validate, nd_pfn_init,
     * nd_pfn_supported_alignments): apart from BLK support (not modelled but for its log wording), only
     * align_store differs; the 5.10 stable series already carries the small-region align fallback. Observed
     * on Debian's 5.10.223 under QEMU (docs/kernel-observations t12, t13).
     *
     * <p>"6.6", "6.12" and "6.18" were diffed against "6.1" the same way, file by file over drivers/nvdimm,
     * drivers/acpi/nfit, drivers/dax, papr_scm.c and the pseries DLPAR/drmem code, mm/memory_hotplug.c and
     * arch/powerpc/mm (docs/kernels.md): the three agree with each other on everything the model follows and
     * differ from 6.1 in two things only, the PUD alignment on ppc64 radix and the zero-size pfn checks; 6.18's
     * kmem adds a warning line.
     */
    private static final List<KernelProfile> KNOWN = List.of(
            // papr_scm/pseries releases: their papr_scm.c and dlpar code were read (commits 3a855b7ac7d5 and its
            // parent); their libnvdimm is 5.6's below, which it predates in part (subsections in 5.3, the
            // infoblock's page_size in 5.4); dax kmem is theirs (add_memory(), before add_memory_driver_managed()
            // came in 5.8)
            new KernelProfile("5.2", false, false, false, true, false, false, false, false, false, null,
                    "papr_scm.c before commit 3a855b7ac7d5 (5.2)"),
            new KernelProfile("5.3", false, false, false, true, false, false, false, false, false, null,
                    "papr_scm.c at commit 3a855b7ac7d5 (powerpc-5.3-2)"),
            // the seeds' "before": libnvdimm as the v4 cross-arch alignment patches (2020-03-03, against 5.6)
            // show it in their removed and context lines; dax kmem still calls add_memory() (seed 001 L2867-2988)
            new KernelProfile("5.6", false, false, false, true, false, false, false, false, false, null,
                    "drivers/nvdimm before the 5.7 cross-arch alignment series (seed S1:5574-6140)"),
            new KernelProfile("5.10", true, false, false, true, true, true, false, false, false, null,
                    "Debian linux-source-5.10 5.10.223"),
            new KernelProfile("6.1", true, false, true, false, true, true, false, false, true,
                    "Debian 12 linux-image-6.1 (6.1.192)", "Debian linux-source-6.1 6.1.192"),
            new KernelProfile("6.6", true, true, true, false, true, true, true, false, true, null, "Linux 6.6.57"),
            new KernelProfile("6.12", true, true, true, false, true, true, true, false, true,
                    "Debian 13 linux-image-6.12 (6.12.117)", "Debian linux-source-6.12 6.12.117"),
            new KernelProfile("6.18", true, true, true, false, true, true, true, true, true, null, "Linux 6.18.35"));

    public static Optional<KernelProfile> lookup(String name) {
        return KNOWN.stream().filter(k -> k.name.equals(name)).findFirst();
    }

    /** The newest known release. */
    public static KernelProfile newest() {
        return KNOWN.get(KNOWN.size() - 1);
    }

    /** The default when a platform names none: the newest release CI checks against a real kernel. */
    public static KernelProfile defaultProfile() {
        return KNOWN.stream().filter(k -> k.realKernel != null).reduce((older, newer) -> newer).orElseThrow();
    }

    public static List<KernelProfile> known() {
        return KNOWN;
    }
}
