package org.pmdl.model.engine;

import org.pmdl.model.ocxl.Ocxl;
import org.pmdl.model.ocxl.OcxlStep;
import org.pmdl.model.rules.Finding;
import org.pmdl.model.rules.Unresolved;
import org.pmdl.model.scenario.ScenarioStep;

/** ocxl steps: the card's link, OPAL and its ocxlpmem device answer (package ocxl). */
final class OcxlSteps extends StepHandler<OcxlStep> {

    OcxlSteps(Machine machine) {
        super(machine);
    }

    @Override
    void perform(OcxlStep action, ScenarioStep step, StepOutcome out) {
        if (machine.ocxl == null) {
            out.fail(Unresolved.finding("platform " + machine.platform.name(), "has no ocxl card " + action.card(),
                    step.source()));
        } else if (machine.up(step, out)) {
            Ocxl.Outcome o = machine.ocxl.perform(action, machine.bus);
            out.answer(o.ok(), o.errno(), o.values(), o.decisive());
            o.warnings().forEach(w -> out.findings.add(new Finding(w.rule(), action.op() + ": " + w.message(),
                    step.source())));
            if (o.decisive() != null) {
                machine.dmesg.applied(o.decisive());
            }
        }
    }
}
