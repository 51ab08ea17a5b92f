package org.pmdl.model.topology;

import org.pmdl.model.SourceRef;

/** One interleave way of a region: {@code mapping nmem0 dpa 0 size 4G} (struct nd_mapping_desc). */
public record MappingSpec(String nvdimm, long dpa, long size, SourceRef source) {
}
