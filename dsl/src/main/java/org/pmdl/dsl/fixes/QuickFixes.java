package org.pmdl.dsl.fixes;

import com.google.inject.Inject;
import com.google.inject.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.pmdl.dsl.analysis.Diagnostic;
import org.pmdl.dsl.analysis.FileAnalysis;
import org.pmdl.dsl.analysis.PmdlAnalyzer;
import org.pmdl.dsl.analysis.RuleControl;
import org.pmdl.dsl.compiler.SourceRefs;
import org.pmdl.dsl.pmdl.ActionStep;
import org.pmdl.dsl.text.TextEdit;
import org.pmdl.model.engine.RunOptions;
import org.pmdl.model.engine.ScenarioResult;
import org.pmdl.model.engine.StepResult;
import org.pmdl.model.rules.Rule;
import org.pmdl.model.rules.Rules;
import org.pmdl.model.rules.Severity;

/**
 * The safe quick fixes of a file, for {@code pmdl check --fix} and editor code actions. Each candidate is made
 * on a copy of the text and analysed again (validate, compile, run); it is offered only if its diagnostic is gone
 * and no new error appeared. Candidates, for a step the kernel or ndctl refuses and that expects nothing:
 * <ul>
 * <li>the fix the rule that decided the refusal names ({@link RuleFixes}): for NDCTL-REGION-ALIGN the size
 * rounded up to the region align, for NDCTL-SIZE-ALIGN ndctl's own "did you intend --size=...?" (ndctl 76.1
 * ndctl/namespace.c validate_namespace_options), for NDCTL-ALIGN-OPTION the largest supported alignment below
 * the one written (the pfn/dax supported_alignments of the platform);</li>
 * <li>the refusal as the step's expectation: {@code expect error ERRNO}, with the errno the model predicts.</li>
 * </ul>
 * A rule the file's rule control disables offers nothing: no fix of a hidden STEP-REFUSED, no fix a disabled
 * deciding rule names.
 */
public class QuickFixes {
    @Inject
    private Provider<XtextResourceSet> resourceSets;
    @Inject
    private PmdlAnalyzer analyzer;

    /** A file's text parsed and analysed (run included), as the fixes see it. */
    private record Analysed(XtextResource resource, FileAnalysis analysis) {
    }

    /**
     * Every verified fix of the text that {@code control} leaves enabled, in text order; several may address one
     * diagnostic, the first is the best.
     */
    public List<QuickFix> fixes(URI uri, String text, RunOptions options, RuleControl control) {
        Analysed before = analyse(uri, text, options);
        List<QuickFix> fixes = new ArrayList<>();
        for (Refusal refusal : refusals(text, before)) {
            if (!enabled(control, refusal.diagnostic().rule(), refusal)) {
                continue;
            }
            for (QuickFix candidate : candidates(refusal, rule -> enabled(control, rule.id(), refusal))) {
                if (fixesIt(uri, text, candidate, before.analysis(), options)) {
                    fixes.add(candidate);
                }
            }
        }
        return fixes;
    }

    /** The best fix of each diagnostic: what {@code --fix} applies. Fixes of one file never overlap (one per step). */
    public static List<QuickFix> firstPerDiagnostic(List<QuickFix> fixes) {
        List<QuickFix> chosen = new ArrayList<>();
        for (QuickFix fix : fixes) {
            if (chosen.stream().noneMatch(c -> c.diagnostic().equals(fix.diagnostic()))) {
                chosen.add(fix);
            }
        }
        return chosen;
    }

    /** The refused steps of an analysed text that expect nothing, in text order. */
    List<Refusal> refusals(URI uri, String text, RunOptions options) {
        return refusals(text, analyse(uri, text, options));
    }

