package org.pmdl.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Inject;
import java.util.List;
import java.util.Set;
import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pmdl.dsl.analysis.RuleControl;
import org.pmdl.dsl.analysis.RuleSettings;
import org.pmdl.dsl.fixes.QuickFix;
import org.pmdl.dsl.fixes.QuickFixes;
import org.pmdl.dsl.text.TextEdit;
import org.pmdl.model.engine.RunOptions;

/**
 * {@link QuickFixes}: each fix replaces the right text, and the fixed file no longer has the finding. Expected
 * refusals and suggestions follow ndctl 76.1 ndctl/namespace.c validate_namespace_options (as the model does).
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(PmdlInjectorProvider.class)
class QuickFixesTest {
    private static final URI URI_ = URI.createFileURI("/tmp/quickfixes-test.pmdl");
    private static final String PLATFORM = """
            platform box {
                arch x86_64
                kernel "6.1"
                nvdimm nmem0 { size 4G  label-area 128K }
                region region0 at 0x100000000 { mapping nmem0 dpa 0 size 4G - 128K }
            }
            """;

    @Inject
    private QuickFixes quickFixes;

    private List<QuickFix> fixes(String scenario) {
        return quickFixes.fixes(URI_, PLATFORM + scenario, RunOptions.DEFAULT, RuleControl.NONE);
    }

    private static String fixed(QuickFix fix, String scenario) {
        return TextEdit.apply(PLATFORM + scenario, fix.edits()).substring(PLATFORM.length());
    }

    @Test
    void sizeOffTheRegionAlignIsRoundedUpToIt() {
        // "region0: align setting is 0x1000000 size 0x6400000 is misaligned": 100M is not a multiple of 16M.
        String scenario = """
                scenario s on box {
                    init-labels nmem0
                    create namespace ns0 in region0 mode fsdax size 100M
                }
                """;
        List<QuickFix> fixes = fixes(scenario);
        assertEquals(List.of("Round the size up to 112M (a multiple of the region align 16M)",
                "Expect the refusal: expect error EINVAL"), fixes.stream().map(QuickFix::title).toList());
        assertTrue(fixed(fixes.get(0), scenario).contains("mode fsdax size 112M\n"));
        assertTrue(fixed(fixes.get(1), scenario).contains("size 100M expect error EINVAL\n"));
        assertEquals("STEP-REFUSED", fixes.get(0).diagnostic().rule());
        assertEquals(9, fixes.get(0).edits().get(0).range().line());
    }

    @Test
    void sizeOffTheNamespaceAlignTakesNdctlsSuggestion() {
        // With the region at 4K, 100M + 4K passes the region check but not the fsdax 2M align: ndctl suggests
        // the next multiple of 2M in the unit the size was written in (K), 104448K.
        String scenario = """
                scenario s on box {
                    init-labels nmem0
                    set region0 align 4K
                    create namespace ns0 in region0 mode fsdax size 100M + 4K
                }
                """;
        List<QuickFix> fixes = fixes(scenario);
        assertEquals("Use ndctl's suggested size 104448K", fixes.get(0).title());
        assertTrue(fixed(fixes.get(0), scenario).contains("size 104448K\n"), () -> fixed(fixes.get(0), scenario));
    }

    @Test
    void unsupportedAlignBecomesTheLargestSupportedBelowIt() {
        // x86_64 pfn/dax supported_alignments are 4K, 2M and 1G (PAGE_SIZE, HPAGE_PMD_SIZE, HPAGE_PUD_SIZE).
        String scenario = """
                scenario s on box {
                    init-labels nmem0
                    create namespace ns0 in region0 mode fsdax size 64M align 4M
                }
                """;
        List<QuickFix> fixes = fixes(scenario);
        assertEquals("Use align 2M (supported: 4K, 2M, 1G)", fixes.get(0).title());
        assertTrue(fixed(fixes.get(0), scenario).contains("size 64M align 2M\n"));
    }

    /** The same refusal as {@link #sizeOffTheRegionAlignIsRoundedUpToIt}, fixed under rule control. */
    private List<String> titlesUnder(String disable, RuleSettings settings) {
        String text = PLATFORM + """
                scenario s on box {
                    init-labels nmem0
                    create namespace ns0 in region0 mode fsdax size 100M%s
                }
                """.formatted(disable);
        return quickFixes.fixes(URI_, text, RunOptions.DEFAULT, RuleControl.of(text, settings)).stream()
                .map(QuickFix::title).toList();
    }

    @Test
    void aDisabledRuleOffersNoFix() {
        String expect = "Expect the refusal: expect error EINVAL";
        // the deciding rule off (--disable or .pmdl.json settings, or a comment on the line): its fix goes, the
        // refusal (STEP-REFUSED) is still shown and still offers its expectation
        assertEquals(List.of(expect), titlesUnder("", new RuleSettings(Set.of("NDCTL-REGION-ALIGN"), Set.of())));
        assertEquals(List.of(expect), titlesUnder(" // pmdl: disable NDCTL-REGION-ALIGN", RuleSettings.NONE));
        // STEP-REFUSED off: nothing is shown on the step, so nothing is offered
        assertEquals(List.of(), titlesUnder("", new RuleSettings(Set.of("STEP-REFUSED"), Set.of())));
        assertEquals(List.of(), titlesUnder(" // pmdl: disable STEP-REFUSED", RuleSettings.NONE));
        // another rule off changes nothing
        assertEquals(List.of("Round the size up to 112M (a multiple of the region align 16M)", expect),
                titlesUnder(" // pmdl: disable NDCTL-SIZE-ALIGN", RuleSettings.NONE));
    }

    @Test
    void aCleanFileHasNoFixes() {
        assertEquals(List.of(), fixes("""
                scenario s on box {
                    init-labels nmem0
                    create namespace ns0 in region0 mode fsdax size 64M
                }
                """));
    }
}
