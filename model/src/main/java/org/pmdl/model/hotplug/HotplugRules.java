package org.pmdl.model.hotplug;

import org.pmdl.model.rules.Rule;
import org.pmdl.model.rules.Severity;

/**
 * Rules of memory hotplug, driver-managed System RAM, dax kmem, kexec hand-over and hot-added caching modes
 * (seed-rules-B §2.1–2.3). Sources name the seed lines (seed 001) and the upstream code the model follows
 * (Debian linux-source-6.1 6.1.192 unless said otherwise).
 */
public final class HotplugRules {
    private HotplugRules() {
    }

    private static Rule warning(String id, String source, String summary) {
        return new Rule(id, Severity.WARNING, source, summary);
    }

    // ---- add_memory / add_memory_driver_managed / remove (B-01, B-02, B-04, B-05) ----
    public static final Rule ADD_MEMORY = Rule.error("MHP-ADD-MEMORY",
            "mm/memory_hotplug.c add_memory_resource, register_memory_resource; seed 001 L2947-2973 (B-01)",
            "add_memory() registers \"System RAM\" (IORESOURCE_SYSTEM_RAM|IORESOURCE_BUSY) and a hotplug "
                    + "/sys/firmware/memmap entry of type \"System RAM\" for [start, start+size).");
    public static final Rule DRIVER_MANAGED = Rule.error("MHP-DRIVER-MANAGED",
            "mm/memory_hotplug.c add_memory_driver_managed, register_memory_resource; seed 001 L2188-2213 (B-02, B-04)",
            "add_memory_driver_managed() names the resource \"System RAM ($DRIVER)\", flags it "
                    + "IORESOURCE_SYSRAM_DRIVER_MANAGED and creates no /sys/firmware/memmap entry.");
    public static final Rule RESOURCE_NAME = Rule.error("MHP-RESOURCE-NAME",
            "mm/memory_hotplug.c add_memory_driver_managed (B-04)",
            "A driver-managed resource name must start with \"System RAM (\" and end with ')', else -EINVAL.");
    public static final Rule BLOCK_ALIGN = Rule.error("MHP-BLOCK-ALIGN",
            "mm/memory_hotplug.c check_hotplug_memory_range",
            "A hot-added range must be non-empty and start and size must be multiples of the memory block size, "
                    + "else \"Block size [%#lx] unaligned hotplug range\" and -EINVAL.");
    public static final Rule RESOURCE_CONFLICT = Rule.error("MHP-RESOURCE-CONFLICT",
            "mm/memory_hotplug.c register_memory_resource; kernel/resource.c __request_region",
            "The range overlaps a busy resource or straddles a resource boundary: -EEXIST.");
    public static final Rule REMOVE_ONLINE = Rule.error("MHP-REMOVE-ONLINE",
            "mm/memory_hotplug.c try_remove_memory, check_memblock_offlined_cb",
            "Memory can be removed only when all its memory blocks are offline, else -EBUSY.");
    public static final Rule MEMMAP_REMOVE = Rule.error("FIRMWARE-MEMMAP-REMOVE",
            "drivers/firmware/memmap.c firmware_map_remove; mm/memory_hotplug.c try_remove_memory; seed 001 L2902-2903 (B-05)",
            "Removing a range without a firmware memmap entry gets -EINVAL from firmware_map_remove(), which the "
                    + "remove path ignores: the removal succeeds.");
    public static final Rule MEMMAP_ARCH = Rule.error("FIRMWARE-MEMMAP-ARCH",
            "drivers/firmware/Kconfig FIRMWARE_MEMMAP (x86 e820 is its only early source); seed 001 L2622-2624 (B-09, B-10)",
            "/sys/firmware/memmap exists on x86_64 (CONFIG_FIRMWARE_MEMMAP); a ppc64 kernel has none, so hot-add "
                    + "creates no entry there.");

