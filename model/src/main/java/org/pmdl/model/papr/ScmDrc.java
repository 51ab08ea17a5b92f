package org.pmdl.model.papr;

import java.util.BitSet;
import org.pmdl.model.topology.ScmSpec;

/**
 * The hypervisor's side of one SCM DRC: which blocks are bound, where, and the health it reports. The label
 * area (metadata) lives in the device too; the model keeps its contents with the other media.
 */
public final class ScmDrc {
    private final ScmSpec spec;
    /** Where the hypervisor maps block 0 when it binds the DRC (the model's placement, see Pseries). */
    private final long placement;
    private final BitSet bound = new BitSet();
    private long boundAddr = -1;
    /** Busy answers still to give before the current bind or unbind completes (PowerVM; bind-busy, unbind-busy). */
    private long busyLeft;

    ScmDrc(ScmSpec spec, long placement) {
        this.spec = spec;
        this.placement = placement;
    }

    public ScmSpec spec() {
        return spec;
    }

    long placement() {
        return placement;
    }

    /** Every block is bound (papr_scm binds them all at once). */
    public boolean fullyBound() {
        return bound.cardinality() == spec.blocks();
    }

    public boolean anyBound() {
        return !bound.isEmpty();
    }

    /** Guest-physical address of block 0 while bound, else -1. */
    public long boundAddr() {
        return boundAddr;
    }

    void bind(long addr, long first, long count) {
        boundAddr = addr - first * spec.blockSize();
        bound.set((int) first, (int) (first + count));
    }

    void unbind(long first, long count) {
        bound.clear((int) first, (int) (first + count));
        if (bound.isEmpty()) {
            boundAddr = -1;
        }
    }

    void unbindAll() {
        bound.clear();
        boundAddr = -1;
    }

    boolean blockBound(long block) {
        return block >= 0 && block < spec.blocks() && bound.get((int) block);
    }

    long busyLeft() {
        return busyLeft;
    }

    void setBusyLeft(long n) {
        busyLeft = n;
    }
}
