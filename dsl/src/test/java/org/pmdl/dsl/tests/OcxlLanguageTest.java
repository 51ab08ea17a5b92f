package org.pmdl.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.pmdl.dsl.compiler.PmdlCompiler;
import org.pmdl.dsl.pmdl.PmdlFile;
import org.pmdl.model.ocxl.OcxlRules;
import org.pmdl.model.ocxl.OcxlSpec;
import org.pmdl.model.ocxl.OcxlStep;
import org.pmdl.model.rules.Rules;

/** The ocxl vocabulary (issue 5): `ocxl NAME { afu ... }` cards and `ocxl VERB CARD ...` steps. */
class OcxlLanguageTest extends LanguageTestSupport {

    private static final String PLATFORM = """
            platform nv {
                arch ppc64 { mmu radix }
                ocxl card0 {
                    phb 0x2 bdfn 0x0100
                    afu afu0 lpc-offset 0 lpc-size 4G special-purpose-offset 4G special-purpose-size 1G
                    afu afu1 lpc-offset 0xFFFFFFFFFFFFF000 lpc-size 0x2000
                    opal-base 0x0006000000000000
                    opal-alloc-rc OPAL_NO_MEM
                    max-physmem-bits 46
                    ccap0 0x0032019600000012
                }
            }
            """;

    @Test
    void cardAndStepsCompile() throws Exception {
        PmdlFile file = parser.parse(PLATFORM + """
                scenario s on nv {
                    ocxl map card0 afu afu0 expect error EINVAL
                    ocxl probe card0 crdy-at 1s ma-at 4s ela
                    ocxl error-log card0 buffer 64 respond-after 500ms header 0x454C000000000020
                    ocxl set-config-data card0 offset 16M - 128 length 256
                    ocxl remove card0
                }
                """);
        validation.assertNoErrors(file);
        PmdlCompiler.CompiledFile compiled = new PmdlCompiler().compile(file);
        OcxlSpec card = compiled.platforms().get("nv").ocxls().get(0);
        assertEquals(2, card.phbId());
        assertEquals(0x100, card.bdfn());
        assertEquals(new OcxlSpec.Afu("afu0", 0, 4L << 30, 4L << 30, 1L << 30, card.afus().get(0).source()),
                card.afus().get(0));
        assertEquals(0xFFFF_FFFF_FFFF_F000L, card.afus().get(1).lpcOffset()); // a u64, wrapped into a long
        assertEquals(-9, card.opalAllocRc());                                // skiboot's OPAL_NO_MEM
        assertEquals(46, card.maxPhysmemBits());
        assertEquals(16L << 20, card.labelArea());                           // one ppc64 section by default
        var steps = compiled.scenarios().get(0).steps();
        assertEquals(new OcxlStep("map", "card0", "afu0", Map.of(), Set.of()), steps.get(0).action());
        assertEquals(new OcxlStep("probe", "card0", null, Map.of("crdy-at", 1000L, "ma-at", 4000L), Set.of("ela")),
                steps.get(1).action());
        OcxlStep errlog = assertInstanceOf(OcxlStep.class, steps.get(2).action());
        assertEquals(Map.of("buffer", 64L, "respond-after", 500L, "header", 0x454C_0000_0000_0020L), errlog.values());
        assertEquals(Map.of("offset", (16L << 20) - 128, "length", 256L),
                ((OcxlStep) steps.get(3).action()).values());
        assertEquals("ocxl remove", steps.get(4).action().op());
    }

    @Test
    void badStepsAreLocated() throws Exception {
        assertFlags(OcxlRules.STEP, PLATFORM + "scenario s on nv {\n    ocxl frobnicate card0\n}\n", "frobnicate");
        assertFlags(OcxlRules.STEP, PLATFORM + "scenario s on nv {\n    ocxl map card0\n}\n", "map card0");
        assertFlags(OcxlRules.STEP, PLATFORM + "scenario s on nv {\n    ocxl probe card0 afu afu0\n}\n", "probe");
        assertFlags(OcxlRules.STEP, PLATFORM + "scenario s on nv {\n    ocxl probe card0 crdy-at 3\n}\n", "crdy-at");
        assertFlags(OcxlRules.STEP, PLATFORM + "scenario s on nv {\n    ocxl probe card0 buffer 8\n}\n", "buffer");
        assertFlags(OcxlRules.STEP, PLATFORM + "scenario s on nv {\n    ocxl chi card0 ela 1\n}\n", "ela 1");
        assertFlags(OcxlRules.STEP, PLATFORM + "scenario s on nv {\n    ocxl error-log card0 buffer 2s\n}\n", "buffer");
    }

    @Test
    void badCardsAreLocated() throws Exception {
        assertFlags(OcxlRules.CARD, PLATFORM.replace("OPAL_NO_MEM", "OPAL_WHATEVER"), "OPAL_WHATEVER");
        assertFlags(OcxlRules.CARD, """
                platform x {
                    arch x86_64
                    ocxl card0 { afu afu0 lpc-size 4G }
                }
                """, "ocxl card0");
        assertFlags(OcxlRules.CARD, """
                platform nv {
                    arch ppc64
                    ocxl card0 { afu afu0 lpc-size 16M }
                }
                """, "ocxl card0");
        assertFlags(OcxlRules.LABEL_ALIGN, """
                platform nv {
                    arch ppc64
                    ocxl card0 { afu afu0 lpc-size 4G label-area 2M }
                }
                """, "label-area");
        // a u64 register is fine, a size elsewhere beyond 2^63 - 1 is not
        assertEquals(List.of(), issues(PLATFORM).stream().filter(i -> Rules.SIZE_OVERFLOW.id().equals(i.getCode()))
                .toList());
    }

    @Test
    void unknownAfuIsAnError() throws Exception {
        List<Issue> unknown = issues(PLATFORM + "scenario s on nv {\n    ocxl map card0 afu nope\n}\n");
        assertTrue(unknown.stream().anyMatch(i -> i.getMessage().contains("nope")), unknown::toString);
    }
}
