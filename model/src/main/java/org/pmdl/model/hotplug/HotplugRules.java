package org.pmdl.model.hotplug;

import org.pmdl.model.rules.Layer;
import org.pmdl.model.rules.Rule;

/**
 * Rules of memory hotplug, driver-managed System RAM, dax kmem, kexec hand-over and hot-added caching modes
 * (domain catalog B). Sources name the upstream code the model follows (Debian linux-source-6.1 6.1.192 unless
 * said otherwise) and, where a fact came from a review thread, its catalog entry (B-nn).
 */
public final class HotplugRules {
    private HotplugRules() {
    }

    // ---- add_memory / add_memory_driver_managed / remove (B-01, B-02, B-04, B-05) ----
    public static final Rule ADD_MEMORY = Rule.error("MHP-ADD-MEMORY", Layer.KERNEL,
            "mm/memory_hotplug.c add_memory_resource, register_memory_resource",
            "add_memory() registers \"System RAM\" (IORESOURCE_SYSTEM_RAM|IORESOURCE_BUSY) and a hotplug "
                    + "/sys/firmware/memmap entry of type \"System RAM\" for [start, start+size).",
            "Nothing to fix: expect the System RAM resource and the firmware memmap entry.");
    public static final Rule DRIVER_MANAGED = Rule.error("MHP-DRIVER-MANAGED", Layer.KERNEL,
            "mm/memory_hotplug.c add_memory_driver_managed, register_memory_resource",
            "add_memory_driver_managed() names the resource \"System RAM ($DRIVER)\", flags it "
                    + "IORESOURCE_SYSRAM_DRIVER_MANAGED and creates no /sys/firmware/memmap entry.",
            "Nothing to fix: expect \"System RAM ($DRIVER)\" and no firmware memmap entry.");
    public static final Rule RESOURCE_NAME = Rule.error("MHP-RESOURCE-NAME", Layer.KERNEL,
            "mm/memory_hotplug.c add_memory_driver_managed (B-04)",
            "A driver-managed resource name must start with \"System RAM (\" and end with ')', else -EINVAL.",
            "Name the resource \"System RAM (driver)\".")
            .withTemplate("resource name \"{name}\" is not \"System RAM ($DRIVER)\"");
    public static final Rule BLOCK_ALIGN = Rule.error("MHP-BLOCK-ALIGN", Layer.KERNEL,
            "mm/memory_hotplug.c check_hotplug_memory_range",
            "A hot-added range must be non-empty and start and size must be multiples of the memory block size, "
                    + "else \"Block size [%#lx] unaligned hotplug range\" and -EINVAL.",
            "Align the range's start and size to the memory block size.")
            .withTemplate("range not block aligned");
    public static final Rule RESOURCE_CONFLICT = Rule.error("MHP-RESOURCE-CONFLICT", Layer.KERNEL,
            "mm/memory_hotplug.c register_memory_resource; kernel/resource.c __request_region",
            "The range overlaps a busy resource or straddles a resource boundary: -EEXIST.",
            "Add memory in a range no busy resource covers, inside one parent resource.")
            .withTemplate("range busy");
    public static final Rule REMOVE_ONLINE = Rule.error("MHP-REMOVE-ONLINE", Layer.KERNEL,
            "mm/memory_hotplug.c try_remove_memory, check_memblock_offlined_cb",
            "Memory can be removed only when all its memory blocks are offline, else -EBUSY.",
            "Offline every memory block of the range before removing it.")
            .withTemplate("a memory block is online");
    public static final Rule MEMMAP_REMOVE = Rule.error("FIRMWARE-MEMMAP-REMOVE", Layer.KERNEL,
            "drivers/firmware/memmap.c firmware_map_remove; mm/memory_hotplug.c try_remove_memory",
            "Removing a range without a firmware memmap entry gets -EINVAL from firmware_map_remove(), which the "
                    + "remove path ignores: the removal succeeds.",
            "Nothing to fix: the removal succeeds without a firmware memmap entry.");
    public static final Rule MEMMAP_ARCH = Rule.error("FIRMWARE-MEMMAP-ARCH", Layer.KERNEL,
            "drivers/firmware/Kconfig FIRMWARE_MEMMAP (x86 e820 is its only early source)",
            "/sys/firmware/memmap exists on x86_64 (CONFIG_FIRMWARE_MEMMAP); a ppc64 kernel has none, so hot-add "
                    + "creates no entry there.",
            "Do not expect /sys/firmware/memmap entries on ppc64.");

