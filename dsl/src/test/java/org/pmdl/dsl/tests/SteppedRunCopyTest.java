package org.pmdl.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.pmdl.dsl.compiler.PmdlCompiler;
import org.pmdl.model.engine.Engine;
import org.pmdl.model.engine.RunOptions;
import org.pmdl.model.engine.ScenarioResult;
import org.pmdl.model.engine.SteppedRun;
import org.pmdl.model.scenario.ScenarioSpec;
import org.pmdl.model.scenario.ScenarioStep;
import org.pmdl.model.topology.PlatformSpec;

/**
 * A run paused after its first k steps and copied ({@link SteppedRun#copy}): the copy and the paused run, each taken
 * on to the end, give the result of the straight run, for every k, on every scenario of examples/ and on random
 * scenarios mixed of each file's steps. The results are the model's own (every example's answers are tested
 * elsewhere); what is compared is the copied runs with the straight one: step results (values, logs, rules, the
 * state each step changed) and findings.
 */
class SteppedRunCopyTest extends LanguageTestSupport {
    /** The state of each step recorded (what changed), so that a copy that lost any of it shows in the results. */
    private static final RunOptions OPTIONS = RunOptions.DEFAULT.withStepState(RunOptions.StepState.CHANGED);

    private List<PmdlCompiler.CompiledFile> examples() throws Exception {
        List<PmdlCompiler.CompiledFile> compiled = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("../examples"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".pmdl")).sorted().toList()) {
                compiled.add(compile(Files.readString(f)));
            }
        }
        return compiled;
    }

    @Test
    void copiesAtEveryStepOfEveryExampleGoOnAsTheStraightRun() throws Exception {
        int compared = 0;
        for (PmdlCompiler.CompiledFile file : examples()) {
            for (ScenarioSpec scenario : file.scenarios()) {
                compared += assertCopiesAgree(file.platforms(), scenario);
            }
        }
        assertTrue(compared > 1000, "runs compared: " + compared);
    }

    /** Random scenarios of each file's steps (any kind, in any order, with the refusals that brings). */
    @Test
    void copiesOfRandomScenariosGoOnAsTheStraightRun() throws Exception {
        Random random = new Random(18);
        int compared = 0;
        for (PmdlCompiler.CompiledFile file : examples()) {
            for (ScenarioSpec scenario : file.scenarios()) {
                List<ScenarioStep> pool = file.scenarios().stream()
                        .filter(s -> s.platform().equals(scenario.platform())).flatMap(s -> s.steps().stream())
                        .toList();
                if (pool.isEmpty()) {
                    continue;
                }
                List<ScenarioStep> steps = new ArrayList<>();
                for (int i = 0, n = 5 + random.nextInt(15); i < n; i++) {
                    steps.add(pool.get(random.nextInt(pool.size())));
                }
                compared += assertCopiesAgree(file.platforms(), new ScenarioSpec(scenario.name() + "_mixed",
                        scenario.platform(), steps, scenario.source()));
            }
        }
        assertTrue(compared > 1000, "runs compared: " + compared);
    }

    /**
     * For every k: a run paused after k steps is copied; the copy goes on to the end first, then the paused run
     * (so a state the two shared would show in the second), and both equal the straight run.
     */
    private static int assertCopiesAgree(Map<String, PlatformSpec> platforms, ScenarioSpec scenario) {
        ScenarioResult straight = new Engine(platforms).run(scenario, OPTIONS);
        List<ScenarioStep> steps = scenario.steps();
        for (int k = 0; k <= steps.size(); k++) {
            SteppedRun paused = new SteppedRun(platforms, scenario, OPTIONS);
            for (int i = 0; i < k; i++) {
                paused.advance(steps.get(i));
            }
            SteppedRun copy = paused.copy();
            String at = scenario.name() + " copied after " + k + " of " + steps.size() + " steps";
            assertEquals(straight, finish(copy, steps), "the copy of " + at);
            assertEquals(k, paused.stepsRun(), "the original stays paused: " + at);
            assertEquals(straight, finish(paused, steps), "the original of " + at);
        }
        return steps.size() + 1;
    }

    private static ScenarioResult finish(SteppedRun run, List<ScenarioStep> steps) {
        for (int i = run.stepsRun(); i < steps.size(); i++) {
            run.advance(steps.get(i));
        }
        return run.result();
    }
}
