package org.pmdl.cli;

import java.util.List;
import org.pmdl.dsl.analysis.Diagnostic;
import org.pmdl.dsl.analysis.FileAnalysis;
import org.pmdl.model.engine.ScenarioResult;
import org.pmdl.model.engine.ScenarioStatus;
import org.pmdl.model.rules.Severity;

/** What the presenters format: each file as the user named it, with its analysis. */
final class Report {
    private Report() {
    }

    record FileReport(String path, FileAnalysis analysis) {
    }

    /** Totals over the reports: the text report's last line, and the JSON report's {@code summary}. */
    record Totals(int files, int errors, int warnings, int infos, int[] byStatus, int steps) {
        static Totals of(List<Report.FileReport> reports) {
            int errors = 0;
            int warnings = 0;
            int infos = 0;
            int steps = 0;
            int[] byStatus = new int[ScenarioStatus.values().length];
            for (Report.FileReport report : reports) {
                for (Diagnostic d : report.analysis().diagnostics()) {
                    errors += d.severity() == Severity.ERROR ? 1 : 0;
                    warnings += d.severity() == Severity.WARNING ? 1 : 0;
                    infos += d.severity() == Severity.INFO ? 1 : 0;
                }
                for (ScenarioResult scenario : report.analysis().scenarios()) {
                    byStatus[scenario.status().ordinal()]++;
                    steps += scenario.steps().size();
                }
            }
            return new Totals(reports.size(), errors, warnings, infos, byStatus, steps);
        }

        int scenarios(ScenarioStatus status) {
            return byStatus[status.ordinal()];
        }
    }
}
