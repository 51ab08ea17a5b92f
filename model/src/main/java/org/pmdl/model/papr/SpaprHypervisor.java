package org.pmdl.model.papr;

import java.util.Collection;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.pmdl.model.topology.ScmSpec;

/**
 * A PAPR hypervisor as the guest sees it through the SCM hcalls. What is common to PowerVM and QEMU (the
 * metadata calls, DRC validation) lives here; each profile answers the binding calls and decides what survives
 * a restart of the partition.
 */
public abstract sealed class SpaprHypervisor permits PowerVm, QemuSpapr {
    /** The guest-side events that restart the partition's kernel. */
    public enum Restart {
        /** kexec into a new kernel: the hypervisor sees nothing. */
        KEXEC,
        /** a panic; the next kernel boots without the partition being re-initialised (kdump, fadump, or reboot). */
        PANIC,
        /** a clean reboot: RTAS system-reboot restarts the partition. */
        REBOOT,
        /** the machine loses power. */
        POWER_FAIL
    }

    /** PAPR health bits, numbered from the MSB (papr_scm.c PAPR_PMEM_*: 1ULL << (63 - n)). */
    public static long healthBit(int msbIndex) {
        return 1L << (63 - msbIndex);
    }

    /** The health bits by name, in bit order from the MSB (papr_scm.c PAPR_PMEM_UNARMED .. _SCRUBBED_AND_LOCKED). */
    public static final List<String> HEALTH_BITS = List.of("unarmed", "shutdown-dirty", "shutdown-clean", "empty",
            "critical", "fatal", "unhealthy", "non-critical", "encrypted", "scrubbed-locked");

    /** The bitmap of the named health bits; unknown names are the validator's to report. */
    public static long healthBitmap(List<String> names) {
        long bitmap = 0;
        for (String name : names) {
            int bit = HEALTH_BITS.indexOf(name);
            if (bit >= 0) {
                bitmap |= healthBit(bit);
            }
        }
        return bitmap;
    }

    private final Map<Long, ScmDrc> scms = new LinkedHashMap<>();
    private final HcallTrace trace;

    SpaprHypervisor(HcallTrace trace) {
        this.trace = trace;
    }

    /** powervm or qemu: the word the platform declares. */
    public abstract String keyword();

    /** Where this profile's behaviour comes from. */
    public abstract String source();

    public void attach(ScmSpec spec, long placement) {
        scms.put(spec.drcIndex(), new ScmDrc(spec, placement));
    }

    public Optional<ScmDrc> scm(long drcIndex) {
        return Optional.ofNullable(scms.get(drcIndex));
    }

    Collection<ScmDrc> scms() {
        return scms.values();
    }

    public HcallTrace trace() {
        return trace;
    }

    /** Issues one hcall and records it with its answer. */
    public HcallResult call(Hcall hcall, long... args) {
        HcallResult r = answer(hcall, args);
        trace.add(hcall, args, r);
        return r;
    }

    /**
     * Issues {@code count} calls that differ only in their offset (the label area read 8 bytes at a time) and
     * records them as one entry; returns the status of the first.
     */
    public long callRepeated(Hcall hcall, long count, long drcIndex, long offset, long len) {
        long rc = answer(hcall, new long[] {drcIndex, offset, len}).rc();
        trace.addRepeated(hcall.name() + "(" + HcallTrace.hex(drcIndex) + ", offset, " + len + ")", count, rc);
        return rc;
    }

    private HcallResult answer(Hcall hcall, long[] a) {
        return switch (hcall) {
            case H_SCM_READ_METADATA -> readMetadata(arg(a, 0), arg(a, 1), arg(a, 2));
            case H_SCM_WRITE_METADATA -> writeMetadata(arg(a, 0), arg(a, 1), arg(a, 3));
            case H_SCM_BIND_MEM -> bindMem(arg(a, 0), arg(a, 1), arg(a, 2), arg(a, 3), arg(a, 4));
            case H_SCM_UNBIND_MEM -> unbindMem(arg(a, 0), arg(a, 1), arg(a, 2), arg(a, 3));
            case H_SCM_QUERY_BLOCK_MEM_BINDING -> queryBlock(arg(a, 0), arg(a, 1));
            case H_SCM_QUERY_LOGICAL_MEM_BINDING -> queryLogical(arg(a, 0));
            case H_SCM_UNBIND_ALL -> unbindAll(arg(a, 0), arg(a, 1), arg(a, 2));
            case H_SCM_HEALTH -> health(arg(a, 0));
            case H_SCM_PERFORMANCE_STATS -> performanceStats(arg(a, 0), arg(a, 1), arg(a, 2));
            case H_SCM_FLUSH -> flush(arg(a, 0), arg(a, 1));
        };
    }

    private static long arg(long[] a, int i) {
        return i < a.length ? a[i] : 0;
    }

    /** What a restart of the guest kernel does to the bindings. */
    public abstract void restart(Restart kind);

    // ---- shared semantics (QEMU hw/ppc/spapr_nvdimm.c; PowerVM is assumed to check the same way) ----

    /** H_PARAMETER for a DRC index that names no SCM DRC ("bad DRC index" in papr_scm_meta_get). */
    Optional<ScmDrc> drc(long drcIndex) {
        return scm(drcIndex);
    }

    /** h_scm_read_metadata: len 1/2/4/8 (H_P3), offset + len within the label area (H_P2); data in R4. */
    HcallResult readMetadata(long drcIndex, long offset, long len) {
        long rc = checkMetadata(drcIndex, offset, len, HcallStatus.H_P3);
        return rc == HcallStatus.H_SUCCESS ? HcallResult.of(rc, 0) : HcallResult.of(rc);
    }

    /** h_scm_write_metadata: len 1/2/4/8 (H_P4), offset + len within the label area (H_P2). */
    HcallResult writeMetadata(long drcIndex, long offset, long len) {
        return HcallResult.of(checkMetadata(drcIndex, offset, len, HcallStatus.H_P4));
    }

    private long checkMetadata(long drcIndex, long offset, long len, long badLength) {
        Optional<ScmDrc> d = drc(drcIndex);
        if (d.isEmpty()) {
            return HcallStatus.H_PARAMETER;
        }
        if (len != 1 && len != 2 && len != 4 && len != 8) {
            return badLength;
        }
        if (offset + len < offset || d.get().spec().metadataSize() < offset + len) {
            return HcallStatus.H_P2;
        }
        return HcallStatus.H_SUCCESS;
    }

    /** h_scm_bind_mem's block range checks: start past the end (H_P2), range past the end (H_P3). */
    static long checkBlockRange(ScmDrc d, long start, long count) {
        long total = d.spec().blocks();
        if (start > total) {
            return HcallStatus.H_P2;
        }
        if (start + count < start || start + count > total) {
            return HcallStatus.H_P3;
        }
        return HcallStatus.H_SUCCESS;
    }

    abstract HcallResult bindMem(long drcIndex, long start, long count, long target, long token);

    abstract HcallResult unbindMem(long drcIndex, long addr, long count, long token);

    abstract HcallResult queryBlock(long drcIndex, long block);

    abstract HcallResult queryLogical(long addr);

    abstract HcallResult unbindAll(long scope, long drcIndex, long token);

    abstract HcallResult health(long drcIndex);

    abstract HcallResult performanceStats(long drcIndex, long buffer, long size);

    abstract HcallResult flush(long drcIndex, long token);
}
