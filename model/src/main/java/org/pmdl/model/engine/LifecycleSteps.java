package org.pmdl.model.engine;

import org.pmdl.model.hotplug.Hotplug;
import org.pmdl.model.papr.SpaprHypervisor.Restart;
import org.pmdl.model.rules.Unresolved;
import org.pmdl.model.scenario.Action;
import org.pmdl.model.scenario.ScenarioStep;
import org.pmdl.model.topology.PlatformSpec;

/** boot, kexec, reboot [into], panic, power-fail, crash anywhere: the machine goes down or comes up. */
final class LifecycleSteps extends StepHandler<Action.Lifecycle> {

    LifecycleSteps(Machine machine) {
        super(machine);
    }

    @Override
    void perform(Action.Lifecycle action, ScenarioStep step, StepOutcome out) {
        if (action instanceof Action.Boot) {
            machine.boot(null);
        } else if (action instanceof Action.Kexec k) {
            if (machine.hotplug != null) { // from a running kernel: what it hands over
                machine.handover = machine.hotplug.kexec(k.method());
                HotplugSteps.answer(new Hotplug.Outcome(true, null, machine.handover.values(), machine.handover.decisive(),
                        machine.handover.notes()), step, out);
            }
            machine.boot(Restart.KEXEC);
        } else if (action instanceof Action.Reboot r) {
            reboot(r, step, out);
        } else if (machine.up(step, out)) { // panic, power-fail, crash anywhere
            PersistenceSteps.answer(machine.persistence.crash(action, step.source()), out);
            // media keep labels and infoblocks; the next boot step brings the machine up
            machine.down(action instanceof Action.Panic ? Restart.PANIC : Restart.POWER_FAIL);
        }
    }

    private void reboot(Action.Reboot r, ScenarioStep step, StepOutcome out) {
        if (r.intoPlatform() != null) {
            PlatformSpec next = machine.platforms.get(r.intoPlatform());
            if (next == null) {
                out.fail(Unresolved.finding("platform " + r.intoPlatform(), "is not declared", step.source()));
                return;
            }
            machine.enter(next, out.findings); // another machine: its own hypervisor
            machine.boot(null);
            return;
        }
        machine.handover = machine.hotplug == null ? machine.handover : machine.hotplug.reboot();
        machine.boot(Restart.REBOOT);
    }
}
