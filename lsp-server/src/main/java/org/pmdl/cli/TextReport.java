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
import org.pmdl.model.rules.Severity;

/**
 * Human-readable output: diagnostics as {@code path:line:col: severity: [RULE] message} (language.md §4), then,
 * for {@code run}, every scenario with one line per step and the kernel log lines it produced.
 */
final class TextReport {
    private TextReport() {
    }

    static void write(List<Report.FileReport> reports, boolean run, PrintStream out) {
        int errors = 0;
        int warnings = 0;
        int[] byStatus = new int[ScenarioStatus.values().length];
        for (Report.FileReport report : reports) {
            for (Diagnostic d : report.analysis().diagnostics()) {
                out.println(report.path() + ":" + d.range().line() + ":" + d.range().column() + ": "
                        + d.severity().label() + ": [" + d.rule() + "] " + d.message());
                errors += d.severity() == Severity.ERROR ? 1 : 0;
                warnings += d.severity() == Severity.WARNING ? 1 : 0;
            }
            for (ScenarioResult scenario : report.analysis().scenarios()) {
                byStatus[scenario.status().ordinal()]++;
                writeScenario(report.path(), scenario, out);
            }
        }
        String summary = "pmdl: " + reports.size() + " file(s), " + errors + " error(s), " + warnings + " warning(s)";
        if (run) {
            summary += "; scenarios: " + byStatus[ScenarioStatus.PASS.ordinal()] + " pass, "
                    + byStatus[ScenarioStatus.FAIL.ordinal()] + " fail, "
                    + byStatus[ScenarioStatus.ERROR.ordinal()] + " error";
        }
        out.println(summary);
    }

    private static void writeScenario(String path, ScenarioResult scenario, PrintStream out) {
        out.println("scenario " + scenario.name() + " on " + scenario.platform() + " (kernel " + scenario.kernel()
                + ", distro " + scenario.distro() + ", " + path + "): " + scenario.status().label());
        for (StepResult step : scenario.steps()) {
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
    }

    private static String values(Map<String, Object> values) {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }
}