    // ---- memory blocks (drivers/base/memory.c) ----
    public static final Rule BLOCK_STATE = Rule.error("MEMORY-BLOCK-STATE",
            "drivers/base/memory.c state_store, memory_subsys_online/offline",
            "Writing online/online_movable/offline to memoryN/state: a block already in that state gives -EINVAL; "
                    + "a block that is not present gives -ENOENT (no such sysfs file).");
    public static final Rule BLOCK_SIZE = Rule.error("MEMORY-BLOCK-SIZE",
            "drivers/base/memory.c memory_dev_init: \"Memory block size not suitable\" (panic)",
            "The memory block size must be a power of two of at least MIN_MEMORY_BLOCK_SIZE, the section size "
                    + "(x86_64 128M, ppc64 16M); otherwise the kernel does not boot.");
    public static final Rule OFFLINE_KERNEL_ZONE = Rule.error("MEMORY-OFFLINE-KERNEL-ZONE",
            "mm/memory_hotplug.c offline_pages (scan_movable_pages: -EBUSY on an unmovable page); "
                    + "Documentation/admin-guide/mm/memory-hotplug.rst (ZONE_MOVABLE); observed on Linux 6.1 under "
                    + "QEMU (docs/kernel-observations t17)",
            "Offlining a block onlined to ZONE_NORMAL is not reliable: kernel allocations (slab) land there and "
                    + "offline_pages() gives -EBUSY; the model predicts -EBUSY, only ZONE_MOVABLE blocks offline.");
    public static final Rule AUTO_ONLINE = Rule.error("MEMORY-AUTO-ONLINE",
            "mm/memory_hotplug.c mhp_default_online_type (6.14+ and Debian's 6.12: mhp_get_default_online_type), "
                    + "add_memory_resource; CONFIG_MEMORY_HOTPLUG_DEFAULT_ONLINE not set in Debian 12, "
                    + "CONFIG_MHP_DEFAULT_ONLINE_TYPE_ONLINE_AUTO=y in Debian 13",
            "Hot-added memory blocks are onlined at once if memhp_default_state (else the distro's configuration) "
                    + "is online/online_kernel/online_movable; the Kconfig default and Debian 12's are offline, "
                    + "Debian 13's online.");

    // ---- dax kmem and daxctl ----
    public static final Rule DAX_KMEM = Rule.error("DAX-KMEM",
            "drivers/dax/kmem.c dev_dax_kmem_probe, dax_kmem_range; seed 001 L2601-2615 (B-15)",
            "kmem aligns the dax range inward to the memory block size, requests it as \"daxX.Y\" and adds "
                    + "\"System RAM (kmem)\" under it with add_memory_driver_managed (5.8+; before, add_memory: "
                    + "\"System RAM\" plus a firmware memmap entry).");
    public static final Rule DAX_KMEM_REMOVE = Rule.error("DAX-KMEM-REMOVE",
            "drivers/dax/kmem.c dev_dax_kmem_remove",
            "Unbinding kmem removes the memory only if every block is offline; otherwise \"mapping%d: ... cannot be "
                    + "hotremoved until the next reboot\" and the range stays System RAM.");
    public static final Rule DAXCTL_AUTO_ONLINE = Rule.error("DAXCTL-AUTO-ONLINE",
            "ndctl daxctl/device.c reconfig_mode_system_ram (daxctl_dev_will_auto_online_memory)",
            "daxctl reconfigure-device --mode=system-ram refuses (-EBUSY, \"kernel policy will auto-online memory, "
                    + "aborting\") when the kernel auto-onlines and daxctl was asked for movable or no onlining, "
                    + "unless --force.");
    public static final Rule DAXCTL_ONLINE_BUSY = Rule.error("DAXCTL-ONLINE-BUSY",
            "ndctl daxctl/device.c disable_system_ram_device",
            "daxctl reconfigure-device --mode=devdax refuses (-EBUSY) while memory of the device is online; "
                    + "--force offlines it first.");

