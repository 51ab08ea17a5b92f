package org.pmdl.model.ocxl;

import java.util.List;
import org.pmdl.model.SourceRef;

/**
 * An OpenCAPI persistent-memory card on its own link ({@code ocxl NAME { ... }}): the AFUs' LPC memory as the
 * AFU configuration space reports it, what skiboot's OPAL_NPU_MEM_ALLOC answers, and the card's CCAP0.
 *
 * @param opalBase       the window base OPAL_NPU_MEM_ALLOC returns (after be64_to_cpu)
 * @param opalAllocRc    OPAL_NPU_MEM_ALLOC's rc (0 = OPAL_SUCCESS)
 * @param opalReleaseRc  OPAL_NPU_MEM_RELEASE's rc
 * @param maxPhysmemBits MAX_PHYSMEM_BITS of the kernel (51 on ppc64 with SPARSEMEM_VMEMMAP + EXTREME)
 * @param ccap0          the capability register 0 (scm_revision, read_latency, readiness and memory timeouts)
 * @param labelArea      LABEL_AREA_SIZE: one sparsemem section (1 << PA_SECTION_SHIFT, 16 MiB on ppc64)
 */
public record OcxlSpec(String name, long phbId, long bdfn, List<Afu> afus, long opalBase, long opalAllocRc,
        long opalReleaseRc, int maxPhysmemBits, long ccap0, long labelArea, SourceRef source) {

    /** ppc64: SECTION_SIZE_BITS 24 (arch/powerpc/include/asm/sparsemem.h). */
    public static final long SECTION_SIZE = 1L << 24;
    /** ppc64 hash/radix with SPARSEMEM_VMEMMAP + SPARSEMEM_EXTREME (seed-rules-C C-15 [ext]). */
    public static final int MAX_PHYSMEM_BITS = 51;

    /** One AFU's memory: lpc_mem_offset/size and special_purpose_mem_offset/size of its configuration. */
    public record Afu(String name, long lpcOffset, long lpcSize, long spOffset, long spSize, SourceRef source) {
        long total() {
            return lpcSize + spSize;
        }
    }

    public long lpcSize() {
        return afus.stream().mapToLong(Afu::lpcSize).sum();
    }
}
