package org.pmdl.lsp;

import com.google.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.validation.Issue;
import org.pmdl.dsl.analysis.Diagnostic;
import org.pmdl.dsl.analysis.PmdlAnalyzer;
import org.pmdl.dsl.compiler.PmdlCompiler;
import org.pmdl.dsl.lang.Imports;
import org.pmdl.dsl.pmdl.Import;
import org.pmdl.dsl.pmdl.PmdlFile;
import org.pmdl.model.SourceRef;
import org.pmdl.model.engine.Engine;
import org.pmdl.model.engine.RunOptions;
import org.pmdl.model.engine.ScenarioResult;
import org.pmdl.model.engine.SteppedRun;
import org.pmdl.model.scenario.Action;
import org.pmdl.model.scenario.ScenarioSpec;
import org.pmdl.model.scenario.ScenarioStep;
import org.pmdl.model.topology.PlatformSpec;

/**
 * Runs of the scenarios of every file the server validates, and their latest results (for hover, inlay hints and
 * code lenses). A build readies the run of each file it found without errors ({@link #prepare}); once the build has
 * published its static diagnostics, the file is compiled and the run happens on this class's own thread
 * ({@link #startPrepared}), bounded by {@link #LIVE} and abandoned as soon as a newer edit of the file arrives. A finished run is handed to
 * the {@linkplain #onFinished listener} with the file's static issues plus the run's findings, to publish.
 */
@Singleton
public class ScenarioRuns {
    /**
     * Crash states one crash step may explore on a keystroke run (the CLI's default is 100,000). Runs record no
     * per-step state: {@link #stateAfter} reruns a scenario for it when a hover asks.
     */
    public static final RunOptions LIVE = new RunOptions(null, 10_000, RunOptions.StepState.NONE);

    /**
     * @param scenarios   results in the order the file declares its scenarios; their steps hold no state (ask
     *                    {@link ScenarioRuns#stateAfter})
     * @param diagnostics the runs' findings, each at the step that produced it
     * @param notRun      why the file was not run (errors, a broken import), or null when it was
     */
    public record Snapshot(List<ScenarioResult> scenarios, List<Diagnostic> diagnostics, String notRun) {
        static final Snapshot NOT_YET = new Snapshot(List.of(), List.of(), "not run yet");

        public Optional<ScenarioResult> scenario(String name) {
            return scenarios.stream().filter(s -> s.name().equals(name)).findFirst();
        }
    }

    /** A finished run: every issue of the file (static and run) as it should now be published. */
    public record Finished(URI uri, List<Issue> issues) {
    }