    // ---- kexec and kdump (B-06, B-07, B-11 .. B-14) ----
    public static final Rule KEXEC_LOAD_MEMMAP = Rule.error("KEXEC-LOAD-MEMMAP",
            "kexec-tools kexec/arch/i386 (memory ranges from /sys/firmware/memmap); seed 001 L2250-2252, L2837-2840 (B-11)",
            "kexec_load: kexec-tools builds the next kernel's e820 from /sys/firmware/memmap, so every hotplug "
                    + "\"System RAM\" entry becomes boot RAM of the next kernel.");
    public static final Rule KEXEC_FILE_E820 = Rule.error("KEXEC-FILE-E820",
            "arch/x86/kernel/kexec-bzimage64.c setup_e820_entries (e820_table_kexec); seed 001 L2254-2260 (B-12)",
            "kexec_file_load: the kernel hands over e820_table_kexec, the firmware's table as booted; no "
                    + "hot-added memory is in it.");
    public static final Rule KEXEC_PLACEMENT = warning("KEXEC-PLACEMENT",
            "kernel/kexec_file.c locate_mem_hole_callback (skips IORESOURCE_SYSRAM_DRIVER_MANAGED); "
                    + "seed 001 L2169-2175, L2842-2847 (B-06b, B-14)",
            "kexec segments are never placed in driver-managed System RAM.");
    public static final Rule KEXEC_POLICY_LEAK = warning("KEXEC-POLICY-LEAK",
            "seed 001 L2785-2793, L2804-2809 (B-07); L2169-2175 (B-06a)",
            "Device-owned memory that this kernel onlined (dax kmem) becomes boot RAM of a kexec'd kernel: a "
                    + "real reboot would give it back to its device.");
    public static final Rule KEXEC_FILE_HOTADD_GAP = warning("KEXEC-FILE-HOTADD-GAP",
            "seed 001 L2254-2260 (B-12, B-08)",
            "kexec_file_load drops hot-added DIMM memory that a real reboot (e820) would report: the next kernel "
                    + "has less RAM than after a cold boot.");
    public static final Rule KDUMP_NESTED_RAM = warning("KDUMP-NESTED-RAM",
            "seed 001 L2569-2570, L2585-2588, L2714-2717 (B-13); crash kernel should dump it (B-06c)",
            "kexec-tools ignores \"System RAM\" that is not a root resource of /proc/iomem, so kdump prepared by "
                    + "kexec_load does not dump dax kmem memory.");

    // ---- EFI soft-reserved memory (B-19; S-25) ----
    public static final Rule EFI_SOFT_RESERVE = Rule.error("EFI-SOFT-RESERVE",
            "drivers/firmware/efi/libstub/x86-stub.c setup_e820, arch/x86/platform/efi/efi.c do_add_efi_memmap "
                    + "(efi_soft_reserve_enabled: CONFIG_EFI_SOFT_RESERVE, efi=nosoftreserve), arch/x86/kernel/e820.c "
                    + "e820_type_to_string, do_mark_busy; drivers/dax/hmem/device.c; seed 001 L2223-2228, L2242-2246 (B-19)",
            "EFI Conventional Memory with EFI_MEMORY_SP is E820 \"soft reserved\": a non-busy \"Soft Reserved\" "
                    + "resource and /sys/firmware/memmap entry, which dax_hmem makes a dax device that daxctl can "
                    + "online through kmem as \"System RAM (kmem)\"; with efi=nosoftreserve it is usable boot System "
                    + "RAM. Both are legal: the policy is the kernel's.");