    // ---- memory blocks (drivers/base/memory.c) ----
    public static final Rule BLOCK_STATE = Rule.error("MEMORY-BLOCK-STATE", Layer.KERNEL,
            "drivers/base/memory.c state_store, memory_subsys_online/offline",
            "Writing online/online_movable/offline to memoryN/state: a block already in that state gives -EINVAL; "
                    + "a block that is not present gives -ENOENT (no such sysfs file).",
            "Write a state the block is not in, to a block that is present.")
            .withTemplate("memory{index} {state}");
    public static final Rule BLOCK_SIZE = Rule.error("MEMORY-BLOCK-SIZE", Layer.KERNEL,
            "drivers/base/memory.c memory_dev_init: \"Memory block size not suitable\" (panic)",
            "The memory block size must be a power of two of at least MIN_MEMORY_BLOCK_SIZE, the section size "
                    + "(x86_64 128M, ppc64 16M); otherwise the kernel does not boot.",
            "Use a power-of-two memory block size of at least the section size (128M on x86_64, 16M "
                    + "on ppc64).")
            .withTemplate("memory-block-size {size} is not a power of two of at least {minimum} (the section size "
                    + "on {arch})");
    public static final Rule OFFLINE_KERNEL_ZONE = Rule.error("MEMORY-OFFLINE-KERNEL-ZONE", Layer.KERNEL,
            "mm/memory_hotplug.c offline_pages (scan_movable_pages: -EBUSY on an unmovable page); "
                    + "Documentation/admin-guide/mm/memory-hotplug.rst (ZONE_MOVABLE); observed on Linux 6.1 under "
                    + "QEMU (docs/kernel-observations t17)",
            "Offlining a block onlined to ZONE_NORMAL is not reliable: kernel allocations (slab) land there and "
                    + "offline_pages() gives -EBUSY; the model predicts -EBUSY, only ZONE_MOVABLE blocks offline.",
            "Online blocks you want to offline again as online_movable (ZONE_MOVABLE).")
            .withTemplate("memory{index} is in ZONE_NORMAL");
    public static final Rule AUTO_ONLINE = Rule.error("MEMORY-AUTO-ONLINE", Layer.KERNEL,
            "mm/memory_hotplug.c mhp_default_online_type (6.14+ and Debian's 6.12: mhp_get_default_online_type), "
                    + "add_memory_resource; CONFIG_MEMORY_HOTPLUG_DEFAULT_ONLINE not set in Debian 12, "
                    + "CONFIG_MHP_DEFAULT_ONLINE_TYPE_ONLINE_AUTO=y in Debian 13",
            "Hot-added memory blocks are onlined at once if memhp_default_state (else the distro's configuration) "
                    + "is online/online_kernel/online_movable; the Kconfig default and Debian 12's are offline, "
                    + "Debian 13's online.",
            "Set memhp_default_state (or the distro) to the policy you want, or online blocks by "
                    + "hand.");

