package org.pmdl.model.pseries;

import org.pmdl.model.kernel.KernelProfile;
import org.pmdl.model.papr.Releases;

/**
 * Where the pseries DLPAR and drmem code differs between kernel releases, keyed by release number.
 *
 * @param unisolateOnCpuRemoveFailure dlpar_cpu(): a failed remove by DRC index calls dlpar_unisolate_drc()
 *                                    (0e3b3ff83ce2, 29c9a2699e71; powerpc pull for 5.14)
 * @param lastOnlineCpuMessage        dlpar_offline_cpu() warns "Unable to remove last online CPU" (5.14)
 * @param drmemUpdateAfterLpm         pseries_memory_notifier() refreshes aa_index on an update of
 *                                    ibm,dynamic-memory[-v2] ("pseries/drmem: update LMBs after LPM" v5,
 *                                    applied 2021-08-18 for 5.15)
 */
public record PseriesRelease(boolean unisolateOnCpuRemoveFailure, boolean lastOnlineCpuMessage,
        boolean drmemUpdateAfterLpm) {

    public static PseriesRelease of(KernelProfile kernel) {
        int v = Releases.number(kernel.name());
        return new PseriesRelease(v >= Releases.number("5.14"), v >= Releases.number("5.14"),
                v >= Releases.number("5.15"));
    }
}
