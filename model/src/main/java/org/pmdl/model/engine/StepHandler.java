package org.pmdl.model.engine;

import org.pmdl.model.scenario.Action;
import org.pmdl.model.scenario.ScenarioStep;

/**
 * One subsystem's steps: the run hands each step of the subsystem's group of {@link Action} here, and the handler
 * writes what the machine answered into the step's outcome.
 */
abstract class StepHandler<A extends Action> {
    /** The machine the steps change. */
    final Machine machine;

    StepHandler(Machine machine) {
        this.machine = machine;
    }

    abstract void perform(A action, ScenarioStep step, StepOutcome out);
}