    // ---- dax kmem and daxctl ----
    public static final Rule DAX_KMEM = Rule.error("DAX-KMEM", Layer.KERNEL,
            "drivers/dax/kmem.c dev_dax_kmem_probe, dax_kmem_range",
            "kmem aligns the dax range inward to the memory block size, requests it as \"daxX.Y\" and adds "
                    + "\"System RAM (kmem)\" under it with add_memory_driver_managed (5.8+; before, add_memory: "
                    + "\"System RAM\" plus a firmware memmap entry).",
            "Nothing to fix: expect \"System RAM (kmem)\" aligned inward to memory blocks.")
            .withTemplate("{device}: {failure}");
    public static final Rule DAXCTL_NOT_SYSTEM_RAM = Rule.error("DAXCTL-NOT-SYSTEM-RAM", Layer.DAXCTL,
            "ndctl 76.1 daxctl/device.c do_xline (daxctl_dev_get_memory)",
            "daxctl online-memory and offline-memory need a device in system-ram mode (kmem bound): ENXIO "
                    + "otherwise.",
            "Reconfigure the device to system-ram first (`daxctl reconfigure-device DEV mode system-ram`).")
            .withTemplate("{device} is not in system-ram mode");
    public static final Rule DAX_KMEM_REMOVE = Rule.error("DAX-KMEM-REMOVE", Layer.KERNEL,
            "drivers/dax/kmem.c dev_dax_kmem_remove",
            "Unbinding kmem removes the memory only if every block is offline; otherwise \"mapping%d: ... cannot be "
                    + "hotremoved until the next reboot\" and the range stays System RAM.",
            "Offline the device's memory blocks before unbinding kmem.");
    public static final Rule DAXCTL_AUTO_ONLINE = Rule.error("DAXCTL-AUTO-ONLINE", Layer.DAXCTL,
            "ndctl daxctl/device.c reconfig_mode_system_ram (daxctl_dev_will_auto_online_memory)",
            "daxctl reconfigure-device --mode=system-ram refuses (-EBUSY, \"kernel policy will auto-online memory, "
                    + "aborting\") when the kernel auto-onlines and daxctl was asked for movable or no onlining, "
                    + "unless --force.",
            "Pass --force, or let daxctl online the memory as the kernel policy does.")
            .withTemplate("{device}: error: kernel policy will auto-online memory, aborting");
    public static final Rule DAXCTL_NO_DEVICE = Rule.error("DAXCTL-NO-DEVICE", Layer.DAXCTL,
            "ndctl daxctl/device.c do_xaction_device (no dax device matches the name)",
            "daxctl names a device that is neither an enabled devdax namespace's dax device nor soft-reserved "
                    + "memory's: nothing is reconfigured, ENXIO.",
            "Create the devdax namespace (or boot with soft-reserved memory) before the daxctl step.")
            .withTemplate("{namespace} is not an enabled devdax namespace, soft-reserved memory or a device daxctl"
                    + " created");
    public static final Rule DAXCTL_ONLINE_BUSY = Rule.error("DAXCTL-ONLINE-BUSY", Layer.DAXCTL,
            "ndctl daxctl/device.c disable_system_ram_device",
            "daxctl reconfigure-device --mode=devdax refuses (-EBUSY) while memory of the device is online; "
                    + "--force offlines it first.",
            "Offline the memory first, or pass --force.")
            .withTemplate("{device}: memory is online, refusing to change modes");

