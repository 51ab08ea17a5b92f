package org.pmdl.model.topology;

import org.pmdl.model.SourceRef;

/**
 * {@code memory NAME at BASE { size S node N }}: a hot-pluggable memory range (an ACPI DIMM slot, a virtio-mem
 * device's range) that is not RAM at boot; {@code add-memory NAME} plugs and adds it.
 */
public record MemorySpec(String name, long base, long size, int node, SourceRef source) {
}
