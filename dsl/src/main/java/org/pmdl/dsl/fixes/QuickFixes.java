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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.pmdl.dsl.analysis.Diagnostic;
import org.pmdl.dsl.analysis.FileAnalysis;
import org.pmdl.dsl.analysis.PmdlAnalyzer;
import org.pmdl.dsl.compiler.PmdlCompiler;
import org.pmdl.dsl.compiler.SourceRefs;
import org.pmdl.dsl.lang.SizeExpressions;
import org.pmdl.dsl.pmdl.ActionStep;
import org.pmdl.dsl.pmdl.PmdlFile;
import org.pmdl.dsl.text.TextEdit;
import org.pmdl.model.engine.RunOptions;
import org.pmdl.model.engine.ScenarioResult;
import org.pmdl.model.engine.StepResult;
import org.pmdl.model.kernel.KernelProfile;
import org.pmdl.model.platform.PlatformFacts;
import org.pmdl.model.rules.Rules;
import org.pmdl.model.rules.Severity;
import org.pmdl.model.scenario.Action;
import org.pmdl.model.topology.PlatformSpec;

/**
 * The safe quick fixes of a file, for {@code pmdl check --fix} and editor code actions. Each candidate is made
 * on a copy of the text and analysed again (validate, compile, run); it is offered only if its diagnostic is gone
 * and no new error appeared. Candidates, for a step the kernel or ndctl refuses and that expects nothing:
 * <ul>
 * <li>a namespace size ndctl rejects: ndctl's own "did you intend --size=...?" (ndctl 76.1 ndctl/namespace.c
 * validate_namespace_options), or the size rounded up to the region align;</li>
 * <li>an unsupported namespace align: the largest supported alignment below it (the pfn/dax
 * supported_alignments of the platform);</li>
 * <li>the refusal as the step's expectation: {@code expect error ERRNO}, with the errno the model predicts.</li>
 * </ul>
 */
public class QuickFixes {
    private static final Pattern NDCTL_SUGGESTION = Pattern.compile("did you intend --size=([0-9]+[KMGT]?)\\?");

    @Inject
    private Provider<XtextResourceSet> resourceSets;
    @Inject
    private PmdlAnalyzer analyzer;

    private final PmdlCompiler compiler = new PmdlCompiler();

    /** A file's text parsed and analysed (run included), as the fixes see it. */
    private record Analysed(XtextResource resource, FileAnalysis analysis) {
    }

    /** Every verified fix of the text, in text order; several may address one diagnostic, the first is the best. */
    public List<QuickFix> fixes(URI uri, String text, RunOptions options) {
        Analysed before = analyse(uri, text, options);
        List<QuickFix> fixes = new ArrayList<>();
        for (Diagnostic diagnostic : before.analysis().diagnostics()) {
            if (!diagnostic.rule().equals(Rules.STEP_REFUSED.id())) {
                continue;
            }
            for (QuickFix candidate : candidates(text, before, diagnostic)) {
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

    private List<QuickFix> candidates(String text, Analysed before, Diagnostic diagnostic) {
        List<QuickFix> candidates = new ArrayList<>();
        Optional<ActionStep> node = actionStepAt(before.resource(), diagnostic.range().line(),
                diagnostic.range().column());
        Optional<Map.Entry<ScenarioResult, StepResult>> step = refusedStep(before.analysis(), diagnostic);
        if (node.isEmpty() || step.isEmpty()) {
            return candidates;
        }
        StepResult result = step.get().getValue();
        EObject action = node.get().getAction();
        if (result.step().action() instanceof Action.CreateNamespace create) {
            sizeFix(text, diagnostic, action, create, result).ifPresent(candidates::add);
            alignFix(text, diagnostic, action, create, step.get().getKey(), before.resource()).ifPresent(
                    candidates::add);
        }
        if (result.errno() != null) {
            int end = NodeModelUtils.getNode(node.get()).getEndOffset();
            String expect = " expect error " + result.errno();
            candidates.add(new QuickFix("Expect the refusal:" + expect, diagnostic,
                    List.of(TextEdit.of(text, end, 0, expect))));
        }
        return candidates;
    }

    private Optional<QuickFix> sizeFix(String text, Diagnostic diagnostic, EObject action,
            Action.CreateNamespace create, StepResult result) {
        if (create.size() == null) {
            return Optional.empty();
        }
        for (String line : result.log()) {
            Matcher suggestion = NDCTL_SUGGESTION.matcher(line);
            if (suggestion.find()) {
                return replace(text, diagnostic, action, "size", suggestion.group(1),
                        "Use ndctl's suggested size " + suggestion.group(1));
            }
        }
        if (result.values().get("align") instanceof Number align && align.longValue() > 0
                && create.size() % align.longValue() != 0) {
            long rounded = (create.size() / align.longValue() + 1) * align.longValue();
            return replace(text, diagnostic, action, "size", SizeExpressions.format(rounded), "Round the size up to "
                    + SizeExpressions.format(rounded) + " (a multiple of the region align "
                    + SizeExpressions.format(align.longValue()) + ")");
        }
        return Optional.empty();
    }

    private Optional<QuickFix> alignFix(String text, Diagnostic diagnostic, EObject action,
            Action.CreateNamespace create, ScenarioResult scenario, XtextResource resource) {
        if (create.align() == null || resource.getContents().isEmpty()) {
            return Optional.empty();
        }
        PlatformSpec platform = compiler.compile((PmdlFile) resource.getContents().get(0)).platforms()
                .get(scenario.platform());
        Optional<KernelProfile> kernel = KernelProfile.lookup(scenario.kernel());
        if (platform == null || kernel.isEmpty()) {
            return Optional.empty();
        }
        List<Long> supported = PlatformFacts.of(platform, kernel.get()).supportedPfnAlignments();
        if (supported.isEmpty() || supported.contains(create.align())) {
            return Optional.empty();
        }
        long best = supported.stream().filter(a -> a <= create.align()).reduce(Math::max).orElse(supported.get(0));
        return replace(text, diagnostic, action, "align", SizeExpressions.format(best), "Use align "
                + SizeExpressions.format(best) + " (supported: " + String.join(", ",
                        supported.stream().map(SizeExpressions::format).toList()) + ")");
    }

    private static Optional<QuickFix> replace(String text, Diagnostic diagnostic, EObject owner, String feature,
            String replacement, String title) {
        EStructuralFeature attribute = owner.eClass().getEStructuralFeature(feature);
        List<INode> nodes = attribute == null ? List.of() : NodeModelUtils.findNodesForFeature(owner, attribute);
        if (nodes.size() != 1) {
            return Optional.empty();
        }
        INode node = nodes.get(0);
        return Optional.of(new QuickFix(title, diagnostic,
                List.of(TextEdit.of(text, node.getOffset(), node.getLength(), replacement))));
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
