package org.pmdl.model.libnvdimm;

import org.pmdl.model.rules.Rule;
import org.pmdl.model.rules.Severity;

/**
 * Kernel-behaviour rules of libnvdimm (Linux 6.1 drivers/nvdimm) and of ndctl 76.1, which checks before it
 * writes sysfs. A step's result lists the rules that decided it; a finding cites one.
 */
public final class LibnvdimmRules {
    private LibnvdimmRules() {
    }

    // ---- regions ----
    public static final Rule ALIGN_REGION_DEFAULT = Rule.error("ALIGN-REGION-DEFAULT",
            "drivers/nvdimm/region_devs.c default_align (6.1: PAGE_SIZE below 16M)",
            "A region starts with align 16M (MEMREMAP_COMPAT_ALIGN_MAX), PAGE_SIZE if the region is smaller, "
                    + "times the mapping count when that does not divide it; reset on every boot.");
    public static final Rule ALIGN_REGION_STORE = Rule.error("ALIGN-REGION-STORE",
            "drivers/nvdimm/region_devs.c align_store",
            "regionX/align accepts a value whose per-mapping share is a power of two >= PAGE_SIZE and that "
                    + "does not exceed the region size; otherwise EINVAL.");
    public static final Rule ALIGN_PAGE_WAYS = Rule.error("ALIGN-PAGE-WAYS",
            "drivers/nvdimm/namespace_devs.c __size_store before 5.7 (seed S1:5574, v4 5/5 removed lines)",
            "Before the 5.7 cross-arch alignment series a region has no align attribute (writing it: ENOENT), "
                    + "a namespace size is a multiple of PAGE_SIZE x ways, and busy extents are not expanded.");
    public static final Rule REGION_AVAILABLE = Rule.error("REGION-AVAILABLE",
            "drivers/nvdimm/dimm_devs.c nd_pmem_available_dpa, nd_pmem_max_contiguous_dpa",
            "available_size counts busy DPA expanded outward to align/mappings; max_available_extent is the "
                    + "largest free extent trimmed inward, times the mapping count.");
    public static final Rule REGION_NSTYPE = Rule.error("REGION-NSTYPE",
            "drivers/nvdimm/region_devs.c nd_region_to_nstype; dimm.c nvdimm_probe",
            "A region with a DIMM whose label index is valid (NDD_LABELING) hosts labelled namespaces; "
                    + "otherwise one label-less namespace covers the whole region.");
    public static final Rule PERSISTENCE_DOMAIN = Rule.error("PERSISTENCE-DOMAIN",
            "drivers/nvdimm/region_devs.c persistence_domain_show",
            "persistence_domain is cpu_cache, memory_controller, or empty (ndctl: unknown).");

    public static final Rule FLUSH_UNKNOWN = Rule.error("FLUSH-UNKNOWN",
            "drivers/nvdimm/pmem.c pmem_attach_disk; region_devs.c nvdimm_has_flush",
            "A region without DIMM mappings (legacy e820) has no known flush mechanism: nd_pmem warns "
                    + "\"unable to guarantee persistence of writes\" when it attaches a namespace or pfn device.");
    public static final Rule PAGEMAP_COMPAT_ALIGN = Rule.error("PAGEMAP-COMPAT-ALIGN",
            "drivers/nvdimm/namespace_devs.c nvdimm_namespace_common_probe, pmem_should_map_pages",
            "A raw namespace on a legacy PAGEMAP (e820) region gets struct pages, so its start and end must be "
                    + "memremap_compat_align() aligned; otherwise the probe fails with EOPNOTSUPP and nothing is "
                    + "exposed.");

