package org.pmdl.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pmdl.model.engine.Engine;
import org.pmdl.model.engine.RunOptions;
import org.pmdl.model.engine.ScenarioResult;
import org.pmdl.model.engine.StepResult;

/**
 * A pfn layout with no room for data (dataoff = size - end_trunc = 512M): Linux 6.1 creates a size-0 namespace and
 * oopses when the fsdax one is destroyed (docs/kernel-observations/t612c-*), 6.12 refuses the create with ENXIO
 * (pfn_devs.c nd_pfn_init, "Prevent the creation of zero-sized namespaces"; pmdl diff, examples/x86/zero-size-pfn).
 */
class ZeroSizePfnTest extends LanguageTestSupport {
    private static final String FILE = """
            platform p {
                arch x86_64
                nvdimm nmem0 { size 4G  label-area 128K }
                region region0 at 0x100000000 { mapping nmem0 dpa 0 size 4G - 128K }
            }
            scenario s on p {
                init-labels nmem0
                create namespace ns0 in region0 mode raw size 512M
                create namespace ns1 in region0 mode MODE size 1G align 1G
                destroy namespace ns1
            }
            """;

    private ScenarioResult run(String mode, String kernel) throws Exception {
        var compiled = compile(FILE.replace("MODE", mode));
        return new Engine(compiled.platforms()).run(compiled.scenarios().get(0), new RunOptions(kernel, 10));
    }

    @Test
    void fsdaxOn61IsCreatedEmptyAndItsDestroyTakesTheKernelDown() throws Exception {
        ScenarioResult r = run("fsdax", "6.1");
        assertTrue(r.steps().get(2).ok());
        assertEquals(0L, r.stateAfter(2).values().stream().filter(v -> "fsdax".equals(String.valueOf(v.get("mode"))))
                .findFirst().orElseThrow().get("npfns"));
        StepResult destroy = r.steps().get(3);
        assertFalse(destroy.ok());
        assertNull(destroy.errno(), "a crash, not an errno");
        assertEquals("PFN-ZERO-SIZE-OOPS", destroy.applied().get(0).id());
    }

    @Test
    void devdaxOn61IsDestroyedCleanly() throws Exception {
        ScenarioResult r = run("devdax", "6.1");
        assertTrue(r.steps().get(2).ok());
        assertTrue(r.steps().get(3).ok(), r.steps().get(3).toString());
    }

    @Test
    void since65TheCreateIsRefused() throws Exception {
        for (String kernel : new String[] {"6.6", "6.12", "6.18"}) {
            StepResult create = run("fsdax", kernel).steps().get(2);
            assertEquals("ENXIO", create.errno(), kernel);
            assertEquals("PFN-INIT-CAPACITY", create.applied().get(0).id(), kernel);
        }
    }
}