    // ---- dax regions and their devices: daxctl create/destroy/enable/disable-device (issue 17) ----
    public static final Rule DAX_REGION_STATIC = Rule.error("DAX-REGION-STATIC", Layer.KERNEL,
            "drivers/dax/pmem.c __dax_pmem_probe (IORESOURCE_DAX_STATIC); drivers/dax/bus.c is_static, "
                    + "dax_region_visible, dev_dax_visible (6.1)",
            "A devdax namespace's dax region is static: it has no create, seed or delete attribute and its one "
                    + "device's size is read-only, so daxctl create-device fails (ENOSPC) and destroy-device or a "
                    + "resize fails to set the size (ENXIO). Only dynamic regions (hmem over soft-reserved memory) "
                    + "are sub-divided.",
            "Sub-divide a dynamic region (soft-reserved memory), or size the devdax namespace itself.")
            .withTemplate("{device}: {failure}");
    public static final Rule DAX_REGION_CREATE = Rule.error("DAX-REGION-CREATE", Layer.KERNEL,
            "drivers/dax/bus.c create_store, dax_bus_probe (6.1); ndctl 76.1 daxctl/device.c do_create",
            "daxctl create-device writes \"create\": with no available_size the region refuses (ENOSPC), else it "
                    + "adds a zero-size device with the lowest free id, which is the seed until a device with a size "
                    + "probes; daxctl sizes the seed (all that is available without -s) and enables it.",
            "Free space in the region first: shrink a disabled device (`daxctl reconfigure-device DEV size S`) or "
                    + "destroy one.")
            .withTemplate("{device}: {failure}");
    public static final Rule DAX_DEV_RESIZE = Rule.error("DAX-DEV-RESIZE", Layer.KERNEL,
            "drivers/dax/bus.c size_store, dev_dax_resize, alloc_is_aligned (6.1); ndctl 76.1 "
                    + "daxctl/lib/libdaxctl.c daxctl_dev_set_size",
            "A device's size changes only while it is disabled (EBUSY), in multiples of its align (at least the "
                    + "2M subsection, EINVAL) and up to the region's available_size (ENOSPC); it shrinks from its "
                    + "end and grows into the region's first free space. libdaxctl turns any refusal into ENXIO "
                    + "(\"failed to set size\").",
            "Disable the device first (`daxctl disable-device`) and ask for an aligned size the region has free.")
            .withTemplate("{device}{refusal}");
    public static final Rule DAX_DEV_ALIGN = Rule.error("DAX-DEV-ALIGN", Layer.KERNEL,
            "drivers/dax/bus.c align_store, dev_dax_validate_align, dax_align_valid (6.1)",
            "A device's align is a page-table size (4K, 2M, 1G) that its range, if it has one, is aligned to: "
                    + "EINVAL otherwise.",
            "Set 4K, 2M or 1G, one that the device's start and size are multiples of (or set it before the size).")
            .withTemplate("{device}: align {align} invalid");
    public static final Rule DAX_DEV_DELETE = Rule.error("DAX-DEV-DELETE", Layer.KERNEL,
            "drivers/dax/bus.c delete_store (6.1)",
            "A region deletes only a disabled zero-size device, and never daxR.0 (kept so /sys/bus/dax stays "
                    + "populated): EBUSY, after daxctl destroy-device has already set its size to 0.",
            "Leave daxR.0 in place (shrink it instead); destroy only the devices created after it.")
            .withTemplate("{device}: cannot be deleted");
    public static final Rule DAXCTL_DESTROY_ACTIVE = Rule.error("DAXCTL-DESTROY-ACTIVE", Layer.DAXCTL,
            "ndctl 76.1 daxctl/device.c dev_destroy",
            "daxctl destroy-device refuses an enabled device without --force (\"is active, specify --force for "
                    + "deletion\", ENXIO); with --force it disables the device, whatever its mode, then sets its "
                    + "size to 0 and deletes it.",
            "Disable the device first, or pass --force (after offlining any system-ram memory).")
            .withTemplate("{device} is active, specify --force for deletion");
    public static final Rule DAXCTL_STATUS_DEVDAX = Rule.error("DAXCTL-STATUS-DEVDAX", Layer.DAXCTL,
            "ndctl 76.1 daxctl/device.c do_xble",
            "daxctl enable-device / disable-device act only on a device in devdax mode: in system-ram mode "
                    + "\"status operations are only applicable in devdax mode\", ENXIO.",
            "Reconfigure the device to devdax first (`daxctl reconfigure-device DEV devdax`).")
            .withTemplate("{device}: status operations are only applicable in devdax mode");
    public static final Rule DAX_MULTI_RANGE = Rule.error("DAX-MULTI-RANGE", Layer.PMDL,
            "drivers/dax/bus.c dev_dax_resize, alloc_dev_dax_range (6.1)",
            "The kernel grows a device across several free gaps (a device of several ranges); the model keeps one "
                    + "range per dax device and does not predict such a resize.",
            "Free one contiguous gap large enough (destroy the device after the one to grow), or check the "
                    + "resize on a real kernel.")
            .withTemplate("{device}: growing to {size} bytes needs a second range");

