package org.pmdl.model.topology;

import org.pmdl.model.SourceRef;

/**
 * A papr_scm SCM DRC ("ibm,pmemory" device-tree node).
 *
 * @param cacheFlushRequired ibm,cache-flush-required present: a persistent (memory_controller) region;
 *                           absent: a volatile region
 * @param health             the health bitmap the hypervisor reports (PAPR bits numbered from the MSB), 0 if healthy
 * @param bindBusy           how many times PowerVM answers H_SCM_BIND_MEM with H_BUSY before it completes
 * @param unbindBusy         how many times PowerVM answers H_SCM_UNBIND_ALL before it completes: first
 *                           H_LONG_BUSY_ORDER_100_MSEC, then H_BUSY (seed-rules-D §4.25)
 */
public record ScmSpec(String name, long drcIndex, long blockSize, long blocks, long metadataSize,
        boolean cacheFlushRequired, long health, long bindBusy, long unbindBusy, SourceRef source) {

    public long size() {
        return blockSize * blocks;
    }
}
