package org.pmdl.dsl.fixes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.inject.Inject;
import java.util.List;
import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pmdl.dsl.tests.PmdlInjectorProvider;
import org.pmdl.model.engine.RunOptions;
import org.pmdl.model.engine.StepResult;
import org.pmdl.model.libnvdimm.LibnvdimmRules;
import org.pmdl.model.rules.Rule;

/**
 * A refusal's fix is chosen by the rule that decided it, not by the text of its log. The refusal is the model's
 * own: ndctl 76.1 ndctl/namespace.c validate_namespace_options refuses 100M in a region whose align is 16M
 * ("align setting is 0x1000000 size 0x6400000 is misaligned", NDCTL-REGION-ALIGN, EINVAL).
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(PmdlInjectorProvider.class)
class RuleFixesTest {
    private static final String FILE = """
            platform box {
                arch x86_64
                kernel "6.1"
                nvdimm nmem0 { size 4G  label-area 128K }
                region region0 at 0x100000000 { mapping nmem0 dpa 0 size 4G - 128K }
            }
            scenario s on box {
                init-labels nmem0
                create namespace ns0 in region0 mode fsdax size 100M
            }
            """;
    /** What ndctl prints for NDCTL-SIZE-ALIGN, planted in a log where ndctl did not print it. */
    private static final List<String> SUGGESTION = List.of("ndctl: did you intend --size=1G?");

    @Inject
    private QuickFixes quickFixes;

    private Refusal refusal() {
        List<Refusal> refusals = quickFixes.refusals(URI.createFileURI("/tmp/rule-fixes-test.pmdl"), FILE,
                RunOptions.DEFAULT);
        assertEquals(1, refusals.size());
        return refusals.get(0);
    }

    /** The refusal with other deciding rules and another log: everything else as the model predicted it. */
    private static Refusal decidedBy(Refusal refusal, List<Rule> applied, List<String> log) {
        StepResult s = refusal.step();
        return new Refusal(refusal.text(), refusal.diagnostic(), refusal.node(), refusal.scenario(),
                new StepResult(s.step(), s.ok(), s.errno(), s.values(), s.state(), log, s.expectation(), applied,
                        s.findings(), s.hcalls()), refusal.resource());
    }

    private static List<String> titles(Refusal refusal) {
        return QuickFixes.candidates(refusal).stream().map(QuickFix::title).toList();
    }

    @Test
    void theRegionAlignRuleRoundsTheSizeWhateverTheLogSays() {
        Refusal refusal = refusal();
        assertEquals(LibnvdimmRules.NDCTL_REGION_ALIGN, refusal.decisive());
        List<String> expected = List.of("Round the size up to 112M (a multiple of the region align 16M)",
                "Expect the refusal: expect error EINVAL");
        assertEquals(expected, titles(refusal));
        assertEquals(expected, titles(decidedBy(refusal, refusal.step().applied(), SUGGESTION)));
    }

    @Test
    void aRuleThatNamesNoFixGetsNoneFromTheLogText() {
        // NDCTL-CAPACITY (no region has room) names no edit: a size suggestion in the log is not taken up.
        Refusal capacity = decidedBy(refusal(), List.of(LibnvdimmRules.NDCTL_CAPACITY), SUGGESTION);
        assertEquals(List.of("Expect the refusal: expect error EINVAL"), titles(capacity));
    }
}
