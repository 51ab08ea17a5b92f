package org.pmdl.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Injector;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.junit.jupiter.api.Test;
import org.pmdl.dsl.analysis.RuleControl;
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

    /**
     * Random edits of a long scenario, each run as the server runs an edit (after the previous one, with what was
     * run ahead of it, left to finish or not): every result and finding equals a fresh server's run of the same text.
     * The outcomes themselves are the model's (each step is the model's step); what is compared is the two runs.
     */
    @Test
    void runsThatGoOnFromTheStepsBeforeAnEditEqualAFreshRun() throws Exception {
        java.util.Random random = new java.util.Random(20);
        List<String> steps = new ArrayList<>();
        steps.add("init-labels nmem0");
        for (int i = 0; i < 40; i++) {
            steps.add(step(random, i));
        }
        ScenarioRuns incremental = new ScenarioRuns();
        java.util.concurrent.BlockingQueue<ScenarioRuns.Finished> finished =
                new java.util.concurrent.LinkedBlockingQueue<>();
        incremental.onFinished(finished::add);
        for (int edit = 0; edit < 120; edit++) {
            int at = 1 + random.nextInt(steps.size() - 1);
            switch (random.nextInt(6)) {
                case 0 -> steps.remove(at);
                case 1 -> steps.add(at, step(random, edit));
                case 2 -> steps.add(step(random, edit)); // typing at the end
                default -> steps.set(at, step(random, edit)); // typing in a step
            }
            String text = FILE.substring(0, FILE.indexOf("scenario kept")) + "scenario long on p {\n    "
                    + String.join("\n    ", steps) + "\n}\n" + FILE.substring(FILE.indexOf("scenario edited"));
            incremental.prepare(parse(text), URI_OF_FILE, List.of(), new RunIssues.LineStarts(text, RuleControl.NONE));
            incremental.startPrepared();
            assertNotNull(finished.poll(60, java.util.concurrent.TimeUnit.SECONDS), "edit " + edit + " ran");
            Thread.sleep(random.nextInt(3) * 5L); // the run ahead: stopped early, or not

            var fresh = run(new ScenarioRuns(), text);
            var now = incremental.latest(URI_OF_FILE);
            assertEquals(fresh.scenarios(), now.scenarios(), "edit " + edit + ":\n" + text);
            assertEquals(fresh.diagnostics(), now.diagnostics(), "edit " + edit);
        }
        assertTrue(incremental.resumedRuns() > 20, "runs went on from a run ahead: " + incremental.resumedRuns());
    }

    /** A step of the long scenario: namespaces of random sizes (some too large), destroyed or checked. */
    private static String step(java.util.Random random, int i) {
        String ns = "ns" + random.nextInt(6);
        return switch (random.nextInt(4)) {
            case 0 -> "destroy namespace " + ns;
            case 1 -> "expect " + ns + ".size == " + (1 + random.nextInt(2)) + "G";
            default -> "create namespace " + ns + " in region0 mode " + (random.nextBoolean() ? "raw" : "fsdax")
                    + " size " + (256 << random.nextInt(4)) + "M";
        };
    }
}
