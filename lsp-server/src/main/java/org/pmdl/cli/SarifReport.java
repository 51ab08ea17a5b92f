package org.pmdl.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.pmdl.dsl.analysis.Diagnostic;
import org.pmdl.dsl.analysis.RuleLinks;
import org.pmdl.model.rules.Rule;
import org.pmdl.model.rules.Rules;
import org.pmdl.model.rules.Severity;

/**
 * SARIF 2.1.0 ({@code --format sarif}) for GitHub code scanning: one run whose driver lists every rule of the
 * catalog with its help text, and one result per diagnostic, located by a repository-relative path under
 * {@code %SRCROOT%} and fingerprinted with {@link Fingerprints} so that alerts survive unrelated edits. With a
 * baseline, {@code baselineState} says which results are new.
 */
final class SarifReport {
    static final String FINGERPRINT = "pmdlFindingHash/v1";
    private static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    private static final String INFORMATION_URI = "https://github.com/pmdl/pmdl";

    private SarifReport() {
    }

    /** @param baseline fingerprints accepted by {@code --baseline}, or null without one */
    static void write(List<Report.FileReport> reports, Set<String> baseline, String version, PrintStream out) {
        List<String> ruleIds = new ArrayList<>(Rules.all().keySet());
        JsonObject driver = new JsonObject();
        driver.addProperty("name", "pmdl");
        driver.addProperty("semanticVersion", version);
        driver.addProperty("informationUri", INFORMATION_URI);
        JsonArray rules = new JsonArray();
        for (Rule rule : Rules.all().values()) {
            rules.add(rule(rule));
        }
        driver.add("rules", rules);
        JsonObject tool = new JsonObject();
        tool.add("driver", driver);

        JsonArray results = new JsonArray();
        for (Report.FileReport report : reports) {
            List<String> fingerprints = Fingerprints.of(report);
            List<Diagnostic> diagnostics = report.analysis().diagnostics();
            for (int i = 0; i < diagnostics.size(); i++) {
                results.add(result(report.path(), diagnostics.get(i), ruleIds, fingerprints.get(i), baseline));
            }
        }
        JsonObject run = new JsonObject();
        run.add("tool", tool);
        JsonObject automation = new JsonObject();
        automation.addProperty("id", "pmdl/");
        run.add("automationDetails", automation);
        run.addProperty("columnKind", "utf16CodeUnits"); // Xtext counts Java chars
        run.add("results", results);
        run.add("properties", profiles(reports));

        JsonObject root = new JsonObject();
        root.addProperty("$schema", SCHEMA);
        root.addProperty("version", "2.1.0");
        JsonArray runs = new JsonArray();
        runs.add(run);
        root.add("runs", runs);
        out.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root));
    }

    /** The kernel profiles and distro configurations the run's scenarios used, each once. */
    private static JsonObject profiles(List<Report.FileReport> reports) {
        JsonArray kernels = new JsonArray();
        JsonArray distros = new JsonArray();
        reports.stream().flatMap(r -> r.analysis().scenarios().stream()).map(s -> s.kernel()).filter(k -> k != null)
                .distinct().forEach(kernels::add);
        reports.stream().flatMap(r -> r.analysis().scenarios().stream()).map(s -> s.distro()).filter(d -> d != null)
                .distinct().forEach(distros::add);
        JsonObject properties = new JsonObject();
        properties.add("kernelProfiles", kernels);
        properties.add("distros", distros);
        return properties;
    }

    private static JsonObject rule(Rule rule) {
        JsonObject json = new JsonObject();
        json.addProperty("id", rule.id());
        String name = pascalCase(rule.id());
        if (!name.equalsIgnoreCase(rule.id())) { // SARIF1001: a name that only repeats the id must be left out
            json.addProperty("name", name);
        }
        json.add("shortDescription", text(rule.summary()));
        json.add("fullDescription", text(rule.summary() + " Follows: " + rule.source() + "."));
        JsonObject help = text(rule.summary() + "\nSource: " + rule.source());
        help.addProperty("markdown", rule.summary() + "\n\nSource: `" + rule.source() + "`");
        json.add("help", help);
        json.addProperty("helpUri", RuleLinks.href(rule.id()).orElseThrow());
        JsonObject configuration = new JsonObject();
        configuration.addProperty("level", level(rule.severity()));
        json.add("defaultConfiguration", configuration);
        JsonObject properties = new JsonObject();
        JsonArray tags = new JsonArray();
        tags.add("pmem");
        tags.add(rule.source().startsWith("PMDL") ? "language" : "kernel-behaviour");
        properties.add("tags", tags);
        properties.addProperty("precision", "high");
        json.add("properties", properties);
        return json;
    }

    private static JsonObject result(String path, Diagnostic d, List<String> ruleIds, String fingerprint,
            Set<String> baseline) {
        JsonObject json = new JsonObject();
        json.addProperty("ruleId", d.rule());
        int index = ruleIds.indexOf(d.rule());
        if (index >= 0) {
            json.addProperty("ruleIndex", index);
        }
        json.addProperty("level", level(d.severity()));
        json.add("message", text(d.message() + " (" + d.source() + ")"));
        JsonObject artifact = new JsonObject();
        String portable = Fingerprints.portablePath(path);
        if (portable.startsWith("/")) {
            artifact.addProperty("uri", Path.of(portable).toUri().toString());
        } else {
            artifact.addProperty("uri", uriReference(portable));
            artifact.addProperty("uriBaseId", "%SRCROOT%");
        }
        JsonObject region = new JsonObject();
        region.addProperty("startLine", d.range().line());
        region.addProperty("startColumn", d.range().column());
        if (d.range().endLine() > d.range().line()
                || (d.range().endLine() == d.range().line() && d.range().endColumn() > d.range().column())) {
            region.addProperty("endLine", d.range().endLine());
            region.addProperty("endColumn", d.range().endColumn());
        }
        JsonObject physical = new JsonObject();
        physical.add("artifactLocation", artifact);
        physical.add("region", region);
        JsonObject location = new JsonObject();
        location.add("physicalLocation", physical);
        JsonArray locations = new JsonArray();
        locations.add(location);
        json.add("locations", locations);
        JsonObject fingerprints = new JsonObject();
        fingerprints.addProperty(FINGERPRINT, fingerprint);
        json.add("partialFingerprints", fingerprints);
        if (baseline != null) {
            json.addProperty("baselineState", baseline.contains(fingerprint) ? "unchanged" : "new");
        }
        return json;
    }

    /** A relative path as a URI reference: "my dir/x.pmdl" becomes "my%20dir/x.pmdl". */
    private static String uriReference(String relativePath) {
        try {
            return new URI(null, null, relativePath, null).toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a path: " + relativePath, e);
        }
    }

    private static JsonObject text(String text) {
        JsonObject json = new JsonObject();
        json.addProperty("text", text);
        return json;
    }

    private static String level(Severity severity) {
        return switch (severity) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }

    /** SARIF's rule name is a readable identifier: ALIGN-NS-SIZE becomes AlignNsSize. */
    private static String pascalCase(String id) {
        StringBuilder name = new StringBuilder();
        for (String part : id.toLowerCase(java.util.Locale.ROOT).split("[^a-z0-9]+")) {
            if (!part.isEmpty()) {
                name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return name.toString();
    }
}
