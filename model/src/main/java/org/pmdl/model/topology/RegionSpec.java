package org.pmdl.model.topology;

import java.util.List;
import org.pmdl.model.SourceRef;

/**
 * A pmem region as declared: SPA base and one mapping per interleave way, in order
 * (struct nd_region_desc).
 *
 * @param persistence the region's own domain, or null to inherit the platform's
 * @param flushHints  WPQ flush-hint addresses per mapping (ACPI NFIT flush hint tables); 0: none
 * @param async       ND_REGION_ASYNC: a driver callback flushes it (virtio-pmem), CPU flushes do not persist
 */
public record RegionSpec(String name, long spaBase, List<MappingSpec> mappings, PersistenceDomain persistence,
        boolean readOnly, int flushHints, boolean async, SourceRef source) {

    public RegionSpec(String name, long spaBase, List<MappingSpec> mappings, PersistenceDomain persistence,
            boolean readOnly, SourceRef source) {
        this(name, spaBase, mappings, persistence, readOnly, 0, false, source);
    }

    public long size() {
        return mappings.stream().mapToLong(MappingSpec::size).sum();
    }
}
