package org.pmdl.model.topology;

import java.util.List;
import org.pmdl.model.SourceRef;

/**
 * A pmem region as declared: SPA base and one mapping per interleave way, in order
 * (struct nd_region_desc).
 *
 * @param persistence the region's own domain, or null to inherit the platform's
 */
public record RegionSpec(String name, long spaBase, List<MappingSpec> mappings, PersistenceDomain persistence,
        boolean readOnly, SourceRef source) {

    public long size() {
        return mappings.stream().mapToLong(MappingSpec::size).sum();
    }
}