    // ---- namespaces ----
    public static final Rule ALIGN_NS_SIZE = Rule.error("ALIGN-NS-SIZE",
            "drivers/nvdimm/namespace_devs.c __size_store",
            "A namespace size must be a multiple of the region align: \"<size> is not <align/1024>K aligned\", "
                    + "EINVAL.");
    public static final Rule NS_NO_SPACE = Rule.error("NS-NO-SPACE",
            "drivers/nvdimm/namespace_devs.c __size_store, scan_allocate",
            "A namespace size larger than the region's largest aligned free extent is refused with ENOSPC.");
    public static final Rule NS_LABEL_SLOTS = Rule.error("NS-LABEL-SLOTS",
            "drivers/nvdimm/label.c __pmem_label_update, nd_label_alloc_slot",
            "Every labelled namespace needs a free label slot on each DIMM of its region; none left: ENXIO.");
    public static final Rule NS_CLAIM_SIZE = Rule.error("NS-CLAIM-SIZE",
            "drivers/nvdimm/claim.c nd_namespace_store",
            "A btt/pfn/dax device cannot claim a namespace smaller than 16M: \"too small to host\", ENXIO.");

    // ---- fsdax / devdax infoblock ----
    public static final Rule PFN_INIT_START = Rule.error("PFN-INIT-START",
            "drivers/nvdimm/pfn_devs.c nd_pfn_init",
            "A new fsdax/devdax infoblock needs the namespace start aligned to memremap_compat_align(); "
                    + "else \"start ... misaligned to ...\", EINVAL.");
    public static final Rule PFN_INIT_LAYOUT = Rule.error("PFN-INIT-LAYOUT",
            "drivers/nvdimm/pfn_devs.c nd_pfn_init",
            "The infoblock places data at dataoff (8K plus, with map dev, 64 bytes per page) rounded up to "
                    + "max(align, compat align) (SUBSECTION_SIZE before 5.7), and truncates the end to that alignment.");
    public static final Rule PFN_INIT_CAPACITY = Rule.error("PFN-INIT-CAPACITY",
            "drivers/nvdimm/pfn_devs.c nd_pfn_init",
            "A data offset at or past the namespace end (since 6.5: past its end_trunc cut): \"unable to satisfy "
                    + "requested alignment\", ENXIO.");
    public static final Rule PFN_VALIDATE_PAGE_SIZE = Rule.error("PFN-VALIDATE-PAGE-SIZE",
            "drivers/nvdimm/pfn_devs.c nd_pfn_validate",
            "An infoblock with map dev written with a larger PAGE_SIZE: \"init failed, page size mismatch\", "
                    + "EOPNOTSUPP.");
    public static final Rule PROBE_EOPNOTSUPP_SEED = Rule.error("PROBE-EOPNOTSUPP-SEED",
            "drivers/nvdimm/bus.c nvdimm_bus_probe, nd_region_advance_seeds",
            "A namespace probe that fails -EOPNOTSUPP (an infoblock this kernel cannot use) still advances the "
                    + "region's namespace seed: a new idle namespace appears, as after a successful probe.");
    public static final Rule PFN_VALIDATE_ALIGNMENT = Rule.error("PFN-VALIDATE-ALIGNMENT",
            "drivers/nvdimm/pfn_devs.c nd_pfn_validate, nd_supported_alignment",
            "A devdax infoblock whose align this kernel does not support: \"init failed, alignment mismatch\", "
                    + "EOPNOTSUPP.");
    public static final Rule CLAIM_ACTIVE = Rule.error("CLAIM-ACTIVE",
            "drivers/nvdimm/pmem.c pmem_attach_disk (devm_request_mem_region)",
            "A namespace nd_pmem already holds is busy for a pfn/dax device: disable it first (EBUSY).");
    public static final Rule PFN_VALIDATE_SETTINGS = Rule.error("PFN-VALIDATE-SETTINGS",
            "drivers/nvdimm/pfn_devs.c nd_pfn_validate",
            "A pfn/dax device with the infoblock's own uuid but another align or mode: \"init failed, settings "
                    + "mismatch\", EOPNOTSUPP (EINVAL before \"Prevent raw mode fallback\").");
    public static final Rule PFN_VALIDATE_CAPACITY = Rule.error("PFN-VALIDATE-CAPACITY",
            "drivers/nvdimm/pfn_devs.c nd_pfn_validate",
            "An infoblock align larger than the namespace, or a data offset past its end (since 6.5: past the "
                    + "start_pad and end_trunc cuts, \"bad offset with small namespace\"): EOPNOTSUPP.");
    public static final Rule PFN_VALIDATE_OFFSET = Rule.error("PFN-VALIDATE-OFFSET",
            "drivers/nvdimm/pfn_devs.c nd_pfn_validate",
            "start + dataoff + start_pad not aligned to the infoblock align, or dataoff not PAGE_SIZE "
                    + "aligned: \"bad offset\", EOPNOTSUPP.");
    public static final Rule PFN_VALIDATE_COMPAT = Rule.error("PFN-VALIDATE-COMPAT",
            "drivers/nvdimm/pfn_devs.c nd_pfn_validate (since v5.7)",
            "Namespace start + start_pad or end + 1 - end_trunc not aligned to memremap_compat_align(): "
                    + "\"resource start/end misaligned\", EOPNOTSUPP.");
    public static final Rule PMEM_PROBE_NO_FALLBACK = Rule.error("PMEM-PROBE-NO-FALLBACK",
            "drivers/nvdimm/pmem.c nd_pmem_probe",
            "An infoblock this kernel cannot use (EOPNOTSUPP) fails the namespace probe; it is not exposed raw.");
    public static final Rule PMEM_PROBE_RAW_FALLBACK = Rule.error("PMEM-PROBE-RAW-FALLBACK",
            "drivers/nvdimm/pfn_devs.c nd_pfn_validate, pmem.c nd_pmem_probe before 5.7 (seed S1:5947-6003)",
            "Before \"Prevent raw mode fallback\": settings mismatch and align beyond capacity were EINVAL, a "
                    + "data offset past the end EBUSY, a bad offset ENXIO, and nd_pmem_probe exposed such a "
                    + "namespace raw; only EOPNOTSUPP (page size, struct page, alignment mismatch) failed the probe.");
    public static final Rule PFN_PRE57_PPC64_OOPS = new Rule("PFN-PRE57-PPC64-OOPS", Severity.WARNING,
            "arch/powerpc arch_add_memory via devm_memremap_pages before 5.7 (seed S1:5820-5840, v4 3/5)",
            "Before 5.7 nothing checked memremap_compat_align(): on ppc64 a pfn/dax mapping whose start or end "
                    + "misses it (16M under hash with a 16M linear map) crashes the kernel in arch_add_memory; "
                    + "the model does not predict past that.");
    public static final Rule PFN_ZERO_SIZE_OOPS = new Rule("PFN-ZERO-SIZE-OOPS", Severity.WARNING,
            "mm/memremap.c memunmap_pages via nd_pmem's devm release of an fsdax pfn device (6.1; observed on "
                    + "Debian's 6.1.0-57-amd64, t612c)",
            "Before 6.5 nd_pfn_init() could lay out a pfn device with no data (npfns 0); unbinding the fsdax "
                    + "namespace (disable, destroy, reconfigure) faults in memunmap_pages and the kernel is down; "
                    + "the model does not predict past that. A devdax one unbinds cleanly.");
    public static final Rule PFN_START_PAD_DAX = new Rule("PFN-START-PAD-DAX", Severity.WARNING,
            "drivers/nvdimm/pfn.h struct nd_pfn_sb start_pad (seed S1:5901-5914, catalog D-30)",
            "start_pad is deprecated: dataoff is relative to the namespace base, not the padded base, so DAX "
                    + "through a padded infoblock is broken while block I/O works; the kernel accepts it only "
                    + "so that the namespace can be backed up, reconfigured and restored.");

