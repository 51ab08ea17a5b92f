package org.pmdl.dsl.fixes;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.pmdl.dsl.compiler.PmdlCompiler;
import org.pmdl.dsl.lang.SizeExpressions;
import org.pmdl.dsl.pmdl.PmdlFile;
import org.pmdl.dsl.text.TextEdit;
import org.pmdl.model.kernel.KernelProfile;
import org.pmdl.model.libnvdimm.LibnvdimmRules;
import org.pmdl.model.platform.PlatformFacts;
import org.pmdl.model.rules.Rule;
import org.pmdl.model.scenario.Action;
import org.pmdl.model.topology.PlatformSpec;

/**
 * The fix each rule names for the refusals it decides: the rule that decided a step (the first of its applied
 * rules) picks the fix, and the fix takes what it needs from the step's result and the platform, not from the
 * wording of a message. {@link QuickFixes} re-runs every candidate before offering it.
 */
final class RuleFixes {
    private RuleFixes() {
    }

    /** A fix for one refusal, when the refusal's data allows one. */
    @FunctionalInterface
    interface RuleFix {
        Optional<QuickFix> propose(Refusal refusal);
    }

    private static final Map<String, RuleFix> BY_RULE = Map.of(
            LibnvdimmRules.NDCTL_REGION_ALIGN.id(), RuleFixes::roundToRegionAlign,
            LibnvdimmRules.NDCTL_SIZE_ALIGN.id(), RuleFixes::ndctlSuggestedSize,
            LibnvdimmRules.NDCTL_ALIGN_OPTION.id(), RuleFixes::supportedAlign);

    private static final PmdlCompiler COMPILER = new PmdlCompiler();

    /** The fix the refusal's deciding rule names, if it names one and it applies here. */
    static Optional<QuickFix> of(Refusal refusal) {
        Rule rule = refusal.decisive();
        RuleFix fix = rule == null ? null : BY_RULE.get(rule.id());
        return fix == null ? Optional.empty() : fix.propose(refusal);
    }

    /** NDCTL-REGION-ALIGN: the size rounded up to the region's align, which the step's values carry. */
    private static Optional<QuickFix> roundToRegionAlign(Refusal refusal) {
        if (!(refusal.step().step().action() instanceof Action.CreateNamespace create) || create.size() == null
                || !(refusal.step().values().get("align") instanceof Number align) || align.longValue() <= 0
                || create.size() % align.longValue() == 0) {
            return Optional.empty();
        }
        long rounded = (create.size() / align.longValue() + 1) * align.longValue();
        return replace(refusal, "size", SizeExpressions.format(rounded), "Round the size up to "
                + SizeExpressions.format(rounded) + " (a multiple of the region align "
                + SizeExpressions.format(align.longValue()) + ")");
    }

    /** NDCTL-SIZE-ALIGN: ndctl's own "did you intend --size=...?", which the refusal carries as suggested_size. */
    private static Optional<QuickFix> ndctlSuggestedSize(Refusal refusal) {
        if (!(refusal.step().step().action() instanceof Action.CreateNamespace create) || create.size() == null
                || !(refusal.step().arguments().get("suggested_size") instanceof String suggested)) {
            return Optional.empty();
        }
        return replace(refusal, "size", suggested, "Use ndctl's suggested size " + suggested);
    }

    /** NDCTL-ALIGN-OPTION: the largest of the platform's pfn/dax supported_alignments below the one written. */
    private static Optional<QuickFix> supportedAlign(Refusal refusal) {
        if (!(refusal.step().step().action() instanceof Action.CreateNamespace create) || create.align() == null
                || refusal.resource().getContents().isEmpty()) {
            return Optional.empty();
        }
        PlatformSpec platform = COMPILER.compile((PmdlFile) refusal.resource().getContents().get(0)).platforms()
                .get(refusal.scenario().platform());
        Optional<KernelProfile> kernel = KernelProfile.lookup(refusal.scenario().kernel());
        if (platform == null || kernel.isEmpty()) {
            return Optional.empty();
        }
        List<Long> supported = PlatformFacts.of(platform, kernel.get()).supportedPfnAlignments();
        if (supported.isEmpty() || supported.contains(create.align())) {
            return Optional.empty();
        }
        long best = supported.stream().filter(a -> a <= create.align()).reduce(Math::max).orElse(supported.get(0));
        return replace(refusal, "align", SizeExpressions.format(best), "Use align " + SizeExpressions.format(best)
                + " (supported: " + String.join(", ", supported.stream().map(SizeExpressions::format).toList()) + ")");
    }

    /** Replaces the one written value of the step's {@code feature}; none when it is not written exactly once. */
    private static Optional<QuickFix> replace(Refusal refusal, String feature, String replacement, String title) {
        EObject owner = refusal.node().getAction();
        EStructuralFeature attribute = owner.eClass().getEStructuralFeature(feature);
        List<INode> nodes = attribute == null ? List.of() : NodeModelUtils.findNodesForFeature(owner, attribute);
        if (nodes.size() != 1) {
            return Optional.empty();
        }
        INode node = nodes.get(0);
        return Optional.of(new QuickFix(title, refusal.diagnostic(),
                List.of(TextEdit.of(refusal.text(), node.getOffset(), node.getLength(), replacement))));
    }
}
