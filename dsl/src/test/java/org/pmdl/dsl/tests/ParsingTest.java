package org.pmdl.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.List;
import java.nio.charset.StandardCharsets;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.eclipse.xtext.testing.validation.ValidationTestHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pmdl.dsl.lang.AttributePaths;
import org.pmdl.dsl.lang.SizeExpressions;
import org.pmdl.dsl.pmdl.ActionStep;
import org.pmdl.dsl.pmdl.AttributeCondition;
import org.pmdl.dsl.pmdl.CreateNamespace;
import org.pmdl.dsl.pmdl.ExpectCondition;
import org.pmdl.dsl.pmdl.ExpectStep;
import org.pmdl.dsl.pmdl.Mapping;
import org.pmdl.dsl.pmdl.NamespaceDecl;
import org.pmdl.dsl.pmdl.Platform;
import org.pmdl.dsl.pmdl.PmdlFile;
import org.pmdl.dsl.pmdl.Region;
import org.pmdl.dsl.pmdl.Scenario;

/** The grammar: every contract form of language.md §1–3 parses, and the lexical rules hold. */
@ExtendWith(InjectionExtension.class)
@InjectWith(PmdlInjectorProvider.class)
class ParsingTest {
    static final String X86 = """
            platform x86 {
                arch x86_64
                nvdimm nmem0 { size 4G label-area 128K }
                nvdimm nmem1 { size 4G }
                region region0 at 0x100000000 { mapping nmem0 dpa 0 size 4G - 128K }
                region region1 at 0x200000000 { mapping nmem1 dpa 0 size 4G }
            }
            """;

    @Inject
    private ParseHelper<PmdlFile> parser;
    @Inject
    private ValidationTestHelper validation;

