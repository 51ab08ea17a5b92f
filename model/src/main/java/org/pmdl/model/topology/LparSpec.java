package org.pmdl.model.topology;

import java.util.List;
import org.pmdl.model.SourceRef;

/**
 * A pseries LPAR: its hot-pluggable memory (LMB size and the LMB runs of ibm,dynamic-memory) and its
 * processor cores.
 *
 * @param cpus             cores present at boot (one thread each, as QEMU -smp N,threads=1), 0..cpus-1
 * @param maxCpus          cores the partition may grow to by DLPAR
 * @param dynamicMemoryV1  the firmware publishes ibm,dynamic-memory (v1) instead of ibm,dynamic-memory-v2
 */
public record LparSpec(long lmbSize, List<LmbRangeSpec> lmbs, int cpus, int maxCpus, boolean dynamicMemoryV1,
        SourceRef source) {
}
