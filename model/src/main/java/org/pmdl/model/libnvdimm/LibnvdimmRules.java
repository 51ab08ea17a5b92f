package org.pmdl.model.libnvdimm;

import org.pmdl.model.rules.Layer;
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
    public static final Rule ALIGN_REGION_DEFAULT = Rule.error("ALIGN-REGION-DEFAULT", Layer.KERNEL,
            "drivers/nvdimm/region_devs.c default_align (6.1: PAGE_SIZE below 16M)",
            "A region starts with align 16M (MEMREMAP_COMPAT_ALIGN_MAX), PAGE_SIZE if the region is smaller, "
                    + "times the mapping count when that does not divide it; reset on every boot.",
            "Nothing to fix: this is the align a region starts with; set `align` on the region to "
                    + "change it.");
    public static final Rule ALIGN_REGION_STORE = Rule.error("ALIGN-REGION-STORE", Layer.KERNEL,
            "drivers/nvdimm/region_devs.c align_store",
            "regionX/align accepts a value whose per-mapping share is a power of two >= PAGE_SIZE and that "
                    + "does not exceed the region size; otherwise EINVAL.",
            "Write an align whose share per mapping is a power of two of at least PAGE_SIZE and that "
                    + "does not exceed the region.")
            .withTemplate("{region}: align {refusal}");
    public static final Rule ALIGN_PAGE_WAYS = Rule.error("ALIGN-PAGE-WAYS", Layer.KERNEL,
            "drivers/nvdimm/namespace_devs.c __size_store before 5.7 (div_u64_rem(val, PAGE_SIZE * "
                    + "ndr_mappings); nd_region->align since \"libnvdimm/region: Introduce an 'align' attribute\")",
            "Before the 5.7 cross-arch alignment series a region has no align attribute (writing it: ENOENT), "
                    + "a namespace size is a multiple of PAGE_SIZE x ways, and busy extents are not expanded.",
            "On a kernel before 5.7, size namespaces in multiples of PAGE_SIZE x interleave ways and "
                    + "do not write a region align.")
            .withTemplate("{region}/align: no such attribute on kernel {kernel}");
    public static final Rule REGION_AVAILABLE = Rule.error("REGION-AVAILABLE", Layer.KERNEL,
            "drivers/nvdimm/dimm_devs.c nd_pmem_available_dpa, nd_pmem_max_contiguous_dpa",
            "available_size counts busy DPA expanded outward to align/mappings; max_available_extent is the "
                    + "largest free extent trimmed inward, times the mapping count.",
            "Nothing to fix: this is how available_size and max_available_extent are counted; size "
                    + "namespaces to them.");
    public static final Rule REGION_NSTYPE = Rule.error("REGION-NSTYPE", Layer.KERNEL,
            "drivers/nvdimm/region_devs.c nd_region_to_nstype; dimm.c nvdimm_probe",
            "A region with a DIMM whose label index is valid (NDD_LABELING) hosts labelled namespaces; "
                    + "otherwise one label-less namespace covers the whole region.",
            "Initialise the DIMMs' labels (`ndctl init-labels`) for labelled namespaces; without "
                    + "labels use the one namespace that covers the region.");
    public static final Rule REGION_READ_ONLY_STORE = Rule.error("REGION-READ-ONLY-STORE", Layer.KERNEL,
            "drivers/nvdimm/region_devs.c read_only_store (kstrtobool)",
            "regionN/read_only takes a boolean: a value starting with 1 makes the region read-only, 0 read-write; "
                    + "anything else is EINVAL. New namespaces cannot be created in a read-only region.",
            "Write 0 or 1 to read_only.")
            .withTemplate("{value} is not a boolean for {region}/read_only");
    public static final Rule REGION_RO_DISK = Rule.error("REGION-RO-DISK", Layer.KERNEL,
            "drivers/nvdimm/bus.c nvdimm_check_and_set_ro; drivers/nvdimm/pmem.c pmem_attach_disk, "
                    + "pmem_revalidate_region; region_devs.c read_only_store (5.12+: commit 2361db89aaad)",
            "A pmem or BTT disk follows its region's read_only: nd_pmem logs \"regionN read-only, marking pmemN "
                    + "read-only\" when it attaches a disk to a read-only region (an unarmed DIMM makes its region "
                    + "read-only), and since 5.12 a read_only write marks existing disks read-only or read-write "
                    + "(dax devices have no disk and are not told).",
            "Expect the disk to refuse writes while the region is read-only; write 0 to read_only to make it "
                    + "writable.");
    public static final Rule PERSISTENCE_DOMAIN = Rule.error("PERSISTENCE-DOMAIN", Layer.KERNEL,
            "drivers/nvdimm/region_devs.c persistence_domain_show",
            "persistence_domain is cpu_cache, memory_controller, or empty (ndctl: unknown).",
            "Nothing to fix: set the region's persistence domain in the platform to what the firmware"
                    + " reports.");

    public static final Rule FLUSH_UNKNOWN = Rule.error("FLUSH-UNKNOWN", Layer.KERNEL,
            "drivers/nvdimm/pmem.c pmem_attach_disk; region_devs.c nvdimm_has_flush",
            "A region without DIMM mappings (legacy e820) has no known flush mechanism: nd_pmem warns "
                    + "\"unable to guarantee persistence of writes\" when it attaches a namespace or pfn device.",
            "Expect the warning on legacy e820 (memmap=) regions, or use an NVDIMM region with a "
                    + "known flush mechanism.");
    public static final Rule NS_UUID_UNIQUE = Rule.error("NS-UUID-UNIQUE", Layer.KERNEL,
            "drivers/nvdimm/namespace_devs.c uuid_store, namespace_update_uuid, nd_is_uuid_unique",
            "A namespace uuid must be unique on the bus: one another namespace, btt, pfn or dax device holds is "
                    + "EINVAL (ndctl: \"set_uuid failed: Invalid argument\").",
            "Choose a uuid no namespace has (`ndctl list -Nv` shows uuid and raw_uuid), or leave it out.")
            .withTemplate("uuid {uuid} is already {holder}'s");
    public static final Rule NS_FORCE_RAW = Rule.error("NS-FORCE-RAW", Layer.KERNEL,
            "drivers/nvdimm/namespace_devs.c force_raw_store, pmem_should_map_pages; btt_devs.c nd_btt_probe; "
                    + "pfn_devs.c nd_pfn_probe; dax_devs.c nd_dax_probe",
            "A namespace whose force_raw is 1 probes as a raw block device: the BTT, pfn and dax probes return "
                    + "-ENODEV without reading the infoblock, and a legacy region's namespace gets no struct pages. "
                    + "The flag is taken at any time and acts on the next enable; ndctl's reconfigure and destroy "
                    + "clear it (zero_info_block), a reboot forgets it.",
            "Write 0 to force_raw (`force-raw NS off`) and enable the namespace again to get its personality back.");
    public static final Rule PAGEMAP_COMPAT_ALIGN = Rule.error("PAGEMAP-COMPAT-ALIGN", Layer.KERNEL,
            "drivers/nvdimm/namespace_devs.c nvdimm_namespace_common_probe, pmem_should_map_pages",
            "A raw namespace on a legacy PAGEMAP (e820) region gets struct pages, so its start and end must be "
                    + "memremap_compat_align() aligned; otherwise the probe fails with EOPNOTSUPP and nothing is "
                    + "exposed.",
            "Align a raw namespace on a legacy e820 region to memremap_compat_align() (16M on ppc64, "
                    + "PAGE_SIZE on x86_64), or use fsdax/devdax.");

    // ---- namespaces ----
    public static final Rule ALIGN_NS_SIZE = Rule.error("ALIGN-NS-SIZE", Layer.KERNEL,
            "drivers/nvdimm/namespace_devs.c __size_store",
            "A namespace size must be a multiple of the region align: \"<size> is not <align/1024>K aligned\", "
                    + "EINVAL.",
            "Make the namespace size a multiple of the region's align (read regionX/align).")
            .withTemplate("{namespace}: {size} is not {align-kib}K aligned");
    public static final Rule NS_SIZE_BUSY = Rule.error("NS-SIZE-BUSY", Layer.KERNEL,
            "drivers/nvdimm/namespace_devs.c __size_store (dev->driver || ndns->claim)",
            "The size of a namespace that is enabled or claimed by a btt/pfn/dax device cannot change: EBUSY.",
            "Disable the namespace and detach its btt/pfn/dax device before resizing it.")
            .withTemplate("{namespace} is active or claimed");
    public static final Rule NS_SIZE_UUID = Rule.error("NS-SIZE-UUID", Layer.KERNEL,
            "drivers/nvdimm/namespace_devs.c __size_store, uuid_not_set",
            "A labelled namespace needs its uuid before its size (the label is allocated under it): \"uuid not "
                    + "set\", ENXIO.",
            "Write the namespace's uuid before its size (ndctl does this for you).")
            .withTemplate("{namespace}: uuid not set");
    public static final Rule NS_SIZE_DIMM_DISABLED = Rule.error("NS-SIZE-DIMM-DISABLED", Layer.KERNEL,
            "drivers/nvdimm/namespace_devs.c __size_store (to_ndd() of a mapping is NULL)",
            "Every DIMM of the region's interleave set must be enabled (have driver data) for a namespace size to "
                    + "change: ENXIO.",
            "Enable every DIMM of the region's interleave set before sizing a namespace in it.")
            .withTemplate("{namespace}: {dimm} has no driver data");
    public static final Rule NS_PROBE_MIN_SIZE = Rule.error("NS-PROBE-MIN-SIZE", Layer.KERNEL,
            "drivers/nvdimm/namespace_devs.c nvdimm_namespace_common_probe (size < ND_MIN_NAMESPACE_SIZE)",
            "A namespace smaller than ND_MIN_NAMESPACE_SIZE (PAGE_SIZE), an idle seed of size 0 among them, fails "
                    + "the probe: \"too small must be at least\", ENODEV (ndctl: failed to enable).",
            "Give the namespace a size (at least PAGE_SIZE) before enabling it.");
    public static final Rule NS_NO_SPACE = Rule.error("NS-NO-SPACE", Layer.KERNEL,
            "drivers/nvdimm/namespace_devs.c __size_store, scan_allocate",
            "A namespace size larger than the region's largest aligned free extent is refused with ENOSPC.",
            "Ask for at most the region's max_available_extent, or destroy namespaces to free space.")
            .withTemplate("{device}: {shortage}");
    public static final Rule NS_LABEL_SLOTS = Rule.error("NS-LABEL-SLOTS", Layer.KERNEL,
            "drivers/nvdimm/label.c __pmem_label_update, nd_label_alloc_slot",
            "Every labelled namespace needs a free label slot on each DIMM of its region; none left: ENXIO.",
            "Destroy a namespace to free a label slot, or give the DIMMs a larger label area.")
            .withTemplate("{dimm}: no free label slot");
    public static final Rule NS_CLAIM_SIZE = Rule.error("NS-CLAIM-SIZE", Layer.KERNEL,
            "drivers/nvdimm/claim.c nd_namespace_store",
            "A btt/pfn/dax device cannot claim a namespace smaller than 16M: \"too small to host\", ENXIO.",
            "Use a namespace of at least 16M for sector, fsdax or devdax mode.")
            .withTemplate("{namespace} too small to host");

    // ---- fsdax / devdax infoblock ----
    public static final Rule PFN_INIT_START = Rule.error("PFN-INIT-START", Layer.KERNEL,
            "drivers/nvdimm/pfn_devs.c nd_pfn_init",
            "A new fsdax/devdax infoblock needs the namespace start aligned to memremap_compat_align(); "
                    + "else \"start ... misaligned to ...\", EINVAL.",
            "Start the namespace on a memremap_compat_align() boundary (16M on ppc64), e.g. by sizing"
                    + " earlier namespaces in multiples of it.")
            .withTemplate("{namespace}: start {start} misaligned to {align}");
    public static final Rule PFN_INIT_LAYOUT = Rule.error("PFN-INIT-LAYOUT", Layer.KERNEL,
            "drivers/nvdimm/pfn_devs.c nd_pfn_init",
            "The infoblock places data at dataoff (8K plus, with map dev, 64 bytes per page) rounded up to "
                    + "max(align, compat align) (SUBSECTION_SIZE before 5.7), and truncates the end to that alignment.",
            "Nothing to fix: expect the usable size after the infoblock's data offset and end "
                    + "truncation.")
            .withTemplate("no usable infoblock");
    public static final Rule PFN_INIT_CAPACITY = Rule.error("PFN-INIT-CAPACITY", Layer.KERNEL,
            "drivers/nvdimm/pfn_devs.c nd_pfn_init",
            "A data offset at or past the namespace end (since 6.5: past its end_trunc cut): \"unable to satisfy "
                    + "requested alignment\", ENXIO.",
            "Use a larger namespace or a smaller `align`, so that data remains after the infoblock.")
            .withTemplate("{device} {shortage}");
    public static final Rule PFN_VALIDATE_PAGE_SIZE = Rule.error("PFN-VALIDATE-PAGE-SIZE", Layer.KERNEL,
            "drivers/nvdimm/pfn_devs.c nd_pfn_validate",
            "An infoblock with map dev written with a larger PAGE_SIZE: \"init failed, page size mismatch\", "
                    + "EOPNOTSUPP.",
            "Read the namespace with a kernel of the PAGE_SIZE that wrote it, or reconfigure it "
                    + "(`--map dev` data is lost).")
            .withTemplate("init failed, page size mismatch {page-size}");
    public static final Rule PROBE_EOPNOTSUPP_SEED = Rule.error("PROBE-EOPNOTSUPP-SEED", Layer.KERNEL,
            "drivers/nvdimm/bus.c nvdimm_bus_probe, nd_region_advance_seeds",
            "A namespace probe that fails -EOPNOTSUPP (an infoblock this kernel cannot use) still advances the "
                    + "region's namespace seed: a new idle namespace appears, as after a successful probe.",
            "Nothing to fix: expect the new idle seed namespace after the failed probe.");
    public static final Rule PFN_VALIDATE_ALIGNMENT = Rule.error("PFN-VALIDATE-ALIGNMENT", Layer.KERNEL,
            "drivers/nvdimm/pfn_devs.c nd_pfn_validate, nd_supported_alignment",
            "A devdax infoblock whose align this kernel does not support: \"init failed, alignment mismatch\", "
                    + "EOPNOTSUPP.",
            "Reconfigure the namespace with an align from the kernel's supported_alignments.")
            .withTemplate("init failed, alignment mismatch: {align}:{infoblock-align}");
    public static final Rule CLAIM_ACTIVE = Rule.error("CLAIM-ACTIVE", Layer.KERNEL,
            "drivers/nvdimm/pmem.c pmem_attach_disk (devm_request_mem_region)",
            "A namespace nd_pmem already holds is busy for a pfn/dax device: disable it first (EBUSY).",
            "Disable the namespace (`ndctl disable-namespace`) before giving it a pfn/dax "
                    + "personality.")
            .withTemplate("{namespace} is enabled");
    public static final Rule PFN_VALIDATE_SETTINGS = Rule.error("PFN-VALIDATE-SETTINGS", Layer.KERNEL,
            "drivers/nvdimm/pfn_devs.c nd_pfn_validate",
            "A pfn/dax device with the infoblock's own uuid but another align or mode: \"init failed, settings "
                    + "mismatch\", EOPNOTSUPP (EINVAL before \"Prevent raw mode fallback\").",
            "Create the pfn/dax device with the infoblock's own align and mode, or reconfigure the "
                    + "namespace (`-f`) to overwrite it.")
            .withTemplate("init failed, settings mismatch");
    public static final Rule PFN_VALIDATE_CAPACITY = Rule.error("PFN-VALIDATE-CAPACITY", Layer.KERNEL,
            "drivers/nvdimm/pfn_devs.c nd_pfn_validate",
            "An infoblock align larger than the namespace: EOPNOTSUPP (EINVAL before 5.7, then nd_pmem fell back to "
                    + "raw).",
            "Reconfigure the namespace with a smaller align, or make it larger.")
            .withTemplate("alignment: {align} exceeds capacity {capacity}");
    public static final Rule PFN_VALIDATE_DATAOFF = Rule.error("PFN-VALIDATE-DATAOFF", Layer.KERNEL,
            "drivers/nvdimm/pfn_devs.c nd_pfn_validate",
            "An infoblock whose data offset (infoblock and pfn array) reaches past the namespace's end: EOPNOTSUPP "
                    + "(EBUSY before 5.7, then nd_pmem fell back to raw).",
            "Reconfigure the namespace (a new infoblock), or make it larger than its pfn array.")
            .withTemplate("pfn array size exceeds capacity of {namespace}");
    public static final Rule PFN_VALIDATE_SMALL = Rule.error("PFN-VALIDATE-SMALL", Layer.KERNEL,
            "drivers/nvdimm/pfn_devs.c nd_pfn_validate (6.5+)",
            "Since 6.5 (\"nvdimm/pfn_dev: Prevent the creation of zero-sized namespaces\") an infoblock whose data "
                    + "offset leaves no data once start_pad and end_trunc are cut: EOPNOTSUPP, the probe fails.",
            "Reconfigure the namespace on the newer kernel (it sizes the pfn array for the data), or make it "
                    + "larger.")
            .withTemplate("bad offset with small namespace");
    public static final Rule PFN_VALIDATE_OFFSET = Rule.error("PFN-VALIDATE-OFFSET", Layer.KERNEL,
            "drivers/nvdimm/pfn_devs.c nd_pfn_validate",
            "start + dataoff + start_pad not aligned to the infoblock align, or dataoff not PAGE_SIZE "
                    + "aligned: \"bad offset\", EOPNOTSUPP.",
            "Rewrite the infoblock (reconfigure the namespace) with an offset aligned to its align.")
            .withTemplate("bad offset: {dataoff} dax disabled align: {align}");
    public static final Rule PFN_VALIDATE_COMPAT = Rule.error("PFN-VALIDATE-COMPAT", Layer.KERNEL,
            "drivers/nvdimm/pfn_devs.c nd_pfn_validate (since v5.7)",
            "Namespace start + start_pad or end + 1 - end_trunc not aligned to memremap_compat_align(): "
                    + "\"resource start/end misaligned\", EOPNOTSUPP.",
            "Reconfigure the namespace so that its usable start and end lie on "
                    + "memremap_compat_align() (16M on ppc64) boundaries.")
            .withTemplate("resource {edge} misaligned");
    public static final Rule PMEM_PROBE_NO_FALLBACK = Rule.error("PMEM-PROBE-NO-FALLBACK", Layer.KERNEL,
            "drivers/nvdimm/pmem.c nd_pmem_probe",
            "An infoblock this kernel cannot use (EOPNOTSUPP) fails the namespace probe; it is not exposed raw.",
            "Fix the infoblock this kernel refuses (see the rule before this one) or reconfigure the "
                    + "namespace; it stays hidden until then.");
    public static final Rule PMEM_PROBE_RAW_FALLBACK = Rule.error("PMEM-PROBE-RAW-FALLBACK", Layer.KERNEL,
            "drivers/nvdimm/pfn_devs.c nd_pfn_validate, pmem.c nd_pmem_probe before 5.7 (changed by commit "
                    + "b2ba7e91fa81 \"libnvdimm/pfn: Prevent raw mode fallback if pfn-infoblock valid\")",
            "Before \"Prevent raw mode fallback\": settings mismatch and align beyond capacity were EINVAL, a "
                    + "data offset past the end EBUSY, a bad offset ENXIO, and nd_pmem_probe exposed such a "
                    + "namespace raw; only EOPNOTSUPP (page size, struct page, alignment mismatch) failed the probe.",
            "On a kernel before 5.7, do not trust the raw device of a namespace whose infoblock "
                    + "failed: reconfigure it.");
    public static final Rule PFN_PRE57_PPC64_OOPS = new Rule("PFN-PRE57-PPC64-OOPS", Layer.KERNEL, Severity.WARNING,
            "arch/powerpc/mm/mem.c arch_add_memory via devm_memremap_pages before 5.7 (the crash commit "
                    + "6acd7d5ef264 \"libnvdimm/namespace: Enforce memremap_compat_align()\" prevents)",
            "Before 5.7 nothing checked memremap_compat_align(): on ppc64 a pfn/dax mapping whose start or end "
                    + "misses it (16M under hash with a 16M linear map) crashes the kernel in arch_add_memory; "
                    + "the model does not predict past that.",
            "On ppc64 before 5.7, align pfn/dax namespaces to 16M at start and end, or use a 5.7+ "
                    + "kernel that refuses them.")
            .withTemplate("{namespace}: memremap_pages of a range not aligned to {align} crashes kernel {kernel}"
                    + " in arch_add_memory; not modelled past this");
    public static final Rule PFN_ZERO_SIZE_OOPS = new Rule("PFN-ZERO-SIZE-OOPS", Layer.KERNEL, Severity.WARNING,
            "mm/memremap.c memunmap_pages via nd_pmem's devm release of an fsdax pfn device (6.1; observed on "
                    + "Debian's 6.1.0-57-amd64, t612c)",
            "Before 6.5 nd_pfn_init() could lay out a pfn device with no data (npfns 0); unbinding the fsdax "
                    + "namespace (disable, destroy, reconfigure) faults in memunmap_pages and the kernel is down; "
                    + "the model does not predict past that. A devdax one unbinds cleanly.",
            "Do not create an fsdax namespace too small to hold data after its infoblock on a kernel "
                    + "before 6.5; use a larger one.")
            .withTemplate("{device}: unbinding an fsdax device without data crashes kernel {kernel} in"
                    + " memunmap_pages; not modelled past this");
    public static final Rule PFN_START_PAD_DAX = new Rule("PFN-START-PAD-DAX", Layer.KERNEL, Severity.WARNING,
            "drivers/nvdimm/pfn.h struct nd_pfn_sb start_pad; drivers/nvdimm/pfn_devs.c nd_pfn_validate (catalog D-30)",
            "start_pad is deprecated: dataoff is relative to the namespace base, not the padded base, so DAX "
                    + "through a padded infoblock is broken while block I/O works; the kernel accepts it only "
                    + "so that the namespace can be backed up, reconfigured and restored.",
            "Reconfigure the namespace so that it needs no start_pad (start it on an align boundary) "
                    + "before using DAX.")
            .withTemplate("{namespace}: infoblock start_pad {start-pad}: block I/O works, DAX does not (dataoff"
                    + " counts from the unpadded base); back up, reconfigure and restore");

    // ---- sector (BTT) ----
    public static final Rule BTT_MIN_SIZE = Rule.error("BTT-MIN-SIZE", Layer.KERNEL,
            "drivers/nvdimm/btt.c nvdimm_namespace_attach_btt",
            "A BTT needs at least ARENA_MIN_SIZE (16M) after its initial offset; else ENXIO.",
            "Use a namespace of at least 16M after the BTT's initial offset for sector mode.")
            .withTemplate("{namespace} must be at least {size} bytes");
    public static final Rule BTT_CAPACITY = Rule.error("BTT-CAPACITY", Layer.KERNEL,
            "drivers/nvdimm/btt.c alloc_arena, btt_init",
            "Sector capacity: per arena, 2 info pages, the log and the map leave nlba blocks of "
                    + "4096 or 512 bytes.",
            "Nothing to fix: expect the sector capacity the BTT leaves.");

    // ---- ndctl 76.1 pre-checks (ndctl/namespace.c) ----
    private static Rule ndctl(String id, String function, String summary, String fix) {
        return Rule.error(id, Layer.NDCTL, "ndctl 76.1 ndctl/namespace.c " + function, summary, fix);
    }

    public static final Rule NDCTL_CAPACITY = ndctl("NDCTL-CAPACITY", "validate_available_capacity",
            "No region has max_available_extent for the requested size: ENOSPC.",
            "Ask for a size no region has free, or free space: `ndctl list -R` shows each region's "
                    + "max_available_extent.")
            .withTemplate("{region}: insufficient capacity {shortage}");
    public static final Rule NDCTL_LABEL_LESS_SIZE = ndctl("NDCTL-LABEL-LESS-SIZE", "validate_namespace_options",
            "A label-less namespace covers its whole region; another size is refused with EINVAL.",
            "Leave out --size on a label-less region (the namespace covers it), or initialise labels "
                    + "first.")
            .withTemplate("Retry without -s/--size=");
    public static final Rule NDCTL_REGION_ALIGN = ndctl("NDCTL-REGION-ALIGN", "validate_namespace_options",
            "\"align setting is <align> size <size> is misaligned\": the size is not a multiple of the region "
                    + "align, EINVAL.",
            "Use a size that is a multiple of the region align, or set the region's align first.")
            .withTemplate("{region}: align setting is {align} size {size} is misaligned");
    public static final Rule NDCTL_SIZE_ALIGN = ndctl("NDCTL-SIZE-ALIGN", "validate_namespace_options",
            "The size must be a multiple of align times interleave ways: \"did you intend --size=...?\", EINVAL.",
            "Use the size ndctl suggests: a multiple of align x interleave ways.")
            .withTemplate("'--size=' must align to interleave-width: {ways} and alignment: {align}");
    public static final Rule NDCTL_MIN_SIZE = ndctl("NDCTL-MIN-SIZE", "validate_namespace_options",
            "Modes other than raw need at least 16M: EINVAL.",
            "Use at least 16M, or raw mode.")
            .withTemplate("'--size=' must be >= 16MiB for '{mode}' mode");
    public static final Rule NDCTL_ALIGN_OPTION = ndctl("NDCTL-ALIGN-OPTION", "validate_namespace_options",
            "--align must be a power of 2 of at least PAGE_SIZE (parse_namespace_options: EINVAL, usage, exit"
            + " 129); it is only for fsdax/devdax and must be one of the kernel's supported_alignments: ENXIO.",
            "Pass an --align listed in the namespace's supported_alignments, and only for fsdax or "
                    + "devdax.");
    public static final Rule NDCTL_MAP_OPTION = ndctl("NDCTL-MAP-OPTION", "set_defaults",
            "--map (where the struct page array lives) is only for fsdax and devdax namespaces: EINVAL.",
            "Leave out --map, or create the namespace in fsdax or devdax mode.")
            .withTemplate("--map only valid for an devdax mode pmem namespace");
    public static final Rule NDCTL_SECTOR_SIZE = ndctl("NDCTL-SECTOR-SIZE", "validate_namespace_options",
            "A sector size the BTT (or the namespace) does not support: EINVAL.",
            "Use a sector size the BTT supports (512 or 4096, plus the metadata variants).")
            .withTemplate("{region}: does not support {device} sector_size {sector-size}");
    public static final Rule NDCTL_NS_SECTOR_SIZE = ndctl("NDCTL-NS-SECTOR-SIZE", "setup_namespace, "
                    + "validate_namespace_options",
            "create-namespace writes the sector size to the namespace's own sector_size (512 by default, 4096 for "
                    + "-m sector), and the kernel keeps it in the namespace's labels; a reconfigure without -l keeps "
                    + "it, so a namespace once made sector with 4096-byte sectors shows sector_size 4096 as raw or "
                    + "fsdax (without -m and -l, a sector namespace keeps its BTT's sector size).",
            "Pass `sector-size 512` when reconfiguring to raw or fsdax to go back to 512-byte sectors.");
    public static final Rule NDCTL_NS_IDENTITY = ndctl("NDCTL-NS-IDENTITY", "parse_namespace_options, "
                    + "validate_namespace_options, setup_namespace",
            "--uuid must parse as a uuid (\"failed to parse uuid\", usage, EINVAL) and --name must fit a label's "
                    + "63 characters (\"alt name overflow\", EINVAL). setup_namespace writes both to a labelled "
                    + "namespace (uuid, alt_name); a reconfigure keeps the name but, without --uuid, gives the "
                    + "namespace a new uuid. A label-less namespace (namespace_io) has neither attribute: ndctl "
                    + "skips them without a word.",
            "Write the uuid as 8-4-4-4-12 hex digits and keep the name under 64 characters; for a label-less "
                    + "region, initialise labels first.")
            .withTemplate("{problem}"); // two checks, two of ndctl's sentences
    public static final Rule NDCTL_NO_SEED = ndctl("NDCTL-NO-SEED", "namespace_create, region_get_namespace",
            "No idle namespace seed (label-less region, or a configured but disabled namespace): ENOSPC.",
            "Destroy or reconfigure an existing namespace instead (`-e namespaceX.Y`), or enable the "
                    + "disabled one.")
            .withTemplate("{region}: no idle namespace seed");
    public static final Rule NDCTL_DAX_SYSTEM_RAM = Rule.error("NDCTL-DAX-SYSTEM-RAM", Layer.NDCTL,
            "ndctl 76.1 ndctl/lib/libndctl.c ndctl_namespace_disable_safe, ndctl_dax_has_active_memory",
            "ndctl disable-namespace, destroy-namespace and reconfigure (create-namespace -f -e) refuse a devdax "
                    + "namespace while its dax device has memory online as system-ram (\"active as system-ram, "
                    + "refusing to disable\", a debug line; EBUSY). With the memory offline the namespace goes "
                    + "and kmem removes the memory with it.",
            "Offline the memory first (`daxctl offline-memory DEV`), or give the device back "
                    + "(`daxctl reconfigure-device DEV devdax force`).")
            .withTemplate("{namespace}: active as system-ram, refusing to disable");
    public static final Rule NDCTL_REGION_ACTIVE = Rule.warning("NDCTL-REGION-ACTIVE", Layer.NDCTL,
            "ndctl 76.1 ndctl/region.c region_action, do_xable_region; ndctl/lib/libndctl.c "
                    + "ndctl_namespace_disable_safe",
            "ndctl disable-region disables the region's namespaces one by one first; a namespace that refuses "
                    + "(a dax device with memory online as system-ram, a block device held open) stops it: the "
                    + "region stays enabled, the namespaces before it stay disabled, and ndctl says \"disabled 0 "
                    + "regions\" and exits 0.",
            "Offline the dax device's memory (`daxctl offline-memory DEV`) before disabling its region.")
            .withTemplate("{region} stays enabled: {namespace} is active as system-ram, refusing to disable");
    public static final Rule NDCTL_REGION_DISABLED = ndctl("NDCTL-REGION-DISABLED", "validate_namespace_options",
            "create-namespace skips a disabled region (\"disabled, skipping...\", -EAGAIN); with no other "
                    + "candidate it fails with ENOSPC.",
            "Enable the region first (`enable region REGION`).")
            .withTemplate("{region}: disabled, skipping...");
    public static final Rule NDCTL_DAX_ALIGN = ndctl("NDCTL-DAX-ALIGN", "check_dax_align",
            "fsdax/devdax on a namespace whose start is not 16M aligned: \"misaligned to 16M\", EINVAL.",
            "Start fsdax/devdax namespaces on a 16M boundary: size the namespaces before it in "
                    + "multiples of 16M.")
            .withTemplate("{namespace} misaligned to 16M, adjust region alignment and retry");
    public static final Rule NDCTL_INFOBLOCK_MODE = ndctl("NDCTL-INFOBLOCK-MODE", "write_infoblock_options",
            "write-infoblock writes an fsdax (pfn) or devdax (dax) infoblock; other modes are refused.",
            "Ask write-infoblock for fsdax or devdax.")
            .withTemplate("{step} a pfn or dax device: use `mode fsdax` or `mode devdax`");
    public static final Rule NDCTL_INFOBLOCK_BUSY = ndctl("NDCTL-INFOBLOCK-BUSY", "namespace_rw_infoblock",
            "write-infoblock needs a disabled namespace: EBUSY (\"enabled, must be disabled\").",
            "Disable the namespace before write-infoblock.")
            .withTemplate("{namespace} enabled, must be disabled");
    public static final Rule NDCTL_INFOBLOCK_LAYOUT = ndctl("NDCTL-INFOBLOCK-LAYOUT", "write_pfn_sb",
            "write-infoblock lays out version 1.4 with start_pad and end_trunc taken against --offset (not the "
                    + "namespace base) at max(align, 2M), and refuses a data offset past the end: ENXIO.",
            "Use a smaller --align or --offset so that data remains before the namespace's end.")
            .withTemplate("unable to satisfy requested alignment");
    public static final Rule NDCTL_ENABLE = ndctl("NDCTL-ENABLE", "setup_namespace; ndctl/lib/libndctl.c *_enable",
            "The kernel probe of the new namespace personality failed: \"failed to enable\", ENXIO.",
            "Read the kernel's reason in the log (the rule cited before this one) and change the "
                    + "namespace's mode, align or size.")
            .withTemplate("{namespace}: {failure}");
    public static final Rule NDCTL_LABELS = Rule.error("NDCTL-LABELS", Layer.NDCTL,
            "ndctl 76.1 ndctl/dimm.c __action_init, action_zero, action_read",
            "init-labels, zero-labels and read-labels need a DIMM with a label area: ENXIO (init) or EINVAL (zero,"
                    + " read) without one.",
            "Give the DIMM a `label-area`, or leave it label-less and skip the label commands.")
            .withTemplate("{dimm} has no label area to {verb}");
    public static final Rule NDCTL_LABELS_INITIALIZED = Rule.error("NDCTL-LABELS-INITIALIZED", Layer.NDCTL,
            "ndctl 76.1 ndctl/dimm.c __action_init (ndctl_dimm_validate_labels)",
            "init-labels refuses a DIMM whose label index is already valid, unless --force: EBUSY (default label "
                    + "version 1.1).",
            "Pass `force` to overwrite the index, or zero the labels first.")
            .withTemplate("{dimm}: labels already initialized");
    public static final Rule NDCTL_LABELS_ACTIVE = Rule.error("NDCTL-LABELS-ACTIVE", Layer.NDCTL,
            "ndctl 76.1 ndctl/dimm.c action_zero, __action_init; ndctl/lib/libndctl.c ndctl_dimm_is_active",
            "zero-labels and init-labels (with or without --force) refuse a DIMM whose state is active (a region "
                    + "of it enabled): \"nmemX: regions active, abort label write\", EBUSY, exit status 1.",
            "Disable the DIMM's regions first (`ndctl disable-region`), or leave out `active` so the step runs "
                    + "ndctl's way with the regions disabled around it.")
            .withTemplate("{dimm}: regions active, abort label write");
    public static final Rule NDCTL_CHECK_LABELS = Rule.error("NDCTL-CHECK-LABELS", Layer.NDCTL,
            "ndctl 76.1 ndctl/dimm.c action_check, cmd_check_labels; ndctl/lib/dimm.c label_validate",
            "check-labels reads the DIMM's label area (ENXIO without one) and looks for a valid index block, with "
                    + "128- or 256-byte labels (EINVAL when neither index block is valid, e.g. a zeroed area); "
                    + "it works while the DIMM is active and prints \"successfully verified N nmem label\", exit "
                    + "status 1 when N is 0.",
            "Initialise the labels (`init-labels`) of a DIMM with a label area, or restore them (write-labels).")
            .withTemplate("{dimm}: {why}");
    public static final Rule LABEL_INDEX_VERSION = Rule.error("LABEL-INDEX-VERSION", Layer.KERNEL,
            "drivers/nvdimm/label.c nd_label_validate, __nd_label_validate, sizeof_namespace_label (6.1)",
            "The kernel accepts a v1.1 index (128-byte labels) and a v1.2 index (256-byte labels): it tries "
                    + "both sizes. The slots are what fits after the two index blocks: 1020 v1.1 or 510 v1.2 "
                    + "labels in 128K; available_slots holds one back.",
            "Nothing to fix: pick the label version with `init-labels ... label-version 1.1|1.2`; v1.2 "
                    + "halves the slots and gives BTTs version 2.0 infoblocks at offset 0.");
    public static final Rule NDCTL_CHECK_REWRITE_LOG = Rule.error("NDCTL-CHECK-REWRITE-LOG", Layer.NDCTL,
            "ndctl 76.1 ndctl/check.c namespace_check",
            "check-namespace --rewrite-log without --repair: \"--rewrite-log also requires --repair\", EINVAL, "
                    + "before anything is checked.",
            "Add `repair` to a `rewrite-log` check.")
            .withTemplate("--rewrite-log also requires --repair");
    public static final Rule NDCTL_CHECK_ACTIVE = Rule.error("NDCTL-CHECK-ACTIVE", Layer.NDCTL,
            "ndctl 76.1 ndctl/check.c namespace_check",
            "check-namespace on an enabled namespace without --force: \"check aborted, namespace online\", "
                    + "EBUSY; with --force the namespace is disabled for the check and enabled again after it.",
            "Disable the namespace first (`disable namespace`), or add `force`.")
            .withTemplate("{namespace}: check aborted, namespace online");
    public static final Rule NDCTL_CHECK_BTT = Rule.error("NDCTL-CHECK-BTT", Layer.NDCTL,
            "ndctl 76.1 ndctl/check.c namespace_check, btt_info_verify, btt_recover_first_sb",
            "check-namespace reads the namespace raw and needs a BTT info block (BTT1 at 4K, BTT2 at 0) whose "
                    + "parent uuid is the namespace's: otherwise \"Unable to recover any BTT info blocks\", "
                    + "ENXIO; a consistent BTT checks clean (\"checked 1 namespace\").",
            "Check only sector-mode namespaces (a BTT); raw, fsdax and devdax namespaces have none.")
            .withTemplate("This may not be a sector mode namespace");

    // ---- media errors and scrub (ndctl 76.1 inject-error.c, namespace.c clear-errors, bus.c scrub; pmem.c) ----
    public static final Rule NDCTL_INJECT_OPTIONS = Rule.error("NDCTL-INJECT-OPTIONS", Layer.NDCTL,
            "ndctl 76.1 ndctl/inject-error.c inject_init",
            "inject-error checks its options before it looks for the namespace: an inject or uninject needs both "
                    + "-B and -n (\"block and count required for inject/uninject\"), --status takes none of -B, "
                    + "-n, --saturate, --uninject (\"status is invalid with inject or uninject\"); EINVAL.",
            "Give `block` and `count` to an injection or `uninject`; write `status` alone.")
            .withTemplate("{problem}");
    public static final Rule NDCTL_INJECT_UNSUPPORTED = Rule.error("NDCTL-INJECT-UNSUPPORTED", Layer.NDCTL,
            "ndctl 76.1 ndctl/inject-error.c do_inject, ndctl/lib/inject.c ndctl_bus_has_error_injection",
            "inject-error needs a bus whose NFIT offers ARS_INJECT_SET, _GET and _CLEAR: otherwise \"NS: error "
                    + "injection not supported\", EOPNOTSUPP. QEMU's NFIT has none (t17).",
            "Declare `nfit ars error-injection` for a platform whose firmware injects errors (nfit_test, "
                    + "some BIOSes); QEMU cannot.")
            .withTemplate("{namespace}: error injection not supported");
    public static final Rule NDCTL_INJECT_RANGE = Rule.error("NDCTL-INJECT-RANGE", Layer.NDCTL,
            "ndctl 76.1 ndctl/lib/inject.c ndctl_namespace_inject_error2, block_to_spa_offset, "
                    + "ndctl_namespace_get_injection_bounds",
            "Blocks are 512 bytes of the namespace's data (a pfn/dax device's resource and size, a raw "
                    + "namespace's own): blocks past its end are EINVAL, a count of 0 injects nothing and is EINVAL, "
                    + "a sector (BTT) namespace has no injection bounds: EOPNOTSUPP.",
            "Inject within the namespace's size (block + count <= size / 512) with a count of at least 1, on a "
                    + "raw, fsdax or devdax namespace.")
            .withTemplate("Unable to {op}: {reason}");
    public static final Rule NDCTL_SCRUB_UNSUPPORTED = Rule.error("NDCTL-SCRUB-UNSUPPORTED", Layer.NDCTL,
            "ndctl 76.1 ndctl/lib/libndctl.c __ndctl_bus_get_scrub_state, ndctl_bus_start_scrub; "
                    + "drivers/acpi/nfit/core.c acpi_nfit_attribute_visible (nfit/scrub only with ARS)",
            "Without ARS the bus has no nfit/scrub: start-scrub and wait-scrub fail to open it (ENOENT), "
                    + "clear-errors cannot read the scrub state (EOPNOTSUPP), an injection that notifies cannot read "
                    + "the scrub count (ENXIO).",
            "Declare `nfit ars` for firmware with address range scrub; on QEMU there is nothing to scrub.")
            .withTemplate("{message}");
    public static final Rule NDCTL_CLEAR_BTT = Rule.error("NDCTL-CLEAR-BTT", Layer.NDCTL,
            "ndctl 76.1 ndctl/namespace.c namespace_clear_bb (\"skip error clearing for btt\")",
            "clear-errors skips a sector (BTT) namespace before anything else: it clears nothing, prints "
                    + "\"cleared 0 namespaces\" and exits 1 (no errno; the model reports EOPNOTSUPP).",
            "Clear errors under a BTT by reconfiguring the namespace raw first, or rewrite the blocks.")
            .withTemplate("{namespace}: skip error clearing for btt");
    public static final Rule PMEM_READ_POISON = Rule.error("PMEM-READ-POISON", Layer.KERNEL,
            "drivers/nvdimm/pmem.c pmem_do_read (is_bad_pmem); drivers/nvdimm/claim.c nsio_rw_bytes (the BTT's "
                    + "reads); drivers/nvdimm/btt.c alloc_arena (dataoff), nd_btt_version (initial offset)",
            "A read that touches a known badblock fails with EIO: raw and fsdax through pmem_do_read, a sector "
                    + "namespace when its BTT reads the block's data (at initial offset + 4K + LBA x internal lbasize "
                    + "in a fresh arena); a devdax load of a poisoned page takes a machine check (SIGBUS), "
                    + "reported as EIO. A disabled namespace has no device to read: ENOENT.",
            "Clear the namespace's errors (`clear-errors NS`) or write the whole block before reading it.")
            .withTemplate("{device}: {what}");
}
