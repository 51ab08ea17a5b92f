package org.pmdl.lsp;

import com.google.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.CheckType;
import org.eclipse.xtext.validation.Issue;
import org.eclipse.xtext.validation.ResourceValidatorImpl;
import org.pmdl.dsl.analysis.RuleConfig;
import org.pmdl.dsl.analysis.RuleControl;
import org.pmdl.dsl.analysis.RuleSettings;
import org.pmdl.dsl.parser.InputLimits;
import org.pmdl.dsl.pmdl.PmdlFile;

/**
 * The language server's validation: static checks; for a file without errors, also its scenarios' run, prepared
 * here and run after the build (see {@link ScenarioRuns}). Until the new run has finished, the previous run's
 * findings stay published with the new static issues (as rust-analyzer keeps its last check), so they do not
 * flicker away on every keystroke; a file with errors is not run and loses them, as in {@code pmdl run}.
 */
public class RunningResourceValidator extends ResourceValidatorImpl {
    @Inject
    private ScenarioRuns runs;
    @Inject
    private RuleConfigs configs;

    @Override
    public List<Issue> validate(Resource resource, CheckMode mode, CancelIndicator cancel) {
        List<Issue> issues;
        try {
            issues = super.validate(resource, mode, cancel);
        } catch (OutOfMemoryError e) {
            // the checks' garbage went with their stack: say so on the document, and the server serves the others
            runs.notRun(resource.getURI(), "not run: the checks ran out of memory");
            return List.of(outOfMemory());
        }
        if (cancel.isCanceled() || !(resource instanceof XtextResource xtext) || xtext.getParseResult() == null
                || resource.getContents().isEmpty() || !(resource.getContents().get(0) instanceof PmdlFile file)) {
            return issues;
        }
        String text = xtext.getParseResult().getRootNode().getText();
        var lines = new RunIssues.LineStarts(text, ruleControl(resource, text));
        // whether the file runs follows the real checks; disabling and --error only change what is shown
        if (issues.stream().anyMatch(i -> i.getSeverity() == Severity.ERROR)) {
            runs.notRun(resource.getURI(), "not run: the file has errors");
            return RunIssues.reported(issues, lines);
        }
        var previous = runs.latest(resource.getURI()).diagnostics();
        List<Issue> reported = RunIssues.reported(issues, lines);
        runs.prepare(file, resource.getURI(), reported, lines);
        List<Issue> all = new ArrayList<>(reported);
        all.addAll(RunIssues.of(previous, lines));
        return all;
    }

    /** The document's `// pmdl: disable` comments and the .pmdl.json nearest to its file (the workspace's). */
    private RuleControl ruleControl(Resource resource, String text) {
        return ruleControl(configs, resource.getURI(), text);
    }

    /** The same for the document at {@code uri} (code actions offer no fix of a disabled rule). */
    static RuleControl ruleControl(RuleConfigs configs, URI uri, String text) {
        Optional<RuleConfig> config = uri.isFile()
                ? configs.near(Path.of(uri.toFileString()).getParent()) : Optional.empty();
        return RuleControl.of(text, config.map(RuleConfig::settings).orElse(RuleSettings.NONE),
                config.map(RuleConfig::diagnostics).orElse(List.of()));
    }

    /** An INPUT-LIMIT on the first line: the document's checks need more heap than the server has. */
    private static Issue outOfMemory() {
        Issue.IssueImpl issue = new Issue.IssueImpl();
        issue.setCode(InputLimits.RULE);
        issue.setSeverity(Severity.ERROR);
        issue.setMessage(InputLimits.outOfMemory("checking it"));
        issue.setLineNumber(1);
        issue.setColumn(1);
        issue.setLineNumberEnd(1);
        issue.setColumnEnd(1);
        issue.setOffset(0);
        issue.setLength(0);
        issue.setType(CheckType.FAST);
        return issue;
    }
}
