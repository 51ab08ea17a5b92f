package org.pmdl.dsl.validation;

import java.util.List;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.validation.Check;
import org.pmdl.dsl.compiler.OcxlCompiler;
import org.pmdl.dsl.lang.SizeExpressions;
import org.pmdl.dsl.pmdl.Ocxl;
import org.pmdl.dsl.pmdl.OcxlAfu;
import org.pmdl.dsl.pmdl.OcxlOption;
import org.pmdl.dsl.pmdl.OcxlStep;
import org.pmdl.dsl.pmdl.Platform;
import org.pmdl.dsl.pmdl.PmdlPackage.Literals;
import org.pmdl.model.ocxl.Mmio;
import org.pmdl.model.ocxl.OcxlRules;
import org.pmdl.model.topology.Arch;

/** Static checks of ocxl cards and steps (issue 5): verbs, keys, AFUs of the card, OPAL codes, powernv. */
public class OcxlValidator extends ComposedValidator {
    /** Keys whose value is a time (`500ms`, `3s`); every other valued key takes a number. */
    private static final List<String> DURATIONS = List.of("crdy-at", "ma-at", "respond-after");
    /** Keys that are bare words: CHI bits and failure injections. */
    private static final List<String> FLAGS = List.of("ela", "caps-unreadable", "cmd-metadata-unreadable");

    /** ocxl registers, AFU offsets and MMIO words are u64: the model compares them unsigned (a wrap is C-02). */
    public static boolean isU64(org.pmdl.dsl.pmdl.SizeExpr expr) {
        EObject owner = expr.eContainer();
        return owner instanceof Ocxl || owner instanceof OcxlAfu || owner instanceof OcxlOption;
    }

    @Check
    public void checkCard(Ocxl card) {
        Platform platform = EcoreUtil2.getContainerOfType(card, Platform.class);
        boolean ppc64 = archOf(platform) != Arch.X86_64; // a missing arch is reported elsewhere
        if (!ppc64) {
            error("ocxl cards are driven on powernv: the platform must be `arch ppc64`", card, Literals.OCXL__NAME,
                    OcxlRules.CARD.id());
        }
        opalRc(card, card.getOpalAllocRc(), Literals.OCXL__OPAL_ALLOC_RC);
        opalRc(card, card.getOpalReleaseRc(), Literals.OCXL__OPAL_RELEASE_RC);
        Long label = card.getLabelArea() == null ? org.pmdl.model.ocxl.OcxlSpec.SECTION_SIZE
                : SizeExpressions.evaluateModelled(card.getLabelArea());
        if (label == null) {
            return; // out of range: checkSizeFits says so
        }
        long lpc = card.getAfus().stream().mapToLong(a -> a.getLpcSize() == null ? 0
                : OcxlCompiler.u64(a.getLpcSize())).max().orElse(0);
        if (label % org.pmdl.model.ocxl.OcxlSpec.SECTION_SIZE != 0) {
            warning(OcxlRules.LABEL_ALIGN.message(label), card, Literals.OCXL__LABEL_AREA, OcxlRules.LABEL_ALIGN.id());
        }
        if (lpc <= label) {
            error("the card's LPC memory (" + lpc + " bytes in its largest AFU) must be larger than its label area ("
                    + label + "): the region is what follows the labels", card, Literals.OCXL__NAME, OcxlRules.CARD.id());
        }
    }

    private void opalRc(Ocxl card, String rc, EStructuralFeature feature) {
        if (rc != null && !OcxlCompiler.OPAL_RC.containsKey(rc)) {
            error("'" + rc + "' is not an OPAL return code; use one of " + OcxlCompiler.OPAL_RC.keySet().stream()
                    .sorted().toList(), card, feature, OcxlRules.CARD.id());
        }
    }

    @Check
    public void checkStep(OcxlStep step) {
        List<String> keys = org.pmdl.model.ocxl.OcxlStep.VERBS.get(step.getVerb());
        if (keys == null) {
            error("'" + step.getVerb() + "' is not an ocxl verb; use one of "
                    + org.pmdl.model.ocxl.OcxlStep.VERBS.keySet().stream().sorted().toList(), step,
                    Literals.OCXL_STEP__VERB, OcxlRules.STEP.id());
            return;
        }
        EObject card = step.getCard();
        if (card != null && !card.eIsProxy() && !(card instanceof Ocxl)) {
            error("an ocxl step names an ocxl card", step, Literals.OCXL_STEP__CARD, OcxlRules.STEP.id());
            return;
        }
        boolean needsAfu = org.pmdl.model.ocxl.OcxlStep.AFU_VERBS.contains(step.getVerb());
        OcxlAfu afu = step.getAfu();
        if (needsAfu && afu == null) {
            error("`ocxl " + step.getVerb() + "` names an AFU: `afu NAME`", step, Literals.OCXL_STEP__VERB,
                    OcxlRules.STEP.id());
        } else if (!needsAfu && afu != null) {
            error("`ocxl " + step.getVerb() + "` acts on the card, not on an AFU", step, Literals.OCXL_STEP__AFU,
                    OcxlRules.STEP.id());
        } else if (afu != null && !afu.eIsProxy() && card instanceof Ocxl c && !c.getAfus().contains(afu)) {
            error("AFU " + afu.getName() + " is not on card " + c.getName(), step, Literals.OCXL_STEP__AFU,
                    OcxlRules.STEP.id());
        }
        for (OcxlOption option : step.getOptions()) {
            checkOption(step.getVerb(), keys, option);
        }
    }

    private void checkOption(String verb, List<String> keys, OcxlOption option) {
        String key = option.getKey();
        if (!keys.contains(key)) {
            error("`ocxl " + verb + "` reads " + (keys.isEmpty() ? "no keys" : String.join(", ", keys)) + ", not '"
                    + key + "'", option, Literals.OCXL_OPTION__KEY, OcxlRules.STEP.id());
        } else if (FLAGS.contains(key) || Mmio.CHI_BITS.containsKey(key)) {
            if (option.getValue() != null || option.getDuration() != null) {
                error("'" + key + "' is a bare word, it takes no value", option, Literals.OCXL_OPTION__KEY,
                        OcxlRules.STEP.id());
            }
        } else if (DURATIONS.contains(key) ? option.getDuration() == null : option.getValue() == null) {
            error("'" + key + "' takes " + (DURATIONS.contains(key) ? "a time, e.g. 500ms or 3s" : "a number"),
                    option, Literals.OCXL_OPTION__KEY, OcxlRules.STEP.id());
        }
    }
}
