package org.pmdl.cli.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pmdl.model.engine.Engine;
import org.pmdl.model.engine.RunOptions;
import org.pmdl.model.engine.ScenarioResult;

/**
 * Scenario clear_and_scrub_on_qemu of examples/ndctl/media-errors.pmdl as Linux 6.1.0-57-amd64 with ndctl 76.1 ran
 * it under QEMU ({@code PMDL_DIFF_KEEP=1 pmdl diff ... --scenario clear_and_scrub_on_qemu --kernel 6.1}). ndctl
 * clear-errors exits 1 with no errno for a BTT (ndctl/namespace.c namespace_clear_bb skips it); that agrees with
 * the model's NDCTL-CLEAR-BTT refusal, and only with a refusal.
 */
class MediaErrorsComparisonTest {
    /** The step index of `clear-errors bt` (after init-labels, two creates and two clear-errors of plain). */
    private static final String BTT_CLEAR = "@@pmdl step s0:5 rc=";
    /** The console's line ends (the serial console's CR LF). */
    private static final String EOL = "(\\r?\\n)";
    private static String console;
    private static ScenarioResult model;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = MediaErrorsComparisonTest.class.getResourceAsStream(
                "/console/clear_and_scrub_on_qemu.txt")) {
            console = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        KernelCommands.Loaded file = KernelCommands.Loaded.load(Path.of("../examples/ndctl/media-errors.pmdl"));
        model = new Engine(file.compiled().platforms()).run(file.scenario("clear_and_scrub_on_qemu"),
                RunOptions.DEFAULT);
    }

    private static List<StepComparison.Disagreement> compare(String text) {
        Transcript transcript = new Transcript();
        transcript.read(text);
        return StepComparison.compare(model, transcript.scenarios.get("s0"));
    }

    @Test
    void theRecordedRunAgrees() {
        assertEquals(List.of(), compare(console));
        assertTrue(Pattern.compile(BTT_CLEAR + "1" + EOL).matcher(console).find(),
                "the BTT's clear-errors exited 1");
    }

    @Test
    void aBttClearThatSucceededDisagreesWithTheSkip() {
        List<StepComparison.Disagreement> found = compare(console.replaceFirst(BTT_CLEAR + "1" + EOL,
                BTT_CLEAR + "0$1"));
        assertEquals("outcome", found.get(0).what(), found::toString);
        assertEquals("error EOPNOTSUPP", found.get(0).model());
        assertEquals("ok", found.get(0).kernel());
    }
}
