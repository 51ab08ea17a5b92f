package org.pmdl.model.topology;

import org.pmdl.model.SourceRef;

/**
 * {@code memory NAME at BASE { size S node N }}: a hot-pluggable memory range (an ACPI DIMM slot, a virtio-mem
 * device's range) that is not RAM at boot; {@code add-memory NAME} plugs and adds it. With {@code efi-sp} it is
 * instead boot memory the EFI memory map reports as Conventional Memory with the EFI_MEMORY_SP attribute.
 */
public record MemorySpec(String name, long base, long size, int node, boolean efiSp, SourceRef source) {
    /** A hot-pluggable range. */
    public MemorySpec(String name, long base, long size, int node, SourceRef source) {
        this(name, base, size, node, false, source);
    }
}
