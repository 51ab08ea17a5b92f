package org.pmdl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A short soak in the default suite: {@code pmdl bench soak} with 2,000 grammar-aware edits and hover/completion
 * requests in flight (up to 40 at once) against the server as {@code ./pmdl lsp} runs it. No request may fail and
 * the server's stderr must hold no exception. {@code -Dpmdl.soak.edits=100000} runs the long soak of docs/bench.md.
 */
class LanguageServerSoakIT {
    @Test
    void aLongEditingSessionFailsNoRequestAndLogsNoException() throws Exception {
        String edits = String.valueOf(Integer.getInteger("pmdl.soak.edits", 2_000));
        CliProcess.Result result = CliProcess.pmdl(null, "bench", "soak", "--edits", edits);
        assertEquals(0, result.status(), result::toString);
        assertTrue(result.out().contains(" 0 failed; server stderr: 0 lines, 0 exceptions"), result::toString);
    }
}
