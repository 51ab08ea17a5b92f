package org.pmdl.lsp;

import com.google.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.CheckType;
import org.eclipse.xtext.validation.Issue;
import org.eclipse.xtext.validation.ResourceValidatorImpl;
import org.pmdl.dsl.analysis.Diagnostic;
import org.pmdl.dsl.pmdl.PmdlFile;

/**
 * The language server's validation: static checks, then, for a file without errors, a run of its scenarios whose
 * findings (unmet expectations, refused steps, crash-consistency violations) become diagnostics at their steps.
 */
public class RunningResourceValidator extends ResourceValidatorImpl {
    /** Marks a run finding's issue data: {@code [RUN_FINDING, cited kernel source]}. */
    static final String RUN_FINDING = "pmdl-run";

    @Inject
    private ScenarioRuns runs;

    @Override
    public List<Issue> validate(Resource resource, CheckMode mode, CancelIndicator cancel) {
        List<Issue> issues = super.validate(resource, mode, cancel);
        if (cancel.isCanceled() || !(resource instanceof XtextResource xtext) || xtext.getParseResult() == null
                || resource.getContents().isEmpty() || !(resource.getContents().get(0) instanceof PmdlFile file)) {
            return issues;
        }
        if (issues.stream().anyMatch(i -> i.getSeverity() == Severity.ERROR)) {
            runs.notRun(resource.getURI(), "not run: the file has errors");
            return issues;
        }
        ScenarioRuns.Snapshot snapshot = runs.run(file, resource.getURI(), ScenarioRuns.LIVE, cancel);
        if (snapshot == null || snapshot.diagnostics().isEmpty()) {
            return issues;
        }
        LineStarts lines = new LineStarts(xtext.getParseResult().getRootNode().getText());
        List<Issue> all = new ArrayList<>(issues);
        for (Diagnostic diagnostic : snapshot.diagnostics()) {
            all.add(toIssue(diagnostic, lines));
        }
        return all;
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
    private static final class LineStarts {
        private final int[] starts;
        private final int length;

        LineStarts(String text) {
            length = text.length();
            int[] found = new int[64];
            int count = 1;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    if (count == found.length) {
                        found = java.util.Arrays.copyOf(found, count * 2);
                    }
                    found[count++] = i + 1;
                }
            }
            starts = java.util.Arrays.copyOf(found, count);
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