    static String resource(String name) throws IOException {
        try (InputStream in = ParsingTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void everyContractExampleParsesAndValidates() throws Exception {
        PmdlFile file = parser.parse(resource("/contract/language-md-examples.pmdl"));
        assertTrue(file.eResource().getErrors().isEmpty(), () -> file.eResource().getErrors().toString());
        validation.assertNoErrors(file);
        assertEquals(2, file.getElements().stream().filter(Platform.class::isInstance).count());
        assertEquals(3, file.getElements().stream().filter(Scenario.class::isInstance).count());
    }

    @Test
    void everyCoreStepParses() throws Exception {
        PmdlFile file = parser.parse("""
                platform p10 {
                    arch ppc64 { mmu radix }
                    cpu power10
                    scm pmem0 { drc-index 0x44100002 block-size 256M blocks 16 metadata-size 128K cache-flush-required }
                }
                """ + X86 + """
                scenario all_x86 on x86 {
                    boot
                    reboot
                    kexec expect ok
                    panic
                    boot
                    init-labels nmem0
                    set region0 align 4K
                    create namespace ns0 in region0 mode fsdax size 1G align 2M map dev force
                    create namespace ns1 in region0 mode sector size 64M sector-size 4096 expect error ENOSPC
                    reconfigure ns1 mode devdax align 2M map mem
                    reconfigure namespace1.0 mode raw force
                    destroy namespace ns1
                    store ns0[0x0] = 1
                    clwb ns0[0x0]
                    clflushopt ns0[0x40]
                    clflush ns0[0x80]
                    movnt ns0[0xc0] = 0xff
                    sfence
                    mfence
                    memcpy-flushcache ns0[0x100] = 7
                    pmem-wmb
                    nvdimm-flush region0
                    power-fail
                    crash anywhere
                    expect ns0[0x0] == 1
                    expect ns0.size == 1054867456
                    expect namespace0.0.mode != "raw"
                    expect region0.align >= 4K
                    expect region0.persistence_domain == memory_controller
                    expect ns0[0x80] == 1 implies ns0[0x0] == 1
                    expect durable ns0[0x0]
                    expect ordered ns0[0x0] before ns0[0x80]
                    expect log "is not 16384K aligned"
                    reboot into p10
                }
                scenario all_power on p10 {
                    create namespace pns in pmem0 mode fsdax
                    store pns[0] = 1
                    dcbst pns[0]
                    dcbf pns[0]
                    dcbstps pns[0]
                    dcbfps pns[0]
                    hwsync
                    phwsync
                    lwsync
                    expect pmem0 bound
                    expect pmem0 not bound
                }
                """);
        assertTrue(file.eResource().getErrors().isEmpty(), () -> file.eResource().getErrors().toString());
        validation.assertNoErrors(file);
        Scenario x86 = (Scenario) file.getElements().get(2);
        assertEquals(34, x86.getSteps().size());
        ActionStep kexec = (ActionStep) x86.getSteps().get(2);
        assertTrue(kexec.getOutcome().isOk(), "`kexec expect ok` binds the outcome to the kexec step");
    }

    @Test
    void persistenceExtensionsParse() throws Exception {
        PmdlFile file = parser.parse("""
                platform x86 {
                    arch x86_64
                    map-sync disabled
                    nvdimm nmem0 { size 4G }
                    region region0 at 0x100000000 { mapping nmem0 dpa 0 size 4G  flush-hints 2  async }
                }
                platform p10 {
                    arch ppc64
                    cpu power10
                    map-sync enabled
                    nvdimm nmem0 { size 4G }
                    region region0 at 0x4000000000 { mapping nmem0 dpa 0 size 4G }
                }
                scenario s on x86 {
                    mmap namespace0.0 map-sync      expect error EOPNOTSUPP
                    xchg namespace0.0[0x8] = 1
                    power-fail bound 1000
                    boot
                    power-fail dirty-shutdown bound 10
                    boot
                    crash anywhere bound 64K
                }
                scenario p on p10 {
                    plwsync
                    crash anywhere
                    expect namespace0.0.state == enabled    // the policy words stay usable as values
                }
                """);
        assertTrue(file.eResource().getErrors().isEmpty(), () -> file.eResource().getErrors().toString());
        validation.assertNoErrors(file);
        Region region = (Region) ((Platform) file.getElements().get(0)).getMembers().get(3);
        assertTrue(region.isAsync());
        assertEquals(BigInteger.TWO, SizeExpressions.evaluate(region.getFlushHints()));
    }

    @Test
    void trailingExpectationBindsToItsStepAndStandaloneExpectIsAStep() throws Exception {
        PmdlFile file = parser.parse(X86 + """
                scenario s on x86 {
                    create namespace ns1 in region0 mode raw size 17M      expect error EINVAL
                    expect ns1.size == 0
                }
                """);
        Scenario scenario = (Scenario) file.getElements().get(1);
        assertEquals(2, scenario.getSteps().size());
        ActionStep create = (ActionStep) scenario.getSteps().get(0);
        assertEquals("EINVAL", create.getOutcome().getErrno());
        assertInstanceOf(ExpectStep.class, scenario.getSteps().get(1));
    }

    @Test
    void attributeIsThePartAfterTheLastDot() throws Exception {
        PmdlFile file = parser.parse(X86 + """
                scenario s on x86 {
                    create namespace ns0 in region0 mode raw size 16M
                    expect ns0.size == 16M
                    expect namespace1.0.raw_size == 4G
                }
                """);
        validation.assertNoErrors(file);
        Scenario scenario = (Scenario) file.getElements().get(1);
        AttributeCondition first = condition(scenario, 1);
        AttributeCondition second = condition(scenario, 2);
        assertInstanceOf(NamespaceDecl.class, first.getTarget());
        assertEquals("size", AttributePaths.attributeOf(first));
        assertInstanceOf(Region.class, second.getTarget(), "namespace1.0 is region1's implicit namespace");
        assertEquals("raw_size", AttributePaths.attributeOf(second));
    }

    @Test
    void sizeLiteralsAndExpressions() throws Exception {
        PmdlFile file = parser.parse("""
                platform p {
                    arch x86_64
                    nvdimm a { size 4G - 128K }
                    nvdimm b { size 64 * 256M }
                    nvdimm c { size 0x10000000 + 2 * 3K }
                    nvdimm d { size 128KiB }
                    nvdimm e { size (1G + 1M) * 2 }
                    nvdimm f { size 1T }
                }
                """);
        validation.assertNoErrors(file);
        Platform p = (Platform) file.getElements().get(0);
        long[] expected = {4L * 1024 * 1024 * 1024 - 128 * 1024, 64L * 256 * 1024 * 1024,
            0x10000000L + 6 * 1024, 128 * 1024, 2 * ((1L << 30) + (1L << 20)), 1L << 40};
        for (int i = 0; i < expected.length; i++) {
            var dimm = (org.pmdl.dsl.pmdl.Nvdimm) p.getMembers().get(i + 1);
            assertEquals(BigInteger.valueOf(expected[i]), SizeExpressions.evaluate(dimm.getSize()), dimm.getName());
        }
    }

    /** How the address map labels sizes: as they are written in PMDL files, not as 4194176K. */
    @Test
    void sizesAreSpokenAsWritten() {
        assertEquals("4G - 128K", SizeExpressions.spoken((4L << 30) - (128L << 10)));
        assertEquals("4G + 128K", SizeExpressions.spoken((4L << 30) + (128L << 10)));
        assertEquals("16M", SizeExpressions.spoken(16L << 20));
        assertEquals("1536M", SizeExpressions.spoken(1536L << 20));
        assertEquals("4294836736", SizeExpressions.spoken((4L << 30) - (128L << 10) + 512));
        assertEquals("4095", SizeExpressions.spoken(4095));
    }

    @Test
    void namesMayContainDotsAndDashesAndCommentsAreIgnored() throws Exception {
        PmdlFile file = parser.parse("""
                // line comment
                platform my-platform.v2 {   /* block
                                               comment */
                    arch x86_64
                    nvdimm nmem0.a-b { size 4G }
                    region region0 at 0 { mapping nmem0.a-b dpa 0 size 4G }
                }
                """);
        validation.assertNoErrors(file);
        Region region = (Region) ((Platform) file.getElements().get(0)).getMembers().get(2);
        Mapping mapping = region.getMappings().get(0);
        assertEquals("nmem0.a-b", mapping.getNvdimm().getName());
    }

    @Test
    void syntaxErrorIsLocated() throws Exception {
        PmdlFile file = parser.parse("""
                platform p {
                    arch x86_64
                    nvdimm nmem0 { size }
                }
                """);
        var errors = file.eResource().getErrors();
        assertFalse(errors.isEmpty());
        assertEquals(3, errors.get(0).getLine());
    }

    @Test
    void syntaxErrorsSayWhatToWriteNotTheTerminalName() throws Exception {
        assertSyntaxError("platform p {\n    arch x86_64\n    nvdimm { size 4G }\n}\n", "a name");
        assertSyntaxError("platform p {\n    arch x86_64\n    nvdimm nmem0 { size }\n}\n", "expected a size");
        assertSyntaxError(X86 + "scenario s on x86 {\n    frobnicate nmem0\n}\n", "expected a step");
        assertSyntaxError(X86 + "scenario s on x86 {\n    init-labels nmem0 expect\n}\n", "expected an expectation");
        assertSyntaxError("platform p {\n    arch x86_64\n    nvdimm nmem0 { size 4G colour red }\n}\n",
                "expected `size`, `label-area` or `}`");
        assertSyntaxError("platform p {\n    arch x86_64\n    gadget g { }\n}\n", "expected a platform attribute");
        assertSyntaxError("platform p { arch x86_64 }\nplatfrom q { }\n", "expected `platform`, `scenario` or `import`");
        assertSyntaxError(X86 + "scenario s on x86 {\n    create namespace ns0 in region0 mode fast\n}\n",
                "unexpected 'fast'; expected a mode: raw, sector, fsdax or devdax");
        // the lexer's error stands beside the parser's at the same line: either may come first
        var unterminated = parser.parse(X86 + "scenario s on x86 {\n    expect log \"no end\n}\n").eResource().getErrors();
        assertTrue(unterminated.stream().anyMatch(e -> e.getMessage().startsWith("unterminated string: a \"string\""
                + " ends with \" on the line it starts on")), unterminated::toString);
        assertSyntaxError(X86 + "scenario s on x86 {\n    init-labels nmem0\n", "unexpected end of file; expected a step");
    }

    /** Sizes written as other tools write them: the message names PMDL's units and the size to write. */
    @Test
    void aMalformedSizeNamesTheUnits() throws Exception {
        for (String[] written : new String[][] {{"512MB", "write 512M"}, {"512m", "not a size"}, {"512Mi", "not a size"},
                {"1.5G", "write 1536M"}, {"512kb", "write 512K"}}) {
            String message = assertSyntaxError("platform p {\n    arch x86_64\n    nvdimm nmem0 { size " + written[0]
                    + " }\n}\n", written[1]);
            assertTrue(message.contains("K, M, G or T (also KiB, MiB, GiB, TiB)"), message);
        }
    }

    /** The file's first syntax error: on line 3 or later, with {@code expected} in it and no ANTLR words. */
    private String assertSyntaxError(String text, String expected) throws Exception {
        var errors = parser.parse(text).eResource().getErrors();
        assertFalse(errors.isEmpty(), text);
        String message = errors.get(0).getMessage();
        assertTrue(message.contains(expected), () -> text + " → " + errors);
        for (String jargon : List.of("RULE_", "extraneous", "viable", "mismatched", "EOF", "input")) {
            assertFalse(message.contains(jargon), () -> text + " → " + message);
        }
        return message;
    }

    @Test
    void createNamespaceOptionsInAnyOrder() throws Exception {
        PmdlFile file = parser.parse(X86 + """
                scenario s on x86 {
                    create namespace ns0 in region0 force align 2M size 1G mode devdax
                }
                """);
        validation.assertNoErrors(file);
        var create = (CreateNamespace) ((ActionStep) ((Scenario) file.getElements().get(1)).getSteps().get(0))
                .getAction();
        assertTrue(create.isForce());
        assertEquals(BigInteger.valueOf(1L << 30), SizeExpressions.evaluate(create.getSize()));
    }

    private static AttributeCondition condition(Scenario scenario, int step) {
        return (AttributeCondition) ((ExpectCondition) ((ExpectStep) scenario.getSteps().get(step)).getExpectation())
                .getCondition();
    }
}