    // ---- sector (BTT) ----
    public static final Rule BTT_MIN_SIZE = Rule.error("BTT-MIN-SIZE",
            "drivers/nvdimm/btt.c nvdimm_namespace_attach_btt",
            "A BTT needs at least ARENA_MIN_SIZE (16M) after its initial offset; else ENXIO.");
    public static final Rule BTT_CAPACITY = Rule.error("BTT-CAPACITY",
            "drivers/nvdimm/btt.c alloc_arena, btt_init",
            "Sector capacity: per arena, 2 info pages, the log and the map leave nlba blocks of "
                    + "4096 or 512 bytes.");

    // ---- ndctl 76.1 pre-checks (ndctl/namespace.c) ----
    private static Rule ndctl(String id, String function, String summary) {
        return Rule.error(id, "ndctl 76.1 ndctl/namespace.c " + function, summary);
    }

    public static final Rule NDCTL_CAPACITY = ndctl("NDCTL-CAPACITY", "validate_available_capacity",
            "No region has max_available_extent for the requested size: ENOSPC.");
    public static final Rule NDCTL_LABEL_LESS_SIZE = ndctl("NDCTL-LABEL-LESS-SIZE", "validate_namespace_options",
            "A label-less namespace covers its whole region; another size is refused with EINVAL.");
    public static final Rule NDCTL_REGION_ALIGN = ndctl("NDCTL-REGION-ALIGN", "validate_namespace_options",
            "\"align setting is <align> size <size> is misaligned\": the size is not a multiple of the region "
                    + "align, EINVAL.");
    public static final Rule NDCTL_SIZE_ALIGN = ndctl("NDCTL-SIZE-ALIGN", "validate_namespace_options",
            "The size must be a multiple of align times interleave ways: \"did you intend --size=...?\", EINVAL.");
    public static final Rule NDCTL_MIN_SIZE = ndctl("NDCTL-MIN-SIZE", "validate_namespace_options",
            "Modes other than raw need at least 16M: EINVAL.");
    public static final Rule NDCTL_ALIGN_OPTION = ndctl("NDCTL-ALIGN-OPTION", "validate_namespace_options",
            "--align must be a power of 2 of at least PAGE_SIZE (parse_namespace_options: EINVAL, usage, exit"
            + " 129); it is only for fsdax/devdax and must be one of the kernel's supported_alignments: ENXIO.");
    public static final Rule NDCTL_SECTOR_SIZE = ndctl("NDCTL-SECTOR-SIZE", "validate_namespace_options",
            "A sector size the BTT (or the namespace) does not support: EINVAL.");
    public static final Rule NDCTL_NO_SEED = ndctl("NDCTL-NO-SEED", "namespace_create, region_get_namespace",
            "No idle namespace seed (label-less region, or a configured but disabled namespace): ENOSPC.");
    public static final Rule NDCTL_DAX_ALIGN = ndctl("NDCTL-DAX-ALIGN", "check_dax_align",
            "fsdax/devdax on a namespace whose start is not 16M aligned: \"misaligned to 16M\", EINVAL.");
    public static final Rule NDCTL_INFOBLOCK_MODE = ndctl("NDCTL-INFOBLOCK-MODE", "write_infoblock_options",
            "write-infoblock writes an fsdax (pfn) or devdax (dax) infoblock; other modes are refused.");
    public static final Rule NDCTL_INFOBLOCK_BUSY = ndctl("NDCTL-INFOBLOCK-BUSY", "namespace_rw_infoblock",
            "write-infoblock needs a disabled namespace: EBUSY (\"enabled, must be disabled\").");
    public static final Rule NDCTL_INFOBLOCK_LAYOUT = ndctl("NDCTL-INFOBLOCK-LAYOUT", "write_pfn_sb",
            "write-infoblock lays out version 1.4 with start_pad and end_trunc taken against --offset (not the "
                    + "namespace base) at max(align, 2M), and refuses a data offset past the end: ENXIO.");
    public static final Rule NDCTL_ENABLE = ndctl("NDCTL-ENABLE", "setup_namespace; ndctl/lib/libndctl.c *_enable",
            "The kernel probe of the new namespace personality failed: \"failed to enable\", ENXIO.");
    public static final Rule NDCTL_LABELS = Rule.error("NDCTL-LABELS",
            "ndctl 76.1 ndctl/dimm.c __action_init",
            "init-labels needs a DIMM with a label area and no valid index yet (default label version 1.1).");
}
