package org.pmdl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --baseline FILE}: today's findings are accepted, new ones fail; the file itself is written only when asked. */
class BaselineIT {
    @TempDir
    Path repo;

    @Test
    void acceptedFindingsPassAndOnlyNewOnesFail() throws Exception {
        Path file = repo.resolve("misaligned.pmdl");
        Files.writeString(file, SarifIT.MISALIGNED);
        assertEquals(1, CliProcess.pmdl(repo, "run", "misaligned.pmdl").status());

        CliProcess.Result check = CliProcess.pmdl(repo, "run", "--baseline", "pmdl-baseline.json", "misaligned.pmdl");
        assertEquals(1, check.status(), "a missing baseline accepts nothing: " + check);
        assertFalse(Files.exists(repo.resolve("pmdl-baseline.json")), "written only with --update-baseline");

        CliProcess.Result update = CliProcess.pmdl(repo, "run", "--baseline", "pmdl-baseline.json",
                "--update-baseline", "misaligned.pmdl");
        assertEquals(0, update.status(), update::toString);
        var findings = JsonParser.parseString(Files.readString(repo.resolve("pmdl-baseline.json"))).getAsJsonObject()
                .getAsJsonArray("findings");
        assertEquals(2, findings.size());
        assertEquals("EXPECT-UNMET", findings.get(1).getAsJsonObject().get("rule").getAsString());

        CliProcess.Result accepted = CliProcess.pmdl(repo, "run", "--baseline", "pmdl-baseline.json",
                "misaligned.pmdl");
        assertEquals(0, accepted.status(), accepted::toString);
        assertTrue(accepted.out().contains("[EXPECT-UNMET]"), "accepted findings are still shown");
        assertTrue(accepted.err().contains("0 new finding(s)"), accepted::toString);

        // A second unmet expectation: the scenario's first namespace was refused, so ns0 has no mode either.
        Files.writeString(file, "// moved down a line\n" + SarifIT.MISALIGNED.replace("size 100M\n",
                "size 100M\n    expect ns0.mode == fsdax\n"));
        CliProcess.Result fresh = CliProcess.pmdl(repo, "run", "--baseline", "pmdl-baseline.json", "misaligned.pmdl");
        assertEquals(1, fresh.status(), fresh::toString);
        assertTrue(fresh.err().contains("1 new finding(s)"), fresh::toString);
    }

    @Test
    void strictNewFailsOnNewWarningsOnly() throws Exception {
        Path file = repo.resolve("refused.pmdl");
        Files.writeString(file, "platform p { arch x86_64 }\n");
        assertEquals(0, CliProcess.pmdl(repo, "run", "--baseline", "b.json", "--update-baseline", "refused.pmdl")
                .status());
        // A refused step without an expectation is a warning (STEP-REFUSED), not an error.
        Files.writeString(file, SarifIT.MISALIGNED.replace("    expect ns0.size == 100M\n", ""));
        assertEquals(0, CliProcess.pmdl(repo, "run", "--baseline", "b.json", "refused.pmdl").status());
        CliProcess.Result strict = CliProcess.pmdl(repo, "run", "--baseline", "b.json", "--strict-new",
                "refused.pmdl");
        assertEquals(1, strict.status(), strict::toString);
        assertEquals(0, CliProcess.pmdl(repo, "run", "--baseline", "b.json", "--update-baseline", "refused.pmdl")
                .status());
        assertEquals(0, CliProcess.pmdl(repo, "run", "--baseline", "b.json", "--strict-new", "refused.pmdl")
                .status(), "accepted warnings stay relaxed");
    }

    @Test
    void unreadableBaselineIsAUsageErrorNotAStackTrace() throws Exception {
        Files.writeString(repo.resolve("ok.pmdl"), "platform p { arch x86_64 }\n");
        Files.writeString(repo.resolve("baseline.json"), "{ not json");
        CliProcess.Result result = CliProcess.pmdl(repo, "check", "--baseline", "baseline.json", "ok.pmdl");
        assertEquals(2, result.status(), result::toString);
        assertTrue(result.err().contains("baseline.json: not a PMDL baseline"), result::toString);
        assertFalse(result.err().contains("\tat "), result::toString);
    }
}
