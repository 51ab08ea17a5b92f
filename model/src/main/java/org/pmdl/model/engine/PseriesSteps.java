package org.pmdl.model.engine;

import java.util.Optional;
import org.pmdl.model.pseries.LparCheck;
import org.pmdl.model.pseries.Pseries;
import org.pmdl.model.pseries.PseriesOutcome;
import org.pmdl.model.rules.Finding;
import org.pmdl.model.scenario.Action;
import org.pmdl.model.scenario.ScenarioStep;

/** hcall, ioctl, rtas, dlpar, online/offline cpu, pin memory, migrate: the partition answers (papr, pseries). */
final class PseriesSteps extends StepHandler<Action.Pseries> {

    PseriesSteps(Machine machine) {
        super(machine);
    }

    @Override
    void perform(Action.Pseries action, ScenarioStep step, StepOutcome out) {
        if (!machine.up(step, out)) {
            return;
        }
        Pseries pseries = machine.pseries;
        boolean scmStep = action instanceof Action.Hcall || action instanceof Action.Ioctl;
        Optional<Finding> missing = LparCheck.missing(machine.platform.name(), scmStep,
                pseries != null && (scmStep || pseries.hasLpar()), step.source());
        if (missing.isPresent()) {
            out.fail(missing.get());
            return;
        }
        answer(action instanceof Action.Hcall a ? pseries.hcall(a)
                : action instanceof Action.Ioctl a ? pseries.ioctl(a)
                : action instanceof Action.Dlpar a ? pseries.dlpar(a)
                : action instanceof Action.CpuOnline a ? pseries.cpuOnline(a)
                : action instanceof Action.Rtas a ? pseries.rtas(a)
                : action instanceof Action.PinMemory ? pseries.pinMemory()
                : pseries.migrate((Action.Migrate) action), out);
    }

    /**
     * {@code offline memory N} on a partition with an lpar block: the memory block is an LMB, which the
     * partition offlines (hotplug-memory.c), not the generic memory-hotplug model.
     */
    void offlineLmb(Action.MemoryState m, ScenarioStep step, StepOutcome out) {
        if (machine.up(step, out)) {
            answer(machine.pseries.offlineMemory(m.block()), out);
        }
    }

    private static void answer(PseriesOutcome o, StepOutcome out) {
        out.answer(o.ok(), o.errno(), o.values(), o.decisive());
    }
}
