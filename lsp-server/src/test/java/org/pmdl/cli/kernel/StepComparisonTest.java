package org.pmdl.cli.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pmdl.model.engine.Engine;
import org.pmdl.model.engine.RunOptions;
import org.pmdl.model.engine.ScenarioResult;
import org.pmdl.model.scenario.ScenarioSpec;

/**
 * The comparison on a real guest console: scenario fsdax_1G of examples/x86/labelled-namespaces.pmdl as Linux
 * 6.1.0-56-amd64 with ndctl 76.1 ran it under QEMU 7.2 ({@code PMDL_DIFF_KEEP=1 pmdl diff ... --scenario
 * fsdax_1G}). Unchanged it agrees with the model; each edit of what the kernel printed shows as exactly one
 * disagreement at the step that printed it.
 */
class StepComparisonTest {
    private static String console;
    private static ScenarioResult model;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = StepComparisonTest.class.getResourceAsStream("/console/fsdax_1G.txt")) {
            console = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        KernelCommands.Loaded file = KernelCommands.Loaded.load(Path.of("../examples/x86/labelled-namespaces.pmdl"));
        ScenarioSpec scenario = file.scenario("fsdax_1G");
        model = new Engine(file.compiled().platforms()).run(scenario, RunOptions.DEFAULT);
    }

    private static List<StepComparison.Disagreement> compare(String text) {
        Transcript transcript = new Transcript();
        transcript.read(text);
        assertEquals(0, transcript.endStatus);
        return StepComparison.compare(model, transcript.scenarios.get("s0"));
    }

    @Test
    void theRecordedRunAgrees() throws IOException {
        assertEquals(List.of(), compare(console));
    }

    @Test
    void aDifferentUsableSizeIsOneDisagreementAtTheCreateStep() {
        List<StepComparison.Disagreement> found = compare(console.replace("\"size\":1054867456",
                "\"size\":1054867457"));
        assertEquals(1, found.size(), found::toString);
        assertEquals("ns0.size", found.get(0).what());
        assertEquals(2, found.get(0).step()); // create namespace ns0, after init-labels and an expect
        assertEquals(1054867457L, found.get(0).kernel());
    }

    @Test
    void aRefusalTheModelDidNotPredictIsAnOutcomeDisagreement() {
        String refused = console.replaceFirst("@@pmdl step s0:2 rc=0", "@@pmdl step s0:2 rc=237\n"
                + "@@pmdl | failed to create namespace: No space left on device");
        List<StepComparison.Disagreement> found = compare(refused);
        assertEquals("outcome", found.get(0).what());
        assertEquals("ok", found.get(0).model());
        assertEquals("error ENOSPC", found.get(0).kernel());
    }

    @Test
    void anExtraKernelNamespaceIsReported() {
        List<StepComparison.Disagreement> found = compare(console.replaceFirst("@@pmdl raw namespace0.1 0",
                "@@pmdl raw namespace0.1 16777216"));
        assertTrue(found.stream().anyMatch(d -> d.what().equals("namespace namespace0.1")), found::toString);
    }

    /**
     * ndctl init-labels exits EXIT_FAILURE whatever refused it (ndctl/dimm.c cmd_init_labels), so a refusal only
     * agrees with a model that refuses too (examples/pseries/scm-init-labels.pmdl, on the real kernel in KernelIT);
     * here the model initialises the labels.
     */
    @Test
    void aRefusedInitLabelsTheModelAcceptedIsAnOutcomeDisagreement() {
        List<StepComparison.Disagreement> found = compare(console.replaceFirst("@@pmdl step s0:0 rc=0",
                "@@pmdl step s0:0 rc=1\n@@pmdl | nmem0: error: labels already initialized"));
        assertEquals("outcome", found.get(0).what(), found::toString);
        assertEquals("ok", found.get(0).model());
        assertEquals("error exit status 1", found.get(0).kernel());
    }
}
