package org.pmdl.model.topology;

import java.util.List;

/**
 * A platform's memory hotplug settings and hot-pluggable ranges.
 *
 * @param blockSize     {@code memory-block-size}: /sys/devices/system/memory/block_size_bytes, or 0 for the
 *                      architecture's default
 * @param defaultState  {@code memhp_default_state}: offline, online, online_kernel or online_movable, or null for
 *                      the configuration's default (org.pmdl.model.kernel.Distro: offline but in Debian 13)
 * @param memories      the hot-pluggable ranges
 * @param bars          PCI BARs mapped as ZONE_DEVICE memory (P2PDMA)
 * @param virtioMems    virtio-mem devices
 * @param efiSoftReserve efi_soft_reserve_enabled(): CONFIG_EFI_SOFT_RESERVE (y in Debian) and no
 *                      {@code efi=nosoftreserve}; EFI_MEMORY_SP memory is then "Soft Reserved", else System RAM
 */
public record HotplugSpec(long blockSize, String defaultState, List<MemorySpec> memories, List<BarSpec> bars,
        List<VirtioMemSpec> virtioMems, boolean efiSoftReserve) {
    public static final HotplugSpec NONE = new HotplugSpec(0, null, List.of(), List.of());

    public HotplugSpec(long blockSize, String defaultState, List<MemorySpec> memories, List<BarSpec> bars) {
        this(blockSize, defaultState, memories, bars, List.of(), true);
    }
}
