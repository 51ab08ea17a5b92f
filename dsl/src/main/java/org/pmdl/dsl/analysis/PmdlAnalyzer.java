package org.pmdl.dsl.analysis;

import com.google.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.diagnostics.Diagnostic;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.ResourceValidatorImpl;
import org.eclipse.xtext.validation.Issue;
import org.pmdl.dsl.compiler.PmdlCompiler;
import org.pmdl.dsl.compiler.SourceRefs;
import org.pmdl.dsl.lang.Imports;
import org.pmdl.dsl.parser.InputLimits;
import org.pmdl.dsl.pmdl.Import;
import org.pmdl.dsl.pmdl.PmdlFile;
import org.pmdl.model.SourceRef;
import org.pmdl.model.engine.Engine;
import org.pmdl.model.engine.RunOptions;
import org.pmdl.model.engine.ScenarioResult;
import org.pmdl.model.engine.StepResult;
import org.pmdl.model.rules.Finding;
import org.pmdl.model.rules.Rule;
import org.pmdl.model.rules.Rules;
import org.pmdl.model.rules.Severity;
import org.pmdl.model.rules.Unresolved;
import org.pmdl.model.scenario.ScenarioSpec;

/**
 * The one pipeline behind every front end: validate a loaded file, and if it is clean, compile it to the model
 * and run its scenarios. Presenters (CLI text/JSON, LSP) only format what this returns.
 */
public class PmdlAnalyzer {
    private static final String PMDL_SOURCE = "PMDL language";

    /** The static checks alone: an editor may bind IResourceValidator to one that also reports runs. */
    @Inject
    private ResourceValidatorImpl validator;

    private final PmdlCompiler compiler = new PmdlCompiler();

    /**
     * @param run            also compile and run the scenarios (static checks only when false)
     * @param scenarioFilter run only the scenario of this name, or every scenario when null
     */
    public FileAnalysis analyze(Resource resource, boolean run, RunOptions options, String scenarioFilter,
            CancelIndicator cancel) {
        List<org.pmdl.dsl.analysis.Diagnostic> diagnostics = new ArrayList<>();
        for (Issue issue : validator.validate(resource, CheckMode.ALL, cancel)) {
            diagnostics.add(fromIssue(issue));
        }
        PmdlFile file = resource.getContents().isEmpty() ? null : (PmdlFile) resource.getContents().get(0);
        if (file != null) {
            diagnostics.addAll(importedErrors(file, cancel));
        }
        List<ScenarioResult> scenarios = new ArrayList<>();
        boolean clean = diagnostics.stream().noneMatch(d -> d.severity() == Severity.ERROR);
        if (run && clean && file != null) {
            PmdlCompiler.CompiledFile compiled = compiler.compile(file);
            Engine engine = new Engine(compiled.platforms());
            for (ScenarioSpec scenario : compiled.scenarios()) {
                if (scenarioFilter == null || scenarioFilter.equals(scenario.name())) {
                    ScenarioResult result = engine.run(scenario, options);
                    scenarios.add(result);
                    diagnostics.addAll(fromRun(result));
                }
            }
        }
        diagnostics.sort(Comparator.comparingInt((org.pmdl.dsl.analysis.Diagnostic d) -> d.range().line())
                .thenComparingInt(d -> d.range().column()));
        return new FileAnalysis(List.copyOf(diagnostics), List.copyOf(scenarios));
    }

    /** A file is compiled together with its imports, so an import with errors stops the run; say where. */
    private List<org.pmdl.dsl.analysis.Diagnostic> importedErrors(PmdlFile file, CancelIndicator cancel) {
        List<org.pmdl.dsl.analysis.Diagnostic> diagnostics = new ArrayList<>();
        for (Import imp : file.getImports()) {
            Resource imported = Imports.load(imp); // null: reported as IMPORT-UNRESOLVED by the validator
            long errors = imported == null ? 0 : validator.validate(imported, CheckMode.ALL, cancel).stream()
                    .filter(i -> i.getSeverity() == org.eclipse.xtext.diagnostics.Severity.ERROR).count();
            if (errors > 0) {
                diagnostics.add(new org.pmdl.dsl.analysis.Diagnostic(Rules.IMPORT_ERRORS.id(), Severity.ERROR,
                        SourceRefs.of(imp), Rules.IMPORT_ERRORS.message(imp.getImportURI(), errors), PMDL_SOURCE));
            }
        }
        return diagnostics;
    }

    private static org.pmdl.dsl.analysis.Diagnostic fromIssue(Issue issue) {
        Rule rule = ruleOf(issue);
        int line = orOne(issue.getLineNumber());
        int column = orOne(issue.getColumn());
        int endLine = issue.getLineNumberEnd() == null ? line : issue.getLineNumberEnd();
        int endColumn = issue.getColumnEnd() == null ? column : issue.getColumnEnd();
        return new org.pmdl.dsl.analysis.Diagnostic(rule.id(), severityOf(issue), new SourceRef(line, column, endLine,
                endColumn), issue.getMessage(), rule.source());
    }

    /**
     * The catalogue rule behind a validation issue (also used by the language server's diagnostics): the rule its
     * code names, else SYNTAX (decided here alone) for the parser's errors and Xtext's other codes.
     */
    public static Rule ruleOf(Issue issue) {
        String code = issue.getCode();
        if (code != null && Rules.byId(code).isPresent()) {
            return Rules.byId(code).get();
        }
        if (Diagnostic.LINKING_DIAGNOSTIC.equals(code)) {
            return Unresolved.linking();
        }
        return Rules.SYNTAX;
    }

    private static Severity severityOf(Issue issue) {
        return switch (issue.getSeverity()) {
            case ERROR -> Severity.ERROR;
            case WARNING -> Severity.WARNING;
            default -> Severity.INFO;
        };
    }

    /** Findings of a run, each citing the kernel rule that decided its step. */
    public static List<org.pmdl.dsl.analysis.Diagnostic> fromRun(ScenarioResult scenario) {
        List<org.pmdl.dsl.analysis.Diagnostic> diagnostics = new ArrayList<>();
        for (StepResult step : scenario.steps()) {
            for (Finding finding : step.findings()) {
                Rule cited = finding.rule().source().equals(PMDL_SOURCE) && !step.applied().isEmpty()
                        ? step.applied().get(0) : finding.rule();
                String source = cited.source().equals(PMDL_SOURCE)
                        ? PMDL_SOURCE : "kernel " + scenario.kernel() + " " + cited.source();
                SourceRef range = finding.source() == null || finding.source().line() == 0
                        ? step.step().source() : finding.source();
                diagnostics.add(new org.pmdl.dsl.analysis.Diagnostic(finding.rule().id(), finding.severity(), range,
                        finding.message(), source));
            }
        }
        return diagnostics;
    }

    /** Work on a file that ran out of memory (its garbage went with its stack), said at {@code range}. */
    public static org.pmdl.dsl.analysis.Diagnostic outOfMemory(String work, SourceRef range) {
        return new org.pmdl.dsl.analysis.Diagnostic(InputLimits.RULE, Severity.ERROR, range,
                InputLimits.outOfMemory(work), PMDL_SOURCE);
    }

    private static int orOne(Integer value) {
        return value == null || value < 1 ? 1 : value;
    }
}
