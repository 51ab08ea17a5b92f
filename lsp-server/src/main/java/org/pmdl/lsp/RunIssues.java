package org.pmdl.lsp;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.validation.CheckType;
import org.eclipse.xtext.validation.Issue;
import org.pmdl.dsl.analysis.Diagnostic;
import org.pmdl.dsl.analysis.PmdlAnalyzer;
import org.pmdl.dsl.analysis.RuleControl;

/**
 * A run's findings as Xtext issues, so that Xtext's diagnostics conversion and publishing handle them too; and the
 * document's rule control applied to them and to the static issues (disabled rules left out, --error'd ones up).
 */
final class RunIssues {
    /** Marks a run finding's issue data: {@code [RUN_FINDING, cited kernel source]}. */
    static final String RUN_FINDING = "pmdl-run";

    private RunIssues() {
    }

    /** The run's findings as reported under the document's rule control. */
    static List<Issue> of(List<Diagnostic> diagnostics, LineStarts lines) {
        List<Issue> issues = new ArrayList<>();
        for (Diagnostic d : diagnostics) {
            lines.rules().reported(d.rule(), d.range().line(), d.severity()).ifPresent(severity -> issues.add(toIssue(
                    new Diagnostic(d.rule(), severity, d.range(), d.message(), d.source()), lines)));
        }
        return issues;
    }

    /**
     * The static issues as reported under the document's rule control, with the control's own problems (unknown
     * rules in comments, the configuration's mistakes).
     */
    static List<Issue> reported(List<Issue> issues, LineStarts lines) {
        List<Issue> reported = new ArrayList<>();
        for (Issue issue : issues) {
            int line = issue.getLineNumber() == null ? 1 : issue.getLineNumber();
            var shown = lines.rules().reported(PmdlAnalyzer.ruleOf(issue).id(), line, modelSeverity(issue));
            if (shown.isPresent()) {
                if (shown.get() == org.pmdl.model.rules.Severity.ERROR && issue instanceof Issue.IssueImpl turnedUp) {
                    turnedUp.setSeverity(Severity.ERROR); // a fresh issue of this validation: no one else holds it
                }
                reported.add(issue);
            }
        }
        reported.addAll(of(lines.rules().problems(), lines));
        return reported;
    }

    private static org.pmdl.model.rules.Severity modelSeverity(Issue issue) {
        return switch (issue.getSeverity()) {
            case ERROR -> org.pmdl.model.rules.Severity.ERROR;
            case WARNING -> org.pmdl.model.rules.Severity.WARNING;
            default -> org.pmdl.model.rules.Severity.INFO;
        };
    }

    private static Issue toIssue(Diagnostic diagnostic, LineStarts lines) {
        Issue.IssueImpl issue = new Issue.IssueImpl();
        issue.setCode(diagnostic.rule());
        issue.setMessage(diagnostic.message());
        issue.setSeverity(switch (diagnostic.severity()) {
            case ERROR -> Severity.ERROR;
            case WARNING -> Severity.WARNING;
            default -> Severity.INFO;
        });
        var range = diagnostic.range();
        issue.setLineNumber(range.line());
        issue.setColumn(range.column());
        issue.setLineNumberEnd(range.endLine());
        issue.setColumnEnd(range.endColumn());
        int start = lines.offset(range.line(), range.column());
        issue.setOffset(start);
        issue.setLength(Math.max(0, lines.offset(range.endLine(), range.endColumn()) - start));
        issue.setType(CheckType.NORMAL);
        issue.setData(new String[] {RUN_FINDING, diagnostic.source()});
        return issue;
    }

    /** 1-based line/column to offset, for the few findings a run has; and the document's rule control. */
    static final class LineStarts {
        private final int[] starts;
        private final int length;
        private final RuleControl rules;

        LineStarts(String text, RuleControl rules) {
            this.rules = rules;
            length = text.length();
            starts = IndexedDocument.lineStarts(text);
        }

        RuleControl rules() {
            return rules;
        }

        int offset(int line, int column) {
            if (line < 1) {
                return 0;
            }
            int start = starts[Math.min(line, starts.length) - 1];
            return Math.min(length, start + Math.max(0, column - 1));
        }
    }
}