    // ---- kexec and kdump (B-06, B-07, B-11 .. B-14) ----
    public static final Rule KEXEC_LOAD_MEMMAP = Rule.error("KEXEC-LOAD-MEMMAP", Layer.KEXEC_TOOLS,
            "kexec-tools kexec/arch/i386/kexec-x86-common.c get_memory_ranges; kexec/firmware_memmap.c "
                    + "get_firmware_memmap_ranges (/sys/firmware/memmap)",
            "kexec_load: kexec-tools builds the next kernel's e820 from /sys/firmware/memmap, so every hotplug "
                    + "\"System RAM\" entry becomes boot RAM of the next kernel.",
            "Remove hot-added memory you do not want the next kernel to boot with before kexec_load, "
                    + "or use kexec_file_load.");
    public static final Rule KEXEC_FILE_E820 = Rule.error("KEXEC-FILE-E820", Layer.KERNEL,
            "arch/x86/kernel/kexec-bzimage64.c setup_e820_entries (e820_table_kexec)",
            "kexec_file_load: the kernel hands over e820_table_kexec, the firmware's table as booted; no "
                    + "hot-added memory is in it.",
            "Use kexec_load (kexec-tools' default on x86) or a cold reboot if the next kernel needs "
                    + "hot-added memory.");
    public static final Rule KEXEC_PLACEMENT = Rule.warning("KEXEC-PLACEMENT", Layer.KERNEL,
            "kernel/kexec_file.c locate_mem_hole_callback (skips IORESOURCE_SYSRAM_DRIVER_MANAGED)",
            "kexec segments are never placed in driver-managed System RAM.",
            "Online device memory through kmem (driver-managed) so that kexec does not place segments"
                    + " in it.")
            .withTemplate("{resource} {range} is device-owned but not driver-managed: kexec may place segments in"
                    + " it");
    public static final Rule KEXEC_POLICY_LEAK = Rule.warning("KEXEC-POLICY-LEAK", Layer.KERNEL,
            "kexec-tools kexec/arch/i386/kexec-x86-common.c get_memory_ranges (/sys/firmware/memmap); "
                    + "drivers/dax/kmem.c dev_dax_kmem_probe (catalog B-06a, B-07)",
            "Device-owned memory that this kernel onlined (dax kmem) becomes boot RAM of a kexec'd kernel: a "
                    + "real reboot would give it back to its device.",
            "Offline and remove device memory (daxctl reconfigure-device --mode=devdax) before kexec,"
                    + " or reboot instead.")
            .withTemplate("{range} ({owner}) becomes boot RAM of the next kernel; a reboot gives it back to"
                    + " {driver}");
    public static final Rule KEXEC_FILE_HOTADD_GAP = Rule.warning("KEXEC-FILE-HOTADD-GAP", Layer.KERNEL,
            "arch/x86/kernel/kexec-bzimage64.c setup_e820_entries (e820_table_kexec holds no hot-added "
                    + "memory; catalog B-08, B-12)",
            "kexec_file_load drops hot-added DIMM memory that a real reboot (e820) would report: the next kernel "
                    + "has less RAM than after a cold boot.",
            "Use kexec_load or a cold reboot if the next kernel needs the hot-added memory.")
            .withTemplate("hot-added {range} is not in e820_table_kexec: the next kernel does not get it, a cold"
                    + " reboot would");
    public static final Rule KDUMP_NESTED_RAM = Rule.warning("KDUMP-NESTED-RAM", Layer.KEXEC_TOOLS,
            "kexec-tools kexec/arch/i386/crashdump-x86.c get_crash_memory_ranges (root \"System RAM\" of "
                    + "/proc/iomem; catalog B-13)",
            "kexec-tools ignores \"System RAM\" that is not a root resource of /proc/iomem, so kdump prepared by "
                    + "kexec_load does not dump dax kmem memory.",
            "Load the kdump kernel with kexec_file_load (-s) to dump dax kmem memory.")
            .withTemplate("{resource} {range} is not a root \"System RAM\" resource: kexec-tools would not dump it"
                    + " with kdump");

