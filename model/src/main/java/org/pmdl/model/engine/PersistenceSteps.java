package org.pmdl.model.engine;

import org.pmdl.model.persistence.PersistenceModel;
import org.pmdl.model.persistence.PmemRefused;
import org.pmdl.model.persistence.StepText;
import org.pmdl.model.rules.Finding;
import org.pmdl.model.scenario.Action;
import org.pmdl.model.scenario.ScenarioStep;

/** Stores, write-backs, fences, nvdimm-flush and mmap map-sync on the booted kernel's pmem. */
final class PersistenceSteps extends StepHandler<Action.Persistence> {

    PersistenceSteps(Machine machine) {
        super(machine);
    }

    @Override
    void perform(Action.Persistence action, ScenarioStep step, StepOutcome out) {
        if (machine.up(step, out)) {
            try {
                answer(machine.persistence.perform(action, StepText.of(action), step.source(),
                        new PmemTargets(machine.bus, machine.platform)), out);
            } catch (PmemRefused e) {
                out.ok = false;
                out.errno = e.errno() == null ? null : e.errno().name();
                out.decisive = e.rule();
                if (e.errno() == null) {
                    out.findings.add(new Finding(e.rule(), step.action().op() + ": " + e.getMessage(), step.source()));
                }
            }
        }
    }

    /** The persistence model's answer to a step (a crash's too): its values, rule and findings. */
    static void answer(PersistenceModel.Effect effect, StepOutcome out) {
        out.values = effect.values();
        out.decisive = effect.rule();
        out.findings.addAll(effect.findings());
    }
}
