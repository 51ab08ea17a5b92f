package org.pmdl.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonElement;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.pmdl.dsl.analysis.Diagnostic;
import org.pmdl.model.engine.ScenarioResult;
import org.pmdl.model.engine.ScenarioStatus;
import org.pmdl.model.engine.StepResult;
import org.pmdl.model.scenario.Action;

/**
 * The JSON report, version 1 (language.md §5). Keys that do not apply to a step (errno of a successful step,
 * expectation of a step without one) are left out rather than set to null.
 */
final class JsonReport {
    static final int VERSION = 1;

    private JsonReport() {
    }

    static void write(List<Report.FileReport> reports, PrintStream out) {
        JsonObject root = new JsonObject();
        root.addProperty("version", VERSION);
        JsonArray files = new JsonArray();
        for (Report.FileReport report : reports) {
            files.add(file(report));
        }
        root.add("files", files);
        root.add("summary", summary(Report.Totals.of(reports)));
        out.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root));
    }

    /** The totals the text report prints last (not in language.md §5's version 1; an addition it allows). */
    private static JsonObject summary(Report.Totals totals) {
        JsonObject summary = new JsonObject();
        summary.addProperty("files", totals.files());
        summary.addProperty("errors", totals.errors());
        summary.addProperty("warnings", totals.warnings());
        summary.addProperty("infos", totals.infos());
        JsonObject scenarios = new JsonObject();
        for (ScenarioStatus status : ScenarioStatus.values()) {
            scenarios.addProperty(status.label(), totals.scenarios(status));
        }
        summary.add("scenarios", scenarios);
        summary.addProperty("steps", totals.steps());
        return summary;
    }

    private static JsonObject file(Report.FileReport report) {
        JsonObject file = new JsonObject();
        file.addProperty("path", report.path());
        JsonArray diagnostics = new JsonArray();
        for (Diagnostic d : report.analysis().diagnostics()) {
            JsonObject json = new JsonObject();
            json.addProperty("rule", d.rule());
            json.addProperty("severity", d.severity().label());
            json.addProperty("line", d.range().line());
            json.addProperty("column", d.range().column());
            json.addProperty("endLine", d.range().endLine());
            json.addProperty("endColumn", d.range().endColumn());
            json.addProperty("message", d.message());
            json.addProperty("source", d.source());
            diagnostics.add(json);
        }
        file.add("diagnostics", diagnostics);
        JsonArray scenarios = new JsonArray();
        for (ScenarioResult scenario : report.analysis().scenarios()) {
            scenarios.add(scenario(scenario));
        }
        file.add("scenarios", scenarios);
        return file;
    }

    private static JsonObject scenario(ScenarioResult scenario) {
        JsonObject json = new JsonObject();
        json.addProperty("name", scenario.name());
        json.addProperty("platform", scenario.platform());
        json.addProperty("kernel", scenario.kernel());
        json.addProperty("distro", scenario.distro());
        json.addProperty("status", scenario.status().label());
        JsonArray steps = new JsonArray();
        for (StepResult step : scenario.steps()) {
            steps.add(step(step));
        }
        json.add("steps", steps);
        return json;
    }

    private static JsonObject step(StepResult step) {
        JsonObject json = new JsonObject();
        json.addProperty("line", step.step().source().line());
        json.addProperty("op", step.step().action().op());
        json.addProperty("result", step.ok() ? "ok" : "error");
        if (step.errno() != null) {
            json.addProperty("errno", step.errno());
            if (!step.applied().isEmpty()) { // the decisive rule comes first: which layer refused, and why
                json.addProperty("refusedBy", step.applied().get(0).layer());
                json.addProperty("rule", step.applied().get(0).id());
            }
        }
        JsonArray rules = new JsonArray();
        step.applied().forEach(r -> rules.add(r.id()));
        json.add("rules", rules);
        if (step.step().action() instanceof Action.Ocxl) { // seed, seed+upstream or upstream, per rule (issue 5)
            JsonObject provenance = new JsonObject();
            step.applied().forEach(r -> provenance.addProperty(r.id(), r.provenance()));
            json.add("provenance", provenance);
        }
        json.add("values", values(step.values()));
        JsonArray log = new JsonArray();
        step.log().forEach(log::add);
        json.add("log", log);
        if (!step.hcalls().isEmpty()) { // pseries: the hypervisor and RTAS calls of the step, with return codes
            JsonArray hcalls = new JsonArray();
            step.hcalls().forEach(hcalls::add);
            json.add("hcalls", hcalls);
        }
        if (step.expectation() != null) {
            JsonObject expectation = new JsonObject();
            expectation.addProperty("text", step.expectation().text());
            expectation.addProperty("met", step.expectation().met());
            json.add("expectation", expectation);
            if (step.expectation().counterexample() != null) {
                json.addProperty("counterexample", step.expectation().counterexample());
            }
        }
        return json;
    }

    private static JsonObject values(Map<String, Object> values) {
        JsonObject json = new JsonObject();
        values.forEach((key, value) -> json.add(key, element(value)));
        return json;
    }

    private static JsonElement element(Object value) {
        if (value == null) {
            return JsonNull.INSTANCE;
        }
        if (value instanceof Number number) {
            return new JsonPrimitive(number);
        }
        if (value instanceof Boolean bool) {
            return new JsonPrimitive(bool);
        }
        if (value instanceof List<?> lines) { // a file's lines (/proc/iomem), as cat prints them
            return new JsonPrimitive(String.join("\n", lines.stream().map(String::valueOf).toList()));
        }
        return new JsonPrimitive(value.toString());
    }
}
