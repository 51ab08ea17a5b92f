package org.pmdl.model.engine;

import java.util.Map;
import org.pmdl.model.scenario.ScenarioSpec;
import org.pmdl.model.scenario.ScenarioStep;
import org.pmdl.model.topology.PlatformSpec;

/**
 * A scenario's run that stops after the steps it was given and goes on when given more: the language server runs
 * the steps before an edit ahead of time, then only the edited steps and those after them. Given the scenario's
 * steps in order, its {@link #result} is the one {@link Engine#run} gives (the same code runs each step).
 */
public final class SteppedRun {
    private final ScenarioRun run;

    /**
     * Enters and boots the scenario's platform as {@link Engine#run} does before the first step, which must be
     * {@code scenario}'s first step (whether it is a boot decides whether the platform boots now).
     */
    public SteppedRun(Map<String, PlatformSpec> platformsByName, ScenarioSpec scenario, RunOptions options) {
        run = new ScenarioRun(Map.copyOf(platformsByName), scenario, options == null ? RunOptions.DEFAULT : options);
        run.start();
    }

    private SteppedRun(ScenarioRun run) {
        this.run = run;
    }

    /**
     * A run paused where this one is, with its own copy of the model's state: it and this one go on independently
     * (the language server keeps a run paused before the last edit and goes on from a copy of it on each edit).
     */
    public SteppedRun copy() {
        return new SteppedRun(StateCopy.of(run));
    }

    /** Runs the next step. */
    public void advance(ScenarioStep step) {
        run.advance(step);
    }

    /** How many steps have run. */
    public int stepsRun() {
        return run.stepsRun();
    }

    /** The result of the steps run so far, named after the scenario given at the start. */
    public ScenarioResult result() {
        return run.result();
    }
}
