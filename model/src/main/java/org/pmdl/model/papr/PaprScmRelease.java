package org.pmdl.model.papr;

import org.pmdl.model.kernel.KernelProfile;

/**
 * Where papr_scm (arch/powerpc/platforms/pseries/papr_scm.c) differs between kernel releases, keyed by the
 * kernel profile's release number, so that a profile added later gets the behaviour of its release.
 *
 * @param recovery         what probe does when H_SCM_BIND_MEM answers H_OVERLAP
 * @param unbindAll        drc_pmem_unbind() uses H_SCM_UNBIND_ALL(scope DRC) rather than H_SCM_UNBIND_MEM
 * @param probeQueriesStats probe asks H_SCM_PERFORMANCE_STATS for the statistics buffer size
 * @param probeQueriesHealth papr_scm_nvdimm_init() queries H_SCM_HEALTH to set NDD_UNARMED
 */
public record PaprScmRelease(Recovery recovery, boolean unbindAll, boolean probeQueriesStats,
        boolean probeQueriesHealth, String source) {

    public enum Recovery {
        /** 4.20 .. 5.2: any bind error is "bind err: %lld" and -ENXIO. */
        NONE,
        /** 5.3 (3a855b7ac7d5, powerpc-5.3-2; in 5.2.9 stable too): "Un-binding and retrying", once. */
        UNBIND_AND_RETRY,
        /** 5.4 (faa6d21153fd, powerpc-5.4-2): drc_pmem_query_n_bind() reuses a contiguous old binding. */
        QUERY_AND_REUSE
    }

    public static PaprScmRelease of(KernelProfile kernel) {
        int v = Releases.number(kernel.name());
        if (v < Releases.number("5.3")) {
            return new PaprScmRelease(Recovery.NONE, false, false, false,
                    "papr_scm.c before 3a855b7ac7d5 (5.2): drc_pmem_bind error path, drc_pmem_unbind with H_SCM_UNBIND_MEM");
        }
        if (v < Releases.number("5.4")) {
            return new PaprScmRelease(Recovery.UNBIND_AND_RETRY, true, false, false,
                    "papr_scm.c at 3a855b7ac7d5 (5.3): drc_pmem_bind retry after H_OVERLAP");
        }
        // the stats and health queries at probe are read in 6.1; older releases are not known to have them
        boolean read61 = v >= Releases.number("6.1");
        return new PaprScmRelease(Recovery.QUERY_AND_REUSE, true, read61, read61,
                "papr_scm.c since faa6d21153fd (5.4): papr_scm_probe, drc_pmem_query_n_bind"
                        + (read61 ? "; 6.1 papr_scm_nvdimm_init, drc_pmem_query_stats" : ""));
    }
}
