package org.pmdl.model.papr;

import java.util.Optional;

/**
 * QEMU's pseries machine (hw/ppc/spapr_nvdimm.c). An spapr-nvdimm is mapped where pc-dimm placed it when the
 * device was plugged: "qemu has already bound everything", so H_SCM_BIND_MEM returns the address without
 * ever answering H_BUSY or H_OVERLAP (only a fixed target address gets H_OVERLAP), the unbind calls succeed
 * without unmapping ("let unplug take care of actual unbind"), and no guest restart changes a binding.
 * H_SCM_QUERY_* and H_SCM_PERFORMANCE_STATS are not registered: spapr_hypercall() answers H_FUNCTION.
 * Output registers follow QEMU, which writes its outputs over args[]: R4 keeps the first input.
 */
public final class QemuSpapr extends SpaprHypervisor {
    /** hw/ppc/spapr_nvdimm.h SPAPR_MINIMUM_SCM_BLOCK_SIZE (256M). */
    static final long MINIMUM_SCM_BLOCK_SIZE = 256L << 20;
    private long flushTokens;
    private long pendingFlush;

    public QemuSpapr(HcallTrace trace) {
        super(trace);
    }

    @Override
    public String keyword() {
        return "qemu";
    }

    @Override
    public String source() {
        return "QEMU hw/ppc/spapr_nvdimm.c (h_scm_bind_mem, h_scm_unbind_all, h_scm_health, h_scm_flush)";
    }

    @Override
    public void attach(org.pmdl.model.topology.ScmSpec spec, long placement) {
        super.attach(spec, placement);
        scm(spec.drcIndex()).orElseThrow().bind(placement, 0, spec.blocks());
    }

    @Override
    public void restart(Restart kind) {
        // the pc-dimm address is fixed at plug time; machine reset does not move it
    }

    @Override
    HcallResult bindMem(long drcIndex, long start, long count, long target, long token) {
        Optional<ScmDrc> d = drc(drcIndex);
        if (d.isEmpty()) {
            return HcallResult.of(HcallStatus.H_PARAMETER);
        }
        if (token > 0) {
            return HcallResult.of(HcallStatus.H_P5);
        }
        if (target != Hcall.BIND_ANY_ADDR) {
            return HcallResult.of(HcallStatus.H_OVERLAP);
        }
        long range = checkBlockRange(d.get(), start, count);
        if (range != HcallStatus.H_SUCCESS) {
            return HcallResult.of(range);
        }
        return HcallResult.of(HcallStatus.H_SUCCESS, drcIndex, d.get().placement() + start * MINIMUM_SCM_BLOCK_SIZE,
                count);
    }

    @Override
    HcallResult unbindMem(long drcIndex, long addr, long count, long token) {
        Optional<ScmDrc> found = drc(drcIndex);
        if (found.isEmpty()) {
            return HcallResult.of(HcallStatus.H_PARAMETER);
        }
        if (token > 0) {
            return HcallResult.of(HcallStatus.H_P4);
        }
        if (addr % MINIMUM_SCM_BLOCK_SIZE != 0) {
            return HcallResult.of(HcallStatus.H_P2);
        }
        ScmDrc d = found.get();
        long size = d.spec().blocks() * d.spec().blockSize();
        if (count == 0 || addr < d.placement() || addr + count * MINIMUM_SCM_BLOCK_SIZE > d.placement() + size) {
            return HcallResult.of(HcallStatus.H_P3);
        }
        return HcallResult.of(HcallStatus.H_SUCCESS, drcIndex, count);
    }

    @Override
    HcallResult queryBlock(long drcIndex, long block) {
        return HcallResult.of(HcallStatus.H_FUNCTION);
    }

    @Override
    HcallResult queryLogical(long addr) {
        return HcallResult.of(HcallStatus.H_FUNCTION);
    }

    @Override
    HcallResult unbindAll(long scope, long drcIndex, long token) {
        if (token > 0) {
            return HcallResult.of(HcallStatus.H_P4);
        }
        long unbound = 0;
        if (scope == Hcall.H_UNBIND_SCOPE_DRC) {
            Optional<ScmDrc> d = drc(drcIndex);
            if (d.isEmpty()) {
                return HcallResult.of(HcallStatus.H_P2);
            }
            unbound = d.get().spec().size() / MINIMUM_SCM_BLOCK_SIZE;
        } else if (scope == Hcall.H_UNBIND_SCOPE_ALL) {
            for (ScmDrc d : scms()) {
                unbound += d.spec().size() / MINIMUM_SCM_BLOCK_SIZE;
            }
        } else {
            return HcallResult.of(HcallStatus.H_PARAMETER);
        }
        return HcallResult.of(HcallStatus.H_SUCCESS, scope, unbound);
    }

    /** Only the unarmed bit is valid (hbitmap_mask = PAPR_PMEM_UNARMED). */
    @Override
    HcallResult health(long drcIndex) {
        Optional<ScmDrc> d = drc(drcIndex);
        if (d.isEmpty()) {
            return HcallResult.of(HcallStatus.H_PARAMETER);
        }
        long unarmed = healthBit(0);
        return HcallResult.of(HcallStatus.H_SUCCESS, d.get().spec().health() & unarmed, unarmed);
    }

    @Override
    HcallResult performanceStats(long drcIndex, long buffer, long size) {
        return HcallResult.of(HcallStatus.H_FUNCTION);
    }

    /**
     * h_scm_flush on a file-backed (non-pmem) backend: the first call queues the fdatasync and, while the
     * worker runs, answers H_LONG_BUSY_ORDER_10_MSEC with the token in R4; the call with that token returns
     * the worker's result. The model lets the worker finish between the two calls.
     */
    @Override
    HcallResult flush(long drcIndex, long token) {
        if (drc(drcIndex).isEmpty()) {
            return HcallResult.of(HcallStatus.H_PARAMETER);
        }
        if (token == 0) {
            pendingFlush = ++flushTokens;
            return HcallResult.of(HcallStatus.H_LONG_BUSY_ORDER_10_MSEC, pendingFlush);
        }
        if (token != pendingFlush) {
            return HcallResult.of(HcallStatus.H_P2);
        }
        pendingFlush = 0;
        return HcallResult.of(HcallStatus.H_SUCCESS);
    }
}
