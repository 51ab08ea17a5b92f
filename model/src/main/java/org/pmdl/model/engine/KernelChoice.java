package org.pmdl.model.engine;

import java.util.Optional;
import org.pmdl.model.SourceRef;
import org.pmdl.model.kernel.Distro;
import org.pmdl.model.kernel.KernelProfile;
import org.pmdl.model.rules.Finding;
import org.pmdl.model.rules.Rules;

/**
 * The one decider of KERNEL-UNKNOWN and DISTRO-UNKNOWN: a kernel profile or distro configuration the model does
 * not know. The validator reports it where a platform names it; a run reports it when the name reaches the model
 * unchecked (an editor's kernel setting, a platform built in Java) and falls back to the default.
 */
public final class KernelChoice {
    private KernelChoice() {
    }

    /** KERNEL-UNKNOWN when no profile is called {@code name}. */
    public static Optional<Finding> unknownKernel(String name, SourceRef at) {
        if (KernelProfile.lookup(name).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(new Finding(Rules.KERNEL_UNKNOWN, Rules.KERNEL_UNKNOWN.message(name,
                KernelProfile.known().stream().map(KernelProfile::name).toList(),
                KernelProfile.defaultProfile().name()), at));
    }

    /** DISTRO-UNKNOWN when no distro configuration is called {@code name}. */
    public static Optional<Finding> unknownDistro(String name, SourceRef at) {
        if (Distro.lookup(name).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(new Finding(Rules.DISTRO_UNKNOWN, Rules.DISTRO_UNKNOWN.message(name,
                Distro.known().stream().map(Distro::name).toList(), Distro.UPSTREAM.name()), at));
    }
}
