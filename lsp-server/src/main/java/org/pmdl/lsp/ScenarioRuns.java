package org.pmdl.lsp;

import com.google.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.util.CancelIndicator;
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
 * The latest run of every file the server has validated. Runs happen inside the build (after static validation,
 * on Xtext's build thread, cancelled by the next edit); hover, inlay hints and code lenses only read the result.
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
        static final Snapshot NOT_YET = new Snapshot(List.of(), List.of(), "not validated yet");

        public Optional<ScenarioResult> scenario(String name) {
            return scenarios.stream().filter(s -> s.name().equals(name)).findFirst();
        }
    }

    private final Map<URI, Snapshot> latest = new ConcurrentHashMap<>();
    private final PmdlCompiler compiler = new PmdlCompiler();

    public Snapshot latest(URI uri) {
        return latest.getOrDefault(uri, Snapshot.NOT_YET);
    }

    /** The latest results of every scenario on {@code platform}, in whichever file they are written. */
    public List<ScenarioResult> scenariosOn(String platform) {
        return latest.values().stream().flatMap(s -> s.scenarios().stream())
                .filter(s -> s.platform().equals(platform)).toList();
    }

    void notRun(URI uri, String reason) {
        latest.put(uri, new Snapshot(List.of(), List.of(), reason));
    }

    /** Compiles and runs every scenario of a file without errors; null when cancelled (the old run stays). */
    Snapshot run(PmdlFile file, URI uri, RunOptions options, CancelIndicator cancel) {
        Snapshot snapshot;
        String brokenImport = brokenImport(file);
        if (brokenImport != null) {
            snapshot = new Snapshot(List.of(), List.of(), "\"" + brokenImport + "\" has syntax errors");
        } else {
            try {
                PmdlCompiler.CompiledFile compiled = compiler.compile(file);
                Engine engine = new Engine(compiled.platforms());
                List<ScenarioResult> results = new ArrayList<>();
                List<Diagnostic> diagnostics = new ArrayList<>();
                for (ScenarioSpec scenario : compiled.scenarios()) {
                    if (cancel.isCanceled()) {
                        return null;
                    }
                    ScenarioResult result = engine.run(scenario, options);
                    results.add(result);
                    diagnostics.addAll(PmdlAnalyzer.fromRun(result));
                }
                snapshot = new Snapshot(List.copyOf(results), List.copyOf(diagnostics), null);
            } catch (RuntimeException e) {
                // the model must not take the editor down with it; the code lens shows why nothing ran
                System.err.println("pmdl lsp: running " + uri + " failed: " + e);
                snapshot = new Snapshot(List.of(), List.of(), "the model failed: " + e);
            }
        }
        latest.put(uri, snapshot);
        return snapshot;
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