    // ---- EFI soft-reserved memory (B-19; S-25) ----
    public static final Rule EFI_SOFT_RESERVE = Rule.error("EFI-SOFT-RESERVE", Layer.KERNEL,
            "drivers/firmware/efi/libstub/x86-stub.c setup_e820, arch/x86/platform/efi/efi.c do_add_efi_memmap "
                    + "(efi_soft_reserve_enabled: CONFIG_EFI_SOFT_RESERVE, efi=nosoftreserve), arch/x86/kernel/e820.c "
                    + "e820_type_to_string, do_mark_busy; drivers/dax/hmem/device.c",
            "EFI Conventional Memory with EFI_MEMORY_SP is E820 \"soft reserved\": a non-busy \"Soft Reserved\" "
                    + "resource and /sys/firmware/memmap entry, which dax_hmem makes a dax device that daxctl can "
                    + "online through kmem as \"System RAM (kmem)\"; with efi=nosoftreserve it is usable boot System "
                    + "RAM. Both are legal: the policy is the kernel's.",
            "Nothing to fix: choose efi=nosoftreserve for boot RAM, or online the dax_hmem device "
                    + "through kmem.");

    // ---- virtio-mem (B-15, B-17; SM-3) ----
    public static final Rule VIRTIO_MEM_PLUG = Rule.error("VIRTIO-MEM-PLUG", Layer.KERNEL,
            "drivers/virtio/virtio_mem.c virtio_mem_create_resource, virtio_mem_add_memory, "
                    + "virtio_mem_sbm_plug_request, virtio_mem_sbm_unplug_request (6.1.192)",
            "virtio-mem reserves its region as \"virtioN\" and adds each memory block (Sub Block Mode) or big block "
                    + "with a plugged part as \"System RAM (virtio_mem)\" under it, merged with its neighbours "
                    + "(MHP_MERGE_RESOURCE); it plugs upward from the lowest free block, unplugs offline memory "
                    + "first from the top, and stops adding while 1G of its memory is offline.",
            "Nothing to fix: expect the plugged blocks in this order.")
            .withTemplate("{device}: could not reserve device region: virtio_mem did not probe");
    public static final Rule VIRTIO_MEM_REQUESTED_SIZE = Rule.error("VIRTIO-MEM-REQUESTED-SIZE", Layer.QEMU,
            "QEMU hw/virtio/virtio-mem.c virtio_mem_set_requested_size",
            "QEMU refuses a requested-size that is not a multiple of the device's block-size or exceeds its "
                    + "memory backend: EINVAL, and the guest sees no change.",
            "Ask for a multiple of the block size no larger than the virtio-mem device's size.")
            .withTemplate("requested-size {size} is not a multiple of the block size {block-size} within the region "
                    + "size {region-size} (QEMU hw/virtio/virtio-mem.c refuses it)");
    public static final Rule VIRTIO_MEM_HOLE = Rule.warning("VIRTIO-MEM-HOLE", Layer.KERNEL,
            "include/uapi/linux/virtio_mem.h (\"unplugged memory should not be touched\")",
            "A store to unplugged virtio-mem memory, a hole between or inside its System RAM (virtio_mem) blocks: the "
                    + "result is undefined. Loads are allowed unless VIRTIO_MEM_F_UNPLUGGED_INACCESSIBLE.",
            "Store only to plugged virtio-mem memory.")
            .withTemplate("{access} at {addr}: {range} of {device} is not plugged{inside}; {how} unplugged"
                    + " virtio-mem memory is undefined");
    public static final Rule VIRTIO_MEM_RANGE = Rule.error("VIRTIO-MEM-RANGE", Layer.PMDL, "PMDL",
            "A virtio-mem access step names an address outside the device's region.",
            "Use an address inside the virtio-mem device's region.")
            .withTemplate("{addr} is outside {device}'s region {first}-{last}");

