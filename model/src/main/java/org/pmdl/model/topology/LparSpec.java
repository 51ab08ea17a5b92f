package org.pmdl.model.topology;

import java.util.List;
import org.pmdl.model.SourceRef;

/** A pseries LPAR's hot-pluggable memory: LMB size and the LMB runs of ibm,dynamic-memory. */
public record LparSpec(long lmbSize, List<LmbRangeSpec> lmbs, SourceRef source) {
}
