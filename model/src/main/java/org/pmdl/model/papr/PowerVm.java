package org.pmdl.model.papr;

import java.util.Optional;

/**
 * PowerVM (phyp). Bindings belong to the partition, not to a kernel: a kexec or a panic leaves them in place,
 * so the next kernel's H_SCM_BIND_MEM gets H_OVERLAP (seed 000, v5 cover letter: "phyp returns this error as
 * previous kernel did not completely release bindings"); a full partition restart releases them (commit
 * faa6d21153fd: kexec gets H_OVERLAP "because we don't go through a full hypervisor re init").
 * PowerVM's source is not public: answers the seeds and the kernel do not pin down are the model's assumptions
 * and say so.
 */
public final class PowerVm extends SpaprHypervisor {
    /** PAPR health bits 0..9 (papr_scm.c PAPR_PMEM_UNARMED .. PAPR_PMEM_SCRUBBED_AND_LOCKED). */
    private static final long ALL_HEALTH_BITS = -1L << (63 - 9);
    /** Model assumption: the statistics buffer PowerVM asks for (header 16 bytes + 16 stats of 16 bytes). */
    static final long STATS_BUFFER_SIZE = 16 + 16 * 16;

    public PowerVm(HcallTrace trace) {
        super(trace);
    }

    @Override
    public String keyword() {
        return "powervm";
    }

    @Override
    public String source() {
        return "PowerVM as documented by seed 000 (v5 papr_scm kexec series), seed 003 (hcalls.txt) and "
                + "kernel commits 3a855b7ac7d5, faa6d21153fd";
    }

    @Override
    public void restart(Restart kind) {
        if (kind == Restart.REBOOT || kind == Restart.POWER_FAIL) {
            scms().forEach(ScmDrc::unbindAll);
        }
    }

    /**
     * Binds every requested block at the DRC's placement. Already bound → H_OVERLAP. A scm declared with
     * bind-busy N answers H_BUSY N times with a continue token (R4) and the address (R5) before H_SUCCESS.
     */
    @Override
    HcallResult bindMem(long drcIndex, long start, long count, long target, long token) {
        Optional<ScmDrc> found = drc(drcIndex);
        if (found.isEmpty()) {
            return HcallResult.of(HcallStatus.H_PARAMETER);
        }
        ScmDrc d = found.get();
        long range = checkBlockRange(d, start, count);
        if (range != HcallStatus.H_SUCCESS) {
            return HcallResult.of(range);
        }
        if (token == 0 && d.anyBound()) {
            return HcallResult.of(HcallStatus.H_OVERLAP);
        }
        long addr = (target == Hcall.BIND_ANY_ADDR ? d.placement() : target) + start * d.spec().blockSize();
        if (token == 0) {
            d.setBusyLeft(d.spec().bindBusy());
        }
        if (d.busyLeft() > 0) {
            d.setBusyLeft(d.busyLeft() - 1);
            return HcallResult.of(HcallStatus.H_BUSY, token + 1, addr);
        }
        d.bind(addr, start, count);
        return HcallResult.of(HcallStatus.H_SUCCESS, 0, addr);
    }

    /** Unbinds blocks starting at a bound guest address; R4 = blocks unbound. */
    @Override
    HcallResult unbindMem(long drcIndex, long addr, long count, long token) {
        Optional<ScmDrc> found = drc(drcIndex);
        if (found.isEmpty()) {
            return HcallResult.of(HcallStatus.H_PARAMETER);
        }
        ScmDrc d = found.get();
        long bs = d.spec().blockSize();
        if (!d.anyBound() || addr < d.boundAddr() || (addr - d.boundAddr()) % bs != 0) {
            return HcallResult.of(HcallStatus.H_P2);
        }
        long first = (addr - d.boundAddr()) / bs;
        if (count == 0 || first + count > d.spec().blocks()) {
            return HcallResult.of(HcallStatus.H_P3);
        }
        d.unbind(first, count);
        return HcallResult.of(HcallStatus.H_SUCCESS, count);
    }

