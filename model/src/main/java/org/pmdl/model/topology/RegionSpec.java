package org.pmdl.model.topology;

import java.util.List;
import org.pmdl.model.SourceRef;

/**
 * A pmem region as declared (struct nd_region_desc): SPA base and one mapping per interleave way, in order;
 * or a legacy PMEM range (drivers/nvdimm/e820.c: E820 type 12 or {@code memmap=SIZE!START}), which has no
 * DIMM behind it, so no mappings, no labels and ND_REGION_PAGEMAP set.
 *
 * @param legacySize  the size of a legacy (e820) region; 0 for a region made of mappings
 * @param persistence the region's own domain, or null to inherit the platform's
 * @param flushHints  WPQ flush-hint addresses per mapping (ACPI NFIT flush hint tables); 0: none
 * @param async       ND_REGION_ASYNC: a driver callback flushes it (virtio-pmem), CPU flushes do not persist
 */
public record RegionSpec(String name, long spaBase, List<MappingSpec> mappings, long legacySize,
        PersistenceDomain persistence, boolean readOnly, int flushHints, boolean async, SourceRef source) {

    /** A region made of DIMM mappings, with its flush mechanism. */
    public RegionSpec(String name, long spaBase, List<MappingSpec> mappings, PersistenceDomain persistence,
            boolean readOnly, int flushHints, boolean async, SourceRef source) {
        this(name, spaBase, mappings, 0, persistence, readOnly, flushHints, async, source);
    }

    /** A region made of DIMM mappings, without flush hints. */
    public RegionSpec(String name, long spaBase, List<MappingSpec> mappings, PersistenceDomain persistence,
            boolean readOnly, SourceRef source) {
        this(name, spaBase, mappings, persistence, readOnly, 0, false, source);
    }

    /** A legacy PMEM range registered by the e820 provider. */
    public static RegionSpec legacy(String name, long spaBase, long size, SourceRef source) {
        return new RegionSpec(name, spaBase, List.of(), size, null, false, 0, false, source);
    }

    /** ND_REGION_PAGEMAP: the e820 provider's flag; pmem_should_map_pages() maps even raw namespaces. */
    public boolean pagemap() {
        return legacySize > 0;
    }

    public long size() {
        return pagemap() ? legacySize : mappings.stream().mapToLong(MappingSpec::size).sum();
    }
}