    // ---- virtio-mem (B-15, B-17; SM-3) ----
    public static final Rule VIRTIO_MEM_PLUG = Rule.error("VIRTIO-MEM-PLUG",
            "drivers/virtio/virtio_mem.c virtio_mem_create_resource, virtio_mem_add_memory, "
                    + "virtio_mem_sbm_plug_request, virtio_mem_sbm_unplug_request (6.1.192); seed 001 L2601-2617 (B-15)",
            "virtio-mem reserves its region as \"virtioN\" and adds each memory block (Sub Block Mode) or big block "
                    + "with a plugged part as \"System RAM (virtio_mem)\" under it, merged with its neighbours "
                    + "(MHP_MERGE_RESOURCE); it plugs upward from the lowest free block, unplugs offline memory "
                    + "first from the top, and stops adding while 1G of its memory is offline.");
    public static final Rule VIRTIO_MEM_HOLE = warning("VIRTIO-MEM-HOLE",
            "include/uapi/linux/virtio_mem.h (\"unplugged memory should not be touched\"); seed 001 L2895-2897 (B-17)",
            "A store to unplugged virtio-mem memory, a hole between or inside its System RAM (virtio_mem) blocks: the "
                    + "result is undefined. Loads are allowed unless VIRTIO_MEM_F_UNPLUGGED_INACCESSIBLE.");
    public static final Rule VIRTIO_MEM_RANGE = Rule.error("VIRTIO-MEM-RANGE", "PMDL",
            "A virtio-mem access step names an address outside the device's region.");

    // ---- mhp_params pgprot and caching modes (B-22 .. B-36) ----
    public static final Rule PGPROT_UNSET = Rule.error("MHP-PGPROT-UNSET",
            "mm/memory_hotplug.c __add_pages: WARN_ON_ONCE(!params->pgprot.pgprot); seed 001 L6247-6248 (B-22)",
            "__add_pages() with a zero pgprot: -EINVAL on every architecture.");
    public static final Rule ARCH_PGPROT = Rule.error("MHP-ARCH-PGPROT",
            "arch/s390/mm/init.c, arch/ia64/mm/init.c, arch/sh/mm/init.c arch_add_memory; seed 001 L6243-6245, "
                    + "L6598-6616 (B-23, B-24)",
            "s390, ia64 and sh accept only PAGE_KERNEL (else WARN and -EINVAL); s390 refuses an altmap first.");
    public static final Rule P2PDMA_UC = Rule.error("P2PDMA-UC",
            "mm/memremap.c memremap_pages: MEMORY_DEVICE_PCI_P2PDMA -> pgprot_noncached; seed 001 L6463-6502 (B-29)",
            "P2PDMA BAR memory is mapped uncached (UC), not write-combining.");
    public static final Rule BAR_WB = warning("BAR-MAPPED-WB",
            "seed 001 L6226-6235, L6459-6461 (B-27, B-28)",
            "A PCI BAR mapped PAGE_KERNEL (WB): on x86 an MTRR set by firmware makes it UC- by accident; without "
                    + "one, or on arches without MTRRs, the access is cached and may machine-check.");
    public static final Rule WC_DOORBELL = warning("WC-DOORBELL-ORDER",
            "seed 001 L7476-7481, L7504-7513 (B-33); Documentation/memory-barriers.txt (wmb before MMIO)",
            "WC stores followed by an MMIO doorbell without a wmb(): the device may see the doorbell first.");
    public static final Rule WC_LOCK = warning("WC-LOCK-ORDER",
            "seed 001 L7471-7502, L7541-7546 (B-32)",
            "Spinlocks do not order WC stores as the device sees them: a lock-protected counter may go down or "
                    + "skip, never repeat.");
    public static final Rule P2PDMA_ATOMIC = warning("P2PDMA-ATOMIC",
            "seed 001 L7553-7556, L7567-7570 (B-35)",
            "CPU atomics (locked cycles) on P2PDMA/BAR memory are broken whatever the caching mode.");
    public static final Rule BAR_NOT_MAPPED = Rule.error("BAR-NOT-MAPPED", "PMDL",
            "An access step names a BAR that no memremap step mapped.");
    public static final Rule P2PDMA_ALTMAP = warning("P2PDMA-ALTMAP",
            "seed 001 L7558-7562 (B-36)",
            "A P2PDMA altmap puts struct pages inside the BAR; the memmap should come from System RAM.");
}
