package org.pmdl.model.pseries;

import java.util.Optional;
import org.pmdl.model.SourceRef;
import org.pmdl.model.rules.Finding;

/**
 * The one decider of DLPAR-NO-LPAR: a pseries step on a platform that lacks what it acts on. The validator reports
 * it on a DLPAR, CPU, LMB or migrate step as written; a run reports it (hcall and ioctl steps included) when the
 * model runs without the validator.
 */
public final class LparCheck {
    private LparCheck() {
    }

    /** An lpar block for DLPAR/CPU/LMB/migrate steps, a pseries hypervisor or scm for hcalls and ioctls. */
    public static Optional<Finding> missing(String platform, boolean scmStep, boolean has, SourceRef at) {
        if (has) {
            return Optional.empty();
        }
        return Optional.of(new Finding(PseriesRules.DLPAR_NO_LPAR, scmStep
                ? PseriesRules.DLPAR_NO_LPAR.message(platform, "pseries hypervisor or scm",
                        "`hypervisor qemu` or an `scm` device")
                : PseriesRules.DLPAR_NO_LPAR.message(platform, "lpar block",
                        "`lpar { lmb-size 256M lmbs 0 .. 15 assigned cpus 1 max 2 }`"), at));
    }
}
