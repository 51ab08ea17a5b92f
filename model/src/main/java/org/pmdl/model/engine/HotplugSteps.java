package org.pmdl.model.engine;

import org.pmdl.model.hotplug.Hotplug;
import org.pmdl.model.rules.Finding;
import org.pmdl.model.scenario.Action;
import org.pmdl.model.scenario.ScenarioStep;

/** Memory hotplug, dax kmem (daxctl), memremap, MMIO and virtio-mem steps: the booted kernel's Hotplug answers. */
final class HotplugSteps extends StepHandler<Action.Hotplug> {
    private final PseriesSteps pseries;

    HotplugSteps(Machine machine, PseriesSteps pseries) {
        super(machine);
        this.pseries = pseries;
    }

    @Override
    void perform(Action.Hotplug action, ScenarioStep step, StepOutcome out) {
        if (action instanceof Action.MemoryState m && m.state().equals("offline") && machine.pseries != null
                && machine.pseries.hasLpar()) {
            pseries.offlineLmb(m, step, out); // an LMB's memory block
        } else if (machine.up(step, out)) {
            answer(machine.hotplug.perform(action), step, out);
        }
    }

    /** A hotplug step's (or kexec's) outcome: its notes become findings on the step. */
    static void answer(Hotplug.Outcome o, ScenarioStep step, StepOutcome out) {
        out.answer(o.ok(), o.errno(), o.values(), o.decisive());
        o.notes().forEach(n -> out.findings.add(new Finding(n.rule(), n.message(), step.source())));
    }
}
