package org.pmdl.model.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.pmdl.model.libnvdimm.Region;
import org.pmdl.model.ocxl.OcxlStep;
import org.pmdl.model.rules.Finding;
import org.pmdl.model.rules.Rule;
import org.pmdl.model.rules.Rules;
import org.pmdl.model.rules.Severity;
import org.pmdl.model.rules.Unresolved;
import org.pmdl.model.scenario.Action;
import org.pmdl.model.scenario.ScenarioSpec;
import org.pmdl.model.scenario.ScenarioStep;
import org.pmdl.model.topology.PlatformSpec;

/**
 * One run of one scenario: each step goes to its subsystem's handler, which changes the {@link Machine}; the run
 * turns what the step produced into a StepResult with its log, rules, findings and state.
 */
final class ScenarioRun {
    private final ScenarioSpec scenario;
    private final RunOptions options;
    private final Machine machine;
    private final StateDeltas deltas;
    private final LifecycleSteps lifecycle;
    private final LibnvdimmSteps libnvdimm;
    private final PersistenceSteps persistence;
    private final PseriesSteps pseries;
    private final OcxlSteps ocxl;
    private final HotplugSteps hotplug;
    private final Expectations expectations;

    ScenarioRun(Map<String, PlatformSpec> platforms, ScenarioSpec scenario, RunOptions options) {
        this.scenario = scenario;
        this.options = options;
        this.machine = new Machine(platforms, options);
        this.deltas = new StateDeltas(machine, scenario.steps().isEmpty() ? null : scenario.steps().get(0));
        this.lifecycle = new LifecycleSteps(machine);
        this.libnvdimm = new LibnvdimmSteps(machine);
        this.persistence = new PersistenceSteps(machine);
        this.pseries = new PseriesSteps(machine);
        this.ocxl = new OcxlSteps(machine);
        this.hotplug = new HotplugSteps(machine, pseries);
        this.expectations = new Expectations(machine);
    }

    /** The steps run so far, in order. */
    private final List<StepResult> results = new ArrayList<>();
    /** What went wrong before the first step (unknown platform, kernel or distro), reported at the first step. */
    private List<Finding> startFindings = new ArrayList<>();

    ScenarioResult run() {
        start();
        for (ScenarioStep step : scenario.steps()) {
            advance(step);
        }
        return result();
    }

    /** Enters the platform and boots it unless the first step is a boot: what happens before the first step. */
    void start() {
        PlatformSpec platform = machine.platforms.get(scenario.platform());
        if (platform == null) {
            startFindings.add(Unresolved.finding("platform " + scenario.platform(), "is not declared",
                    scenario.source()));
        } else {
            machine.enter(platform, startFindings);
            boolean firstIsBoot = !scenario.steps().isEmpty() && scenario.steps().get(0).action() instanceof Action.Boot;
            if (!firstIsBoot) {
                try {
                    machine.boot(null);
                } catch (RuntimeException e) {
                    startFindings.add(new Finding(EngineRules.MODEL_INTERNAL,
                            EngineRules.MODEL_INTERNAL.message("booting " + platform.name(), e), scenario.source()));
                }
            }
        }
    }

    /** Runs the next step (the scenario's first, then any steps, in order: see {@link SteppedRun}). */
    void advance(ScenarioStep step) {
        // the machine has a platform once start() entered the scenario's; a scenario naming none cannot run
        results.add(machine.platform == null ? unrunnable(step, startFindings) : runStep(step, startFindings));
        startFindings = new ArrayList<>();
    }

    int stepsRun() {
        return results.size();
    }

    /** The result of the steps run so far. */
    ScenarioResult result() {
        return new ScenarioResult(scenario.name(), scenario.platform(),
                machine.kernel == null ? null : machine.kernel.name(),
                machine.distro == null ? null : machine.distro.name(),
                status(results), List.copyOf(results));
    }

    private StepResult unrunnable(ScenarioStep step, List<Finding> findings) {
        return new StepResult(step, false, null, Map.of(), Map.of(), List.of(), null, List.of(), List.copyOf(findings));
    }

    private StepResult runStep(ScenarioStep step, List<Finding> carried) {
        StepOutcome out = new StepOutcome();
        out.findings.addAll(carried);
        Map<String, Map<String, Object>> state = Map.of();
        try {
            RunOptions.StepState kept = options.stepState();
            Collection<Region> touched = machine.bus == null || kept == RunOptions.StepState.NONE
                    || !(step.action() instanceof Action.Libnvdimm a) ? List.of()
                    : libnvdimm.regionsTouchedBy(a); // before a destroy; other steps change nothing readable
            perform(step, out);
            state = deltas.after(step, touched, kept);
        } catch (RuntimeException e) {
            out.ok = false;
            out.findings.add(new Finding(EngineRules.MODEL_INTERNAL,
                    EngineRules.MODEL_INTERNAL.message(step.action().op(), e), step.source()));
        }
        List<String> log = machine.dmesg.drainLines();
        List<String> hcalls = machine.pseries == null ? List.of() : machine.pseries.drainHcalls();
        List<Rule> applied = new ArrayList<>(machine.dmesg.drainApplied());
        machine.dmesg.drainAdvisories().forEach(a -> out.findings.add(new Finding(a.rule(), a.message(), step.source())));
        if (out.decisive != null) {
            applied.remove(out.decisive);
            applied.add(0, out.decisive);
        }
        expectations.afterStep(step, log, hcalls, out, applied);
        return new StepResult(step, out.ok, out.errno, out.values, state, log, out.expectation, List.copyOf(applied),
                List.copyOf(out.findings), hcalls, out.arguments);
    }

    /** Each step to its subsystem (the groups of {@link Action}). */
    private void perform(ScenarioStep step, StepOutcome out) {
        Action action = step.action();
        if (action instanceof Action.Lifecycle a) {
            lifecycle.perform(a, step, out);
        } else if (action instanceof Action.Libnvdimm a) {
            libnvdimm.perform(a, step, out);
        } else if (action instanceof Action.Persistence a) {
            persistence.perform(a, step, out);
        } else if (action instanceof Action.Pseries a) {
            pseries.perform(a, step, out);
        } else if (action instanceof Action.Hotplug a) {
            hotplug.perform(a, step, out);
        } else if (action instanceof OcxlStep a) {
            ocxl.perform(a, step, out);
        } else if (action instanceof Action.Expectation a) {
            expectations.perform(a, step, out);
        } else {
            throw new IllegalArgumentException("no subsystem answers " + action.op());
        }
    }

    /** error: a step could not be evaluated; fail: an expectation is unmet; else pass. */
    private static ScenarioStatus status(List<StepResult> results) {
        List<Finding> findings = results.stream().flatMap(r -> r.findings().stream()).toList();
        if (findings.stream().anyMatch(f -> f.severity() == Severity.ERROR && f.rule() != Rules.EXPECT_UNMET)) {
            return ScenarioStatus.ERROR;
        }
        boolean unmet = results.stream().anyMatch(r -> r.expectation() != null && !r.expectation().met());
        return unmet ? ScenarioStatus.FAIL : ScenarioStatus.PASS;
    }
}
