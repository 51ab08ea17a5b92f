package org.pmdl.lsp;

import com.google.gson.JsonElement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;
import org.pmdl.dsl.pmdl.PmdlFile;
import org.pmdl.model.engine.RunOptions;
import org.pmdl.model.engine.ScenarioResult;

/**
 * {@code pmdl.run [uri, scenario]}: runs the document's scenarios with the client's run options (by default the
 * CLI's exploration bound (inside a read
 * request, off the JSON-RPC thread) and answers the named one's status, step count and findings; the code lens
 * then shows the new result.
 */
final class RunCommand {
    static final String ID = "pmdl.run";

    private RunCommand() {
    }

    /** The document URI the command names, or null when its arguments are not {@code [uri, scenario]}. */
    static String uri(List<Object> arguments) {
        return arguments == null || arguments.size() != 2 ? null : text(arguments.get(0));
    }

    static Map<String, Object> run(XtextResource resource, List<Object> arguments, ScenarioRuns runs,
            RunOptions options, CancelIndicator cancel) {
        String scenario = text(arguments.get(1));
        if (resource.getContents().isEmpty() || !(resource.getContents().get(0) instanceof PmdlFile file)) {
            return Map.of("error", "not a PMDL document");
        }
        // the build before this request validated the document: NOT_YET means its live run is still pending
        var latest = runs.latest(resource.getURI());
        String notRun = latest.notRun();
        if (notRun != null && latest != ScenarioRuns.Snapshot.NOT_YET) {
            return Map.of("error", notRun);
        }
        var snapshot = runs.runNow(file, resource.getURI(), options.withStepState(RunOptions.StepState.NONE),
                cancel::isCanceled);
        if (snapshot == null) {
            return Map.of("error", "cancelled");
        }
        if (snapshot.notRun() != null) {
            return Map.of("error", snapshot.notRun());
        }
        return snapshot.scenario(scenario).map(RunCommand::report).orElseGet(() -> Map.of("error",
                snapshot.notRun() != null ? snapshot.notRun() : "no scenario named '" + scenario + "'"));
    }

    private static Map<String, Object> report(ScenarioResult result) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("scenario", result.name());
        report.put("status", result.status().label());
        report.put("steps", result.steps().size());
        report.put("summary", ScenarioLenses.describe(result));
        report.put("findings", result.findings().stream().map(f -> f.rule().id() + ": " + f.message()).toList());
        return report;
    }

    /** LSP4J hands untyped arguments over as JSON elements. */
    static String text(Object argument) {
        return argument instanceof JsonElement json && json.isJsonPrimitive() ? json.getAsString()
                : String.valueOf(argument);
    }
}
