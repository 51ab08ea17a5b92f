package org.pmdl.lsp;

import java.util.Arrays;
import java.util.List;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.validation.CheckType;
import org.eclipse.xtext.validation.Issue;
import org.pmdl.dsl.analysis.Diagnostic;

/** A run's findings as Xtext issues, so that Xtext's diagnostics conversion and publishing handle them too. */
final class RunIssues {
    /** Marks a run finding's issue data: {@code [RUN_FINDING, cited kernel source]}. */
    static final String RUN_FINDING = "pmdl-run";

    private RunIssues() {
    }

    static List<Issue> of(List<Diagnostic> diagnostics, LineStarts lines) {
        return diagnostics.stream().map(d -> toIssue(d, lines)).toList();
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

    /** 1-based line/column to offset, for the few findings a run has. */
    static final class LineStarts {
        private final int[] starts;
        private final int length;

        LineStarts(String text) {
            length = text.length();
            int[] found = new int[64];
            int count = 1;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    if (count == found.length) {
                        found = Arrays.copyOf(found, count * 2);
                    }
                    found[count++] = i + 1;
                }
            }
            starts = Arrays.copyOf(found, count);
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
