package org.pmdl.model.topology;

import org.pmdl.model.SourceRef;

/**
 * A run of LMBs in ibm,dynamic-memory: {@code lmbs 0 .. 63 node 0 assigned}.
 *
 * @param drcIndexBase drc-index of the first LMB; the others follow consecutively
 */
public record LmbRangeSpec(long first, long last, int node, boolean assigned, long drcIndexBase, SourceRef source) {
    /** PAPR's default numbering when the file gives none: 0x80000000 + LMB index. */
    public static long defaultDrcIndex(long lmbIndex) {
        return 0x80000000L + lmbIndex;
    }
}
