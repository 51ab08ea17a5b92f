package org.pmdl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Random hostile input against the CLI process: {@code pmdl bench fuzz} mutates the examples (tokens deleted,
 * duplicated and swapped in, deep parentheses, long sums, huge numbers, odd bytes, BOMs, bad imports, cuts) for 40 s
 * with a fixed seed, printed with any failure ({@code -Dpmdl.fuzz.seed=S} replays it or explores another); every
 * process must exit 0, 1 or 2 in time, with no stack trace or internal error, and write nothing. docs/bench.md has a long run.
 */
class CliFuzzIT {
    @Test
    void mutatedExamplesGetAnswersNeverCrashesHangsOrWrites() throws Exception {
        String seconds = String.valueOf(Integer.getInteger("pmdl.fuzz.seconds", 40));
        // A fixed seed in the suite, so a build's verdict does not depend on chance; -Dpmdl.fuzz.seed=S explores.
        // Seed 1610714744 found a memory range ending past 2^63-1 (HotplugLanguageTest now covers it).
        String seed = System.getProperty("pmdl.fuzz.seed", "1");
        CliProcess.Result result = CliProcess.pmdl(null, "bench", "fuzz", "--seconds", seconds, "--seed", seed,
                System.getProperty("pmdl.examples"));
        assertEquals(0, result.status(), result::toString);
        assertTrue(result.out().matches("(?s).*seed " + seed + ": \\d+ cases in [1-9]\\d* processes, 0 failed.*"),
                result::toString);
    }
}
