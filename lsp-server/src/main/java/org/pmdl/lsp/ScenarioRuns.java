package org.pmdl.lsp;

import com.google.inject.Singleton;
import java.util.ArrayList;
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
import org.pmdl.model.engine.Engine;
import org.pmdl.model.engine.RunOptions;
import org.pmdl.model.engine.ScenarioResult;
import org.pmdl.model.scenario.ScenarioSpec;

/**
 * Runs of the scenarios of every file the server validates, and their latest results (for hover, inlay hints and
 * code lenses). A build compiles a file without errors under Xtext's lock ({@link #prepare}); once the build has
 * published its static diagnostics, the run itself happens on this class's own thread ({@link #startPrepared}),
 * bounded by {@link #LIVE} and abandoned as soon as a newer edit of the file arrives. A finished run is handed to
 * the {@linkplain #onFinished listener} with the file's static issues plus the run's findings, to publish.
 */
@Singleton
public class ScenarioRuns {
    /** Crash states one crash step may explore on a keystroke run; the CLI's default is 100,000. */
    public static final RunOptions LIVE = new RunOptions(null, 10_000);

    /**
     * @param scenarios   results in the order the file declares its scenarios
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
    private final Map<URI, Runnable> prepared = new ConcurrentHashMap<>();
    private final ExecutorService runner = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "pmdl-scenario-runs");
        thread.setDaemon(true);
        return thread;
    });
    private final PmdlCompiler compiler = new PmdlCompiler();
    private volatile Consumer<Finished> listener = finished -> {
    };

    public Snapshot latest(URI uri) {
        return latest.getOrDefault(uri, Snapshot.NOT_YET);
    }

    /** The latest results of every scenario on {@code platform}, in whichever file they are written. */
    public List<ScenarioResult> scenariosOn(String platform) {
        return latest.values().stream().flatMap(s -> s.scenarios().stream())
                .filter(s -> s.platform().equals(platform)).toList();
    }

    public void onFinished(Consumer<Finished> listener) {
        this.listener = listener;
    }

    void notRun(URI uri, String reason) {
        generations.merge(uri, 1L, Long::sum);
        prepared.remove(uri);
        latest.put(uri, new Snapshot(List.of(), List.of(), reason));
    }

    /**
     * Compiles a file without errors (inside the build, while its AST is stable) and readies its run; the run starts
     * with {@link #startPrepared}. Returns false, recording why, when the file cannot be compiled.
     */
    boolean prepare(PmdlFile file, URI uri, List<Issue> staticIssues, RunIssues.LineStarts lines) {
        PmdlCompiler.CompiledFile compiled = compile(file, uri);
        if (compiled == null) {
            return false;
        }
        long generation = generations.merge(uri, 1L, Long::sum);
        prepared.put(uri, () -> {
            BooleanSupplier stale = () -> generations.getOrDefault(uri, 0L) != generation;
            Snapshot snapshot = run(compiled, uri, LIVE, stale);
            if (snapshot != null) {
                List<Issue> issues = new ArrayList<>(staticIssues);
                issues.addAll(RunIssues.of(snapshot.diagnostics(), lines));
                listener.accept(new Finished(uri, issues));
            }
        });
        return true;
    }

    /** Starts the prepared runs; called after a build has published its diagnostics. */
    void startPrepared() {
        for (URI uri : List.copyOf(prepared.keySet())) {
            Runnable run = prepared.remove(uri);
            if (run != null) {
                runner.execute(run);
            }
        }
    }

    /** Compiles and runs a file now, on the caller's thread (the {@code pmdl.run} command). */
    Snapshot runNow(PmdlFile file, URI uri, RunOptions options, BooleanSupplier cancelled) {
        PmdlCompiler.CompiledFile compiled = compile(file, uri);
        return compiled == null ? latest(uri) : run(compiled, uri, options, cancelled);
    }

    private PmdlCompiler.CompiledFile compile(PmdlFile file, URI uri) {
        String brokenImport = brokenImport(file);
        if (brokenImport != null) {
            notRun(uri, "not run: \"" + brokenImport + "\" has syntax errors");
            return null;
        }
        try {
            return compiler.compile(file);
        } catch (RuntimeException e) {
            return failed(uri, "compiling", e);
        }
    }

    /** Runs every scenario; null when {@code cancelled} turned true on the way (the previous results stay). */
    private Snapshot run(PmdlCompiler.CompiledFile compiled, URI uri, RunOptions options, BooleanSupplier cancelled) {
        try {
            Engine engine = new Engine(compiled.platforms());
            List<ScenarioResult> results = new ArrayList<>();
            List<Diagnostic> diagnostics = new ArrayList<>();
            for (ScenarioSpec scenario : compiled.scenarios()) {
                if (cancelled.getAsBoolean()) {
                    return null;
                }
                ScenarioResult result = engine.run(scenario, options);
                results.add(result);
                diagnostics.addAll(PmdlAnalyzer.fromRun(result));
            }
            if (cancelled.getAsBoolean()) {
                return null;
            }
            Snapshot snapshot = new Snapshot(List.copyOf(results), List.copyOf(diagnostics), null);
            latest.put(uri, snapshot);
            return snapshot;
        } catch (RuntimeException e) {
            return failed(uri, "running", e);
        }
    }

    /** The model must not take the editor down with it; the code lens and hover show why nothing ran. */
    private <T> T failed(URI uri, String what, RuntimeException e) {
        System.err.println("pmdl lsp: " + what + " " + uri + " failed: " + e);
        notRun(uri, "not run: the model failed " + what + " it: " + e);
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
