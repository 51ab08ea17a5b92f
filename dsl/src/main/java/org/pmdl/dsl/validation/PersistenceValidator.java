package org.pmdl.dsl.validation;

import java.math.BigInteger;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.validation.Check;
import org.pmdl.dsl.lang.SizeExpressions;
import org.pmdl.dsl.pmdl.ActionStep;
import org.pmdl.dsl.pmdl.CacheFlush;
import org.pmdl.dsl.pmdl.CrashAnywhere;
import org.pmdl.dsl.pmdl.Fence;
import org.pmdl.dsl.pmdl.Platform;
import org.pmdl.dsl.pmdl.PowerFail;
import org.pmdl.dsl.pmdl.Reboot;
import org.pmdl.dsl.pmdl.Scenario;
import org.pmdl.dsl.pmdl.SizeExpr;
import org.pmdl.dsl.pmdl.Step;
import org.pmdl.dsl.pmdl.Store;
import org.pmdl.dsl.pmdl.StoreKind;
import org.pmdl.model.SourceRef;
import org.pmdl.model.engine.RunOptions;
import org.pmdl.model.persistence.InstructionArch;
import org.pmdl.model.persistence.PersistenceModel;
import org.pmdl.model.persistence.PersistenceRules;
import org.pmdl.model.topology.Arch;

/** Static checks of the persistence vocabulary: exploration bounds and instructions of the platform's architecture. */
public class PersistenceValidator extends ComposedValidator {

    @Check
    public void checkCrashBound(CrashAnywhere crash) {
        checkExplorationBound(crash.getBound());
    }

    @Check
    public void checkPowerFailBound(PowerFail fail) {
        checkExplorationBound(fail.getBound());
    }

    /** A bound of 0 would silently mean the default, a huge one "until the heap is gone": both are refused. */
    private void checkExplorationBound(SizeExpr bound) {
        BigInteger value = bound == null ? null : SizeExpressions.evaluate(bound);
        if (value != null && (value.signum() <= 0 || value.compareTo(BigInteger.valueOf(
                PersistenceModel.MAX_BOUND)) > 0)) {
            report(PersistenceRules.CRASH_BOUND_RANGE, PersistenceRules.CRASH_BOUND_RANGE.message(value,
                    PersistenceModel.MAX_BOUND, PersistenceModel.TIME_LIMIT.toSeconds(),
                    RunOptions.DEFAULT.explorationBound()), bound, null);
        }
    }

    /** Instructions exist on one architecture; `reboot into` may change it mid-scenario. */
    @Check
    public void checkInstructionsMatchArch(Scenario scenario) {
        Platform current = resolved(scenario.getPlatform());
        for (Step step : scenario.getSteps()) {
            if (!(step instanceof ActionStep actionStep)) {
                continue;
            }
            EObject action = actionStep.getAction();
            if (action instanceof Reboot reboot && resolved(reboot.getInto()) != null) {
                current = reboot.getInto();
            }
            Arch needed = instructionArch(action);
            Arch arch = needed == null || current == null ? null : archOf(current); // most steps are no instruction
            if (arch != null) {
                String platform = current.getName();
                InstructionArch.foreign(instructionName(action), needed, arch, platform, SourceRef.NONE)
                        .ifPresent(f -> report(f.rule(), f.message(), action, null));
            }
        }
    }

    private static Arch instructionArch(EObject action) {
        if (action instanceof CacheFlush flush) {
            return switch (flush.getKind()) {
                case CLWB, CLFLUSHOPT, CLFLUSH -> Arch.X86_64;
                default -> Arch.PPC64;
            };
        }
        if (action instanceof Fence fence) {
            return switch (fence.getKind()) {
                case SFENCE, MFENCE -> Arch.X86_64;
                case PMEM_WMB -> null;
                default -> Arch.PPC64;
            };
        }
        if (action instanceof Store store
                && (store.getKind() == StoreKind.MOVNT || store.getKind() == StoreKind.XCHG)) {
            return Arch.X86_64;
        }
        return null;
    }

    private static String instructionName(EObject action) {
        if (action instanceof CacheFlush flush) {
            return flush.getKind().getLiteral();
        }
        if (action instanceof Fence fence) {
            return fence.getKind().getLiteral();
        }
        return ((Store) action).getKind().getLiteral();
    }
}