    private static List<Refusal> refusals(String text, Analysed analysed) {
        List<Refusal> refusals = new ArrayList<>();
        for (Diagnostic diagnostic : analysed.analysis().diagnostics()) {
            if (!diagnostic.rule().equals(Rules.STEP_REFUSED.id())) {
                continue;
            }
            Optional<ActionStep> node = actionStepAt(analysed.resource(), diagnostic.range().line(),
                    diagnostic.range().column());
            Optional<Map.Entry<ScenarioResult, StepResult>> step = refusedStep(analysed.analysis(), diagnostic);
            if (node.isPresent() && step.isPresent()) {
                refusals.add(new Refusal(text, diagnostic, node.get(), step.get().getKey(), step.get().getValue(),
                        analysed.resource()));
            }
        }
        return refusals;
    }

    private static boolean enabled(RuleControl control, String rule, Refusal refusal) {
        return control.reported(rule, refusal.diagnostic().range().line(), refusal.diagnostic().severity())
                .isPresent();
    }

    /** The fix the deciding rule names, then the refusal as the expectation; none of them verified yet. */
    static List<QuickFix> candidates(Refusal refusal) {
        return candidates(refusal, rule -> true);
    }

    /** The same, the deciding rule's fix only when {@code enabled} says that rule is on. */
    private static List<QuickFix> candidates(Refusal refusal, Predicate<Rule> enabled) {
        List<QuickFix> candidates = new ArrayList<>();
        if (refusal.decisive() != null && enabled.test(refusal.decisive())) {
            RuleFixes.of(refusal).ifPresent(candidates::add);
        }
        if (refusal.step().errno() != null) {
            int end = NodeModelUtils.getNode(refusal.node()).getEndOffset();
            String expect = " expect error " + refusal.step().errno();
            candidates.add(new QuickFix("Expect the refusal:" + expect, refusal.diagnostic(),
                    List.of(TextEdit.of(refusal.text(), end, 0, expect))));
        }
        return candidates;
    }

    private boolean fixesIt(URI uri, String text, QuickFix fix, FileAnalysis before, RunOptions options) {
        FileAnalysis after = analyse(uri, TextEdit.apply(text, fix.edits()), options).analysis();
        boolean gone = after.diagnostics().stream().noneMatch(d -> d.rule().equals(fix.diagnostic().rule())
                && d.range().line() == fix.diagnostic().range().line());
        return gone && errors(after) <= errors(before);
    }

    private static long errors(FileAnalysis analysis) {
        return analysis.diagnostics().stream().filter(d -> d.severity() == Severity.ERROR).count();
    }

    private static Optional<Map.Entry<ScenarioResult, StepResult>> refusedStep(FileAnalysis analysis,
            Diagnostic diagnostic) {
        for (ScenarioResult scenario : analysis.scenarios()) {
            for (StepResult step : scenario.steps()) {
                if (!step.ok() && step.step().source().line() == diagnostic.range().line()
                        && step.step().source().column() == diagnostic.range().column()) {
                    return Optional.of(Map.entry(scenario, step));
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<ActionStep> actionStepAt(XtextResource resource, int line, int column) {
        for (var contents = EcoreUtil.<EObject>getAllContents(resource, false); contents.hasNext();) {
            if (contents.next() instanceof ActionStep step && SourceRefs.of(step).line() == line
                    && SourceRefs.of(step).column() == column && step.getOutcome() == null) {
                return Optional.of(step);
            }
        }
        return Optional.empty();
    }

    /** Parses the text as the file at {@code uri} (so that its imports resolve) and analyses it, run included. */
    private Analysed analyse(URI uri, String text, RunOptions options) {
        XtextResourceSet resourceSet = resourceSets.get();
        XtextResource resource = (XtextResource) resourceSet.createResource(uri);
        try {
            resource.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                    Map.of(XtextResource.OPTION_ENCODING, StandardCharsets.UTF_8.name()));
        } catch (IOException e) {
            throw new IllegalStateException("reading from memory cannot fail", e);
        }
        return new Analysed(resource, analyzer.analyze(resource, true, options, null, CancelIndicator.NullImpl));
    }
}