    private final Map<URI, Snapshot> latest = new ConcurrentHashMap<>();
    /** Bumped by every validation of a file: a run of an older generation is stale and stops. */
    private final Map<URI, Long> generations = new ConcurrentHashMap<>();
    private final Map<URI, Prepared> prepared = new ConcurrentHashMap<>();
    /** Each file's latest finished runs by scenario name, reused by the next run when their inputs are unchanged. */
    private final Map<URI, Map<String, Memo>> memos = new ConcurrentHashMap<>();
    /**
     * Runs of each file's last edited scenarios paused before the first step the edit changed, made between edits:
     * each later edit of the same step or later ones goes on from a copy of it ({@link Paused}). Used on the runner
     * thread only.
     */
    private final Map<URI, Map<String, Paused>> paused = new ConcurrentHashMap<>();
    private volatile Rerun rerun;
    /** Scenario runs that went on from a paused run (the test that compares them with fresh runs checks some did). */
    private final java.util.concurrent.atomic.AtomicInteger resumed = new java.util.concurrent.atomic.AtomicInteger();
    private final ExecutorService runner = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "pmdl-scenario-runs");
        thread.setDaemon(true);
        return thread;
    });
    private final PmdlCompiler compiler = new PmdlCompiler();
    private volatile Consumer<Finished> listener = finished -> {
    };
    /** {@link #LIVE}, with the editor's kernel profile override (ClientSettings) when it sent one. */
    private volatile RunOptions live = LIVE;

    void useKernel(String kernelOverride) {
        live = new RunOptions(kernelOverride, LIVE.explorationBound(), LIVE.stepState());
    }

    RunOptions live() {
        return live;
    }

    public Snapshot latest(URI uri) {
        return latest.getOrDefault(uri, Snapshot.NOT_YET);
    }

    /** The latest results of every scenario on {@code platform}, in whichever file they are written. */
    public List<ScenarioResult> scenariosOn(String platform) {
        return latest.values().stream().flatMap(s -> s.scenarios().stream())
                .filter(s -> s.platform().equals(platform)).toList();
    }

    /**
     * Every object's readable attributes after step {@code index} of {@code scenario}, a result of the latest runs:
     * the scenario is rerun up to that step, recording what each step changed (the runs themselves record no state,
     * so a long scenario's results stay small). The last rerun is kept for the next hover of a step before it.
     * Empty when the result is no longer the latest.
     */
    public Map<String, Map<String, Object>> stateAfter(ScenarioResult scenario, int index) {
        Rerun last = rerun;
        if (last == null || last.of() != scenario || last.upTo().steps().size() <= index) {
            Memo memo = memos.values().stream().flatMap(m -> m.values().stream())
                    .filter(m -> m.result() == scenario).findFirst().orElse(null);
            if (memo == null || index >= memo.scenario().steps().size()) {
                return Map.of();
            }
            ScenarioSpec spec = memo.scenario();
            ScenarioSpec prefix = new ScenarioSpec(spec.name(), spec.platform(), spec.steps().subList(0, index + 1),
                    spec.source());
            try {
                last = new Rerun(scenario, new Engine(memo.declaredPlatforms()).run(prefix,
                        memo.options().withStepState(RunOptions.StepState.CHANGED)));
            } catch (OutOfMemoryError e) {
                rerun = null; // a long scenario on a small heap: the hover goes without the state
                return Map.of();
            }
            rerun = last;
        }
        return last.upTo().stateAfter(index);
    }

    /** A scenario of the latest runs rerun up to a step, with the state each step changed. */
    private record Rerun(ScenarioResult of, ScenarioResult upTo) {
    }

    int resumedRuns() {
        return resumed.get();
    }

    public void onFinished(Consumer<Finished> listener) {
        this.listener = listener;
    }

    /** A file with errors is not run: any older run of it is abandoned. */
    void notRun(URI uri, String reason) {
        generations.merge(uri, 1L, Long::sum);
        prepared.remove(uri);
        latest.put(uri, new Snapshot(List.of(), List.of(), reason));
    }

    /** A file without errors whose run waits for the end of the build that validated it. */
    private record Prepared(PmdlFile file, long generation, List<Issue> staticIssues, RunIssues.LineStarts lines) {
    }

    /** Readies the run of a file without errors, superseding any older run of it; {@link #startPrepared} starts it. */
    void prepare(PmdlFile file, URI uri, List<Issue> staticIssues, RunIssues.LineStarts lines) {
        long generation = generations.merge(uri, 1L, Long::sum);
        prepared.put(uri, new Prepared(file, generation, staticIssues, lines));
    }

    /**
     * Called at the end of a build, after it published its static diagnostics and while its ASTs are still stable:
     * compiles the prepared files here and runs them on the runner thread.
     */
    void startPrepared() {
        for (URI uri : List.copyOf(prepared.keySet())) {
            Prepared ready = prepared.remove(uri);
            if (ready == null) {
                continue;
            }
            PmdlCompiler.CompiledFile compiled = compile(ready.file(), uri);
            if (compiled == null) {
                // not runnable after all: withdraw the previous run's findings published with the static issues
                listener.accept(new Finished(uri, ready.staticIssues()));
                continue;
            }
            runner.execute(() -> {
                BooleanSupplier stale = () -> generations.getOrDefault(uri, 0L) != ready.generation();
                Map<String, Memo> before = memos.getOrDefault(uri, Map.of());
                Snapshot snapshot;
                try {
                    snapshot = run(compiled, uri, live, stale, paused.getOrDefault(uri, Map.of()));
                } catch (OutOfMemoryError e) {
                    // the run's garbage went with its stack; the server and the document stay, told on line 1
                    failed(uri, "running (out of memory; give the server more heap)", e);
                    snapshot = new Snapshot(List.of(), List.of(PmdlAnalyzer.outOfMemory("running its scenarios",
                            new SourceRef(1, 1, 1, 1))), latest(uri).notRun());
                }
                if (stale.getAsBoolean()) {
                    return;
                }
                List<Issue> issues = new ArrayList<>(ready.staticIssues());
                if (snapshot != null) {
                    issues.addAll(RunIssues.of(snapshot.diagnostics(), ready.lines()));
                }
                listener.accept(new Finished(uri, issues)); // a failed run withdraws the previous run's findings
                if (snapshot != null) {
                    try {
                        pause(uri, before, live, compiled.platforms(), stale);
                    } catch (RuntimeException | OutOfMemoryError e) {
                        paused.remove(uri); // the next run runs whole, and reports what failed
                    }
                }
            });
        }
    }

    /** Compiles and runs a file now, on the caller's thread (the {@code pmdl.run} command). */
    Snapshot runNow(PmdlFile file, URI uri, RunOptions options, BooleanSupplier cancelled) {
        PmdlCompiler.CompiledFile compiled = compile(file, uri);
        // not from the paused runs: they belong to the runner thread
        return compiled == null ? latest(uri) : run(compiled, uri, options, cancelled, Map.of());
    }

    private PmdlCompiler.CompiledFile compile(PmdlFile file, URI uri) {
        String brokenImport = brokenImport(file);
        if (brokenImport != null) {
            latest.put(uri, new Snapshot(List.of(), List.of(), "not run: \"" + brokenImport + "\" has syntax errors"));
            return null;
        }
        try {
            return compiler.compile(file);
        } catch (RuntimeException e) {
            return failed(uri, "compiling", e);
        }
    }

    /**
     * A scenario's run and what it depended on: the compiled scenario (its steps and their source positions), the
     * platforms it can boot (its own and those of its {@code reboot into} steps, each with what it imports and
     * extends compiled in) and the options. The model is records throughout, so equal inputs give an equal run.
     */
    private record Memo(ScenarioSpec scenario, Map<String, Optional<PlatformSpec>> platforms, RunOptions options,
            ScenarioResult result, List<Diagnostic> diagnostics) {
        boolean ranOn(ScenarioSpec scenario, Map<String, Optional<PlatformSpec>> platforms, RunOptions options) {
            return this.scenario.equals(scenario) && this.options.equals(options) && this.platforms.equals(platforms);
        }

        /** The platforms it can boot that are declared: all the scenario's run needs. */
        Map<String, PlatformSpec> declaredPlatforms() {
            Map<String, PlatformSpec> declared = new HashMap<>();
            platforms.forEach((name, platform) -> platform.ifPresent(p -> declared.put(name, p)));
            return declared;
        }
    }

    /** The platforms {@code scenario} can boot, by name (empty: not declared). */
    private static Map<String, Optional<PlatformSpec>> bootable(ScenarioSpec scenario,
            Map<String, PlatformSpec> platforms) {
        Map<String, Optional<PlatformSpec>> bootable = new LinkedHashMap<>();
        bootable.put(scenario.platform(), Optional.ofNullable(platforms.get(scenario.platform())));
        for (ScenarioStep step : scenario.steps()) {
            if (step.action() instanceof Action.Reboot reboot && reboot.intoPlatform() != null) {
                bootable.put(reboot.intoPlatform(), Optional.ofNullable(platforms.get(reboot.intoPlatform())));
            }
        }
        return bootable;
    }

    /**
     * A run of {@code scenario}'s first steps, those before its last edit (fewer when the next edit came first), with
     * the inputs it ran on. It stays paused: every later run whose scenario has the same header and first
     * {@code run.stepsRun()} steps and the same inputs goes on from a copy of it ({@link SteppedRun#copy}). The
     * copy for the next edit is made after the run that paused it, between edits ({@link #spare}).
     */
    private static final class Paused {
        private final ScenarioSpec scenario;
        private final Map<String, Optional<PlatformSpec>> platforms;
        private final RunOptions options;
        private final SteppedRun run;
        /** A copy of {@link #run} made ahead of the next edit, which takes it; null when taken or not yet made. */
        private SteppedRun spare;

        Paused(ScenarioSpec scenario, Map<String, Optional<PlatformSpec>> platforms, RunOptions options,
                SteppedRun run) {
            this.scenario = scenario;
            this.platforms = platforms;
            this.options = options;
            this.run = run;
        }

        /** A run paused where this one is, to go on from: the copy made ahead of time, else one made now. */
        SteppedRun copy() {
            SteppedRun copy = spare != null ? spare : run.copy();
            spare = null;
            return copy;
        }

        void copyAhead() {
            if (spare == null) {
                spare = run.copy();
            }
        }

        boolean leadsTo(ScenarioSpec next, Map<String, Optional<PlatformSpec>> platforms, RunOptions options) {
            int done = run.stepsRun();
            // a first step that is a boot decides whether the run booted at its start
            return done > 0 && done <= next.steps().size() && next.name().equals(scenario.name())
                    && next.platform().equals(scenario.platform()) && next.source().equals(scenario.source())
                    && this.options.equals(options) && this.platforms.equals(platforms)
                    && firstDifference(scenario.steps(), next.steps()) >= done;
        }
    }

    /** The index of the first step that differs (the shorter list's size when one is the other's start). */
    private static int firstDifference(List<ScenarioStep> before, List<ScenarioStep> after) {
        int n = Math.min(before.size(), after.size());
        for (int i = 0; i < n; i++) {
            if (!before.get(i).equals(after.get(i))) {
                return i;
            }
        }
        return n;
    }

    /**
     * Runs every scenario whose inputs changed since the file's last finished run and reuses the others' results; a
     * scenario with a run {@code paused} in its unchanged first steps goes on from a copy of that run. Null when
     * {@code cancelled} turned true on the way (the previous results stay).
     */
    private Snapshot run(PmdlCompiler.CompiledFile compiled, URI uri, RunOptions options, BooleanSupplier cancelled,
            Map<String, Paused> paused) {
        try {
            Engine engine = new Engine(compiled.platforms());
            Map<String, Memo> previous = memos.getOrDefault(uri, Map.of());
            Map<String, Memo> runs = new LinkedHashMap<>();
            List<ScenarioResult> results = new ArrayList<>();
            List<Diagnostic> diagnostics = new ArrayList<>();
            for (ScenarioSpec scenario : compiled.scenarios()) {
                if (cancelled.getAsBoolean()) {
                    return null;
                }
                Map<String, Optional<PlatformSpec>> platforms = bootable(scenario, compiled.platforms());
                Memo memo = previous.get(scenario.name());
                if (memo == null || !memo.ranOn(scenario, platforms, options)) {
                    Paused from = paused.get(scenario.name());
                    ScenarioResult result;
                    try {
                        if (from != null && from.leadsTo(scenario, platforms, options)) {
                            resumed.incrementAndGet();
                            result = goOn(from.copy(), scenario, cancelled); // the paused run stays as it is
                            if (result == null) {
                                return null;
                            }
                        } else {
                            result = engine.run(scenario, options);
                        }
                    } catch (OutOfMemoryError e) {
                        // its states went with its stack: the scenario says why it has no result, the others run
                        diagnostics.add(PmdlAnalyzer.outOfMemory("running scenario " + scenario.name(),
                                scenario.source()));
                        continue;
                    }
                    memo = new Memo(scenario, platforms, options, result, PmdlAnalyzer.fromRun(result));
                }
                runs.put(scenario.name(), memo);
                results.add(memo.result());
                diagnostics.addAll(memo.diagnostics());
            }
            if (cancelled.getAsBoolean()) {
                return null;
            }
            memos.put(uri, runs);
            Snapshot snapshot = new Snapshot(List.copyOf(results), List.copyOf(diagnostics), null);
            latest.put(uri, snapshot);
            return snapshot;
        } catch (RuntimeException e) {
            return failed(uri, "running", e);
        }
    }

    /** The rest of {@code scenario}'s steps on a run that has run its first ones; null when cancelled on the way. */
    private static ScenarioResult goOn(SteppedRun run, ScenarioSpec scenario, BooleanSupplier cancelled) {
        List<ScenarioStep> steps = scenario.steps();
        for (int i = run.stepsRun(); i < steps.size(); i++) {
            if (cancelled.getAsBoolean()) {
                return null;
            }
            run.advance(steps.get(i));
        }
        return run.result();
    }

    /**
     * After a run: for each scenario it ran again, a run paused before the first step the edit changed, made now,
     * before the next edit, and stopped where it is when that edit arrives ({@code newer}). The run paused before an
     * earlier step of the same scenario goes on to there; any other starts from the beginning. Typing goes on where
     * it was, so the next run mostly only has the edited step and those after it to run, on the copy made here.
     */
    private void pause(URI uri, Map<String, Memo> before, RunOptions options, Map<String, PlatformSpec> platforms,
            BooleanSupplier newer) {
        Map<String, Memo> runs = memos.getOrDefault(uri, Map.of());
        Map<String, Paused> kept = paused.computeIfAbsent(uri, u -> new ConcurrentHashMap<>());
        kept.keySet().retainAll(runs.keySet()); // the scenarios the file no longer has
        for (Memo memo : runs.values()) {
            Memo old = before.get(memo.scenario().name());
            if (old == null || old == memo || memo.scenario().steps().isEmpty()) {
                continue;
            }
            ScenarioSpec scenario = memo.scenario();
            int upTo = Math.max(1, firstDifference(old.scenario().steps(), scenario.steps()));
            Paused earlier = kept.get(scenario.name());
            SteppedRun run = earlier != null && earlier.leadsTo(scenario, memo.platforms(), options)
                    && earlier.run.stepsRun() <= upTo ? earlier.run : new SteppedRun(platforms, scenario, options);
            Paused now = new Paused(scenario, memo.platforms(), options, run);
            kept.put(scenario.name(), now);
            for (int i = run.stepsRun(); i < Math.min(upTo, scenario.steps().size()); i++) {
                if (newer.getAsBoolean()) {
                    return;
                }
                run.advance(scenario.steps().get(i));
            }
            if (newer.getAsBoolean()) {
                return;
            }
            now.copyAhead(); // the next edit's copy, made while the editor is idle
        }
    }

    /** The model must not take the editor down with it; the code lens and hover show why nothing ran. */
    private <T> T failed(URI uri, String what, Throwable e) {
        System.err.println("pmdl lsp: " + what + " " + uri + " failed: " + e);
        latest.put(uri, new Snapshot(List.of(), List.of(), "not run: the model failed " + what + " it: " + e));
        return null;
    }

    /** Imports are compiled with the file; one that does not even parse cannot be compiled. */
    private static String brokenImport(PmdlFile file) {
        for (Import imp : file.getImports()) {
            Resource imported = Imports.load(imp);
            if (imported != null && !imported.getErrors().isEmpty()) {
                return imp.getImportURI();
            }
        }
        return null;
    }
}
