package org.pmdl.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.google.inject.Injector;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.junit.jupiter.api.Test;
import org.pmdl.dsl.ide.PmdlIdeSetup;
import org.pmdl.dsl.pmdl.PmdlFile;
import org.pmdl.model.engine.ScenarioStatus;

/** The server reruns only the scenarios whose compiled steps, platforms or options changed. */
class ScenarioRunsTest {
    static final String FILE = """
            platform p {
                arch x86_64
                kernel "6.1"
                nvdimm nmem0 { size 4G  label-area 128K }
                region region0 at 0x100000000 { mapping nmem0 dpa 0 size 4G - 128K }
            }
            scenario kept on p {
                init-labels nmem0
                create namespace ns0 in region0 mode fsdax size 1G align 2M
            }
            scenario edited on p {
                init-labels nmem0
                create namespace ns1 in region0 mode raw size 1G
                expect ns1.size == 2G
            }
            """;
    private static final URI URI_OF_FILE = URI.createURI("memory:/runs.pmdl");
    private final Injector injector = new PmdlIdeSetup().createInjectorAndDoEMFRegistration();

    private PmdlFile parse(String text) throws IOException {
        Resource resource = injector.getInstance(XtextResourceSet.class).createResource(URI_OF_FILE);
        resource.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), Map.of());
        return (PmdlFile) resource.getContents().get(0);
    }

    private ScenarioRuns.Snapshot run(ScenarioRuns runs, String text) throws IOException {
        return runs.runNow(parse(text), URI_OF_FILE, ScenarioRuns.LIVE, () -> false);
    }

    @Test
    void anUnchangedScenarioKeepsItsRunAnEditedOneIsRerun() throws IOException {
        ScenarioRuns runs = new ScenarioRuns();
        var first = run(runs, FILE);
        assertEquals(ScenarioStatus.FAIL, first.scenario("edited").orElseThrow().status(), "1G is not 2G");

        var second = run(runs, FILE.replace("mode raw size 1G", "mode raw size 2G"));
        assertSame(first.scenario("kept").orElseThrow(), second.scenario("kept").orElseThrow());
        assertNotSame(first.scenario("edited").orElseThrow(), second.scenario("edited").orElseThrow());
        assertEquals(ScenarioStatus.PASS, second.scenario("edited").orElseThrow().status());

        // a line inserted above moves every step: the findings' positions change, so both scenarios run again
        var third = run(runs, "// moved\n" + FILE.replace("mode raw size 1G", "mode raw size 2G"));
        assertNotSame(second.scenario("kept").orElseThrow(), third.scenario("kept").orElseThrow());
        assertEquals(9, third.scenario("kept").orElseThrow().steps().get(0).step().source().line(), "was line 8");
    }
}
