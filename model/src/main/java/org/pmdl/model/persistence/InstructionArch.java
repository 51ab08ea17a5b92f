package org.pmdl.model.persistence;

import java.util.Optional;
import org.pmdl.model.SourceRef;
import org.pmdl.model.rules.Finding;
import org.pmdl.model.rules.Rules;
import org.pmdl.model.topology.Arch;

/**
 * The one decider of STEP-ARCH: an instruction of another architecture than the platform's. The validator reports
 * it on the step as written; a run refuses the step when the model runs without the validator.
 */
public final class InstructionArch {
    private InstructionArch() {
    }

    /** STEP-ARCH when {@code instruction} (of {@code needed}, null for a helper both have) cannot run on {@code arch}. */
    public static Optional<Finding> foreign(String instruction, Arch needed, Arch arch, String platform,
            SourceRef at) {
        if (needed == null || needed == arch) {
            return Optional.empty();
        }
        String instead = needed == Arch.X86_64 ? "dcbstps/dcbfps and phwsync" : "clwb/clflushopt and sfence";
        return Optional.of(new Finding(Rules.STEP_ARCH, Rules.STEP_ARCH.message(instruction, needed.keyword(),
                platform, arch.keyword(), instead), at));
    }
}