    /** The guest address of a bound block; an unbound or unknown block is H_PARAMETER (model assumption). */
    @Override
    HcallResult queryBlock(long drcIndex, long block) {
        Optional<ScmDrc> d = drc(drcIndex);
        if (d.isEmpty() || !d.get().blockBound(block)) {
            return HcallResult.of(HcallStatus.H_PARAMETER);
        }
        return HcallResult.of(HcallStatus.H_SUCCESS, d.get().boundAddr() + block * d.get().spec().blockSize());
    }

    /** Which DRC and block a guest address is bound to (R4 = drc index, R5 = block). */
    @Override
    HcallResult queryLogical(long addr) {
        for (ScmDrc d : scms()) {
            long bs = d.spec().blockSize();
            if (d.anyBound() && addr >= d.boundAddr() && addr < d.boundAddr() + d.spec().blocks() * bs) {
                long block = (addr - d.boundAddr()) / bs;
                if (d.blockBound(block)) {
                    return HcallResult.of(HcallStatus.H_SUCCESS, d.spec().drcIndex(), block);
                }
            }
        }
        return HcallResult.of(HcallStatus.H_PARAMETER);
    }

    /**
     * Scope DRC (2) unbinds one DRC, scope ALL (1) every SCM DRC of the partition (seed 003). A scm declared with
     * unbind-busy N answers N times before it completes: H_LONG_BUSY_ORDER_100_MSEC first, then H_BUSY, with a
     * continue token (seed-rules-D §4.25).
     */
    @Override
    HcallResult unbindAll(long scope, long drcIndex, long token) {
        if (scope == Hcall.H_UNBIND_SCOPE_DRC) {
            Optional<ScmDrc> d = drc(drcIndex);
            if (d.isEmpty()) {
                return HcallResult.of(HcallStatus.H_P2);
            }
            if (token == 0) {
                d.get().setBusyLeft(d.get().spec().unbindBusy());
            }
            if (d.get().busyLeft() > 0) {
                d.get().setBusyLeft(d.get().busyLeft() - 1);
                return HcallResult.of(token == 0 ? HcallStatus.H_LONG_BUSY_ORDER_100_MSEC : HcallStatus.H_BUSY,
                        token + 1);
            }
            d.get().unbindAll();
        } else if (scope == Hcall.H_UNBIND_SCOPE_ALL) {
            scms().forEach(ScmDrc::unbindAll);
        } else {
            return HcallResult.of(HcallStatus.H_PARAMETER);
        }
        return HcallResult.of(HcallStatus.H_SUCCESS, 0);
    }

    /** R4 = health bitmap, R5 = valid bits: PowerVM reports every PAPR health bit (model assumption). */
    @Override
    HcallResult health(long drcIndex) {
        Optional<ScmDrc> d = drc(drcIndex);
        if (d.isEmpty()) {
            return HcallResult.of(HcallStatus.H_PARAMETER);
        }
        return HcallResult.of(HcallStatus.H_SUCCESS, d.get().spec().health(), ALL_HEALTH_BITS);
    }

    /** A size-0 request answers the buffer size in R4 (drc_pmem_query_stats). */
    @Override
    HcallResult performanceStats(long drcIndex, long buffer, long size) {
        if (drc(drcIndex).isEmpty()) {
            return HcallResult.of(HcallStatus.H_PARAMETER);
        }
        return size == 0 ? HcallResult.of(HcallStatus.H_SUCCESS, STATS_BUFFER_SIZE) : HcallResult.of(HcallStatus.H_SUCCESS);
    }

    @Override
    HcallResult flush(long drcIndex, long token) {
        return drc(drcIndex).isEmpty() ? HcallResult.of(HcallStatus.H_PARAMETER) : HcallResult.of(HcallStatus.H_SUCCESS, 0);
    }
}
