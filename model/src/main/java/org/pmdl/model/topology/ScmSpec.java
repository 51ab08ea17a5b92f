package org.pmdl.model.topology;

import org.pmdl.model.SourceRef;

/**
 * A papr_scm SCM DRC ("ibm,pmemory" device-tree node).
 *
 * @param cacheFlushRequired ibm,cache-flush-required present: a persistent (memory_controller) region;
 *                           absent: a volatile region
 */
public record ScmSpec(String name, long drcIndex, long blockSize, long blocks, long metadataSize,
        boolean cacheFlushRequired, SourceRef source) {

    public long size() {
        return blockSize * blocks;
    }
}
