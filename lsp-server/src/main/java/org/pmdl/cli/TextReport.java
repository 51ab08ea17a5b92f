package org.pmdl.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.pmdl.dsl.analysis.Diagnostic;
import org.pmdl.model.engine.ScenarioResult;
import org.pmdl.model.engine.ScenarioStatus;
import org.pmdl.model.engine.StepResult;
import org.pmdl.model.rules.Rule;
import org.pmdl.model.rules.Rules;
import org.pmdl.model.rules.Severity;

/**
 * Human-readable output, laid out like a test runner's: diagnostics as {@code path:line:col: severity: [RULE]
 * message} (language.md §4), then, for {@code run}, one line per scenario ({@code ✓}/{@code ✗}, name, steps,
 * findings) followed by the steps that made it fail; {@code -v} prints every step with its kernel log. The
 * totals come last.
 */
final class TextReport {
    private TextReport() {
    }

    /**
     * @param verbose every step of every scenario, not only what failed
     * @param failOnRefused refused steps count as failures (--fail-on refused): show them as a failure's details
     */
    static void write(List<Report.FileReport> reports, boolean run, boolean verbose, boolean failOnRefused,
            PrintStream out) {
        for (Report.FileReport report : reports) {
            for (Diagnostic d : report.analysis().diagnostics()) {
                out.println(report.path() + ":" + d.range().line() + ":" + d.range().column() + ": "
                        + d.severity().label() + ": [" + d.rule() + "] " + d.message());
            }
        }
        for (Report.FileReport report : reports) {
            for (ScenarioResult scenario : report.analysis().scenarios()) {
                boolean failed = scenario.status() != ScenarioStatus.PASS
                        || failOnRefused && scenario.steps().stream().anyMatch(TextReport::refusedUnexpected);
                out.println(headline(report.path(), scenario, failed));
                for (StepResult step : scenario.steps()) {
                    if (verbose || failed && (failedStep(step) || failOnRefused && refusedUnexpected(step))) {
                        writeStep(step, out);
                    }
                }
            }
        }
        Report.Totals totals = Report.Totals.of(reports);
        String summary = "pmdl: " + totals.files() + " file(s), " + totals.errors() + " error(s), "
                + totals.warnings() + " warning(s)";
        if (run) {
            summary += "; scenarios: " + totals.scenarios(ScenarioStatus.PASS) + " pass, "
                    + totals.scenarios(ScenarioStatus.FAIL) + " fail, " + totals.scenarios(ScenarioStatus.ERROR)
                    + " error; " + totals.steps() + " steps";
        }
        out.println(summary);
    }

    /** {@code ✓ labelled_create · 4 steps · 0 findings · qemu_x86, kernel 6.1, distro upstream · examples/x86/labelled.pmdl}. */
    private static String headline(String path, ScenarioResult scenario, boolean failed) {
        int findings = scenario.findings().size();
        return (failed ? "✗ " : "✓ ") + scenario.name()
                + (scenario.status() == ScenarioStatus.PASS ? "" : " (" + scenario.status().label() + ")")
                + " · " + scenario.steps().size() + " step" + (scenario.steps().size() == 1 ? "" : "s")
                + " · " + findings + " finding" + (findings == 1 ? "" : "s")
                + " · " + scenario.platform() + ", kernel " + scenario.kernel() + ", distro " + scenario.distro()
                + " · " + path;
    }

    /** An expectation that did not hold, or a finding at error level (a step the model could not evaluate). */
    private static boolean failedStep(StepResult step) {
        return step.expectation() != null && !step.expectation().met()
                || step.findings().stream().anyMatch(f -> f.severity() == Severity.ERROR);
    }

    /** A refused step that did not say {@code expect error}: a warning, or a failure under --fail-on refused. */
    static boolean refusedUnexpected(StepResult step) {
        return step.findings().stream().anyMatch(f -> f.rule().equals(Rules.STEP_REFUSED));
    }

    private static void writeStep(StepResult step, PrintStream out) {
        StringBuilder line = new StringBuilder();
        line.append(String.format("  %4d  %-18s %s", step.step().source().line(), step.step().action().op(),
                step.ok() ? "ok" : step.errno() == null ? "error" : "error " + step.errno()));
        if (step.errno() != null && !step.applied().isEmpty()) {
            Rule decisive = step.applied().get(0);
            line.append(" (refused by ").append(decisive.layer()).append(": ").append(decisive.id()).append(')');
        }
        if (!step.values().isEmpty()) {
            line.append("  ").append(values(step.values()));
        }
        if (step.expectation() != null) {
            line.append("  [").append(step.expectation().text()).append(": ")
                    .append(step.expectation().met() ? "met" : "NOT MET").append(']');
        }
        out.println(line);
        for (String hcall : step.hcalls()) {
            out.println("          > " + hcall);
        }
        for (String log : step.log()) {
            out.println("          | " + log);
        }
        if (step.expectation() != null && step.expectation().counterexample() != null) {
            out.println("          counterexample: " + step.expectation().counterexample());
        }
    }

    private static String values(Map<String, Object> values) {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }
}