    // ---- mhp_params pgprot and caching modes (B-22 .. B-36) ----
    public static final Rule PGPROT_UNSET = Rule.error("MHP-PGPROT-UNSET", Layer.KERNEL,
            "mm/memory_hotplug.c __add_pages: WARN_ON_ONCE(!params->pgprot.pgprot)",
            "__add_pages() with a zero pgprot: -EINVAL on every architecture.",
            "Pass a pgprot (PAGE_KERNEL or the caching mode) in mhp_params.")
            .withTemplate("__add_pages: pgprot unset");
    public static final Rule ARCH_PGPROT = Rule.error("MHP-ARCH-PGPROT", Layer.KERNEL,
            "arch/s390/mm/init.c, arch/ia64/mm/init.c, arch/sh/mm/init.c arch_add_memory (catalog B-23, B-24)",
            "s390, ia64 and sh accept only PAGE_KERNEL (else WARN and -EINVAL); s390 refuses an altmap first.",
            "Use PAGE_KERNEL (and no altmap on s390) on s390, ia64 and sh.")
            .withTemplate("{arch} arch_add_memory: {refusal}");
    public static final Rule P2PDMA_UC = Rule.error("P2PDMA-UC", Layer.KERNEL,
            "mm/memremap.c memremap_pages: MEMORY_DEVICE_PCI_P2PDMA -> pgprot_noncached",
            "P2PDMA BAR memory is mapped uncached (UC), not write-combining.",
            "Nothing to fix: expect P2PDMA memory to be uncached.");
    public static final Rule BAR_WB = Rule.warning("BAR-MAPPED-WB", Layer.KERNEL,
            "mm/memory_hotplug.c __add_pages (mhp_params.pgprot since \"mm/memory_hotplug: Add pgprot_t to "
                    + "mhp_params\", 5.7); arch/x86/mm/pat/memtype.c (MTRR types; catalog B-27, B-28)",
            "A PCI BAR mapped PAGE_KERNEL (WB): on x86 an MTRR set by firmware makes it UC- by accident; without "
                    + "one, or on arches without MTRRs, the access is cached and may machine-check.",
            "Map BAR memory with an explicit caching mode (WC or UC), not PAGE_KERNEL.")
            .withTemplate("BAR mapped {mapping}");
    public static final Rule WC_DOORBELL = Rule.warning("WC-DOORBELL-ORDER", Layer.KERNEL,
            "Documentation/memory-barriers.txt (wmb before MMIO; catalog B-33)",
            "WC stores followed by an MMIO doorbell without a wmb(): the device may see the doorbell first.",
            "Add wmb() between the WC stores and the MMIO doorbell.")
            .withTemplate("doorbell after WC stores without wmb(): the device may see the doorbell first");
    public static final Rule WC_LOCK = Rule.warning("WC-LOCK-ORDER", Layer.KERNEL,
            "Documentation/memory-barriers.txt (write-combining stores and locks; catalog B-32)",
            "Spinlocks do not order WC stores as the device sees them: a lock-protected counter may go down or "
                    + "skip, never repeat.",
            "Order WC stores with wmb() before releasing the lock, or do not map the memory WC.")
            .withTemplate("a WC store inside a lock: the device may see another CPU's later value first");
    public static final Rule P2PDMA_ATOMIC = Rule.warning("P2PDMA-ATOMIC", Layer.KERNEL,
            "drivers/pci/p2pdma.c pci_p2pdma_add_resource (BAR memory; catalog B-35)",
            "CPU atomics (locked cycles) on P2PDMA/BAR memory are broken whatever the caching mode.",
            "Do not use CPU atomics on P2PDMA or BAR memory.")
            .withTemplate("CPU atomic on P2PDMA memory ({type})");
    public static final Rule BAR_NOT_MAPPED = Rule.error("BAR-NOT-MAPPED", Layer.PMDL, "PMDL",
            "An access step names a BAR that no memremap step mapped.",
            "Map the BAR with a memremap step first.")
            .withTemplate("{bar} is not mapped; add `memremap {name} p2pdma` before it");
    public static final Rule P2PDMA_ALTMAP = Rule.warning("P2PDMA-ALTMAP", Layer.KERNEL,
            "drivers/pci/p2pdma.c pci_p2pdma_add_resource (memremap_pages without an altmap; catalog B-36)",
            "A P2PDMA altmap puts struct pages inside the BAR; the memmap should come from System RAM.",
            "Allocate the struct pages from System RAM (no altmap) for P2PDMA memory.")
            .withTemplate("struct pages (altmap) inside the BAR");
}
