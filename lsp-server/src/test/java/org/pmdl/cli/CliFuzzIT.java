package org.pmdl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Random hostile input against the CLI process: {@code pmdl bench fuzz} mutates the examples (tokens deleted,
 * duplicated and swapped in, deep parentheses, long sums, huge numbers, odd bytes, BOMs, bad imports, cuts) for 40 s
 * with a new seed each time, printed with any failure for replay ({@code -Dpmdl.fuzz.seed=S}); every process must
 * exit 0, 1 or 2 in time, with no stack trace or internal error, and write nothing. docs/bench.md has a long run.
 */
class CliFuzzIT {
    @Test
    void mutatedExamplesGetAnswersNeverCrashesHangsOrWrites() throws Exception {
        String seconds = String.valueOf(Integer.getInteger("pmdl.fuzz.seconds", 40));
        String seed = System.getProperty("pmdl.fuzz.seed", String.valueOf(System.nanoTime() & Integer.MAX_VALUE));
        CliProcess.Result result = CliProcess.pmdl(null, "bench", "fuzz", "--seconds", seconds, "--seed", seed,
                System.getProperty("pmdl.examples"));
        assertEquals(0, result.status(), result::toString);
        assertTrue(result.out().matches("(?s).*seed " + seed + ": \\d+ cases in [1-9]\\d* processes, 0 failed.*"),
                result::toString);
    }
}
