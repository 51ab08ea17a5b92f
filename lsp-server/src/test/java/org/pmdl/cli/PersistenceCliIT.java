package org.pmdl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crash exploration through the real CLI: post-crash state lists, counterexamples and findings in the reports. */
class PersistenceCliIT {
    private static final Path EXAMPLES = Path.of(System.getProperty("pmdl.examples"));

    /** Seed 001 S-06: the legacy dcbf + hwsync sequence on POWER10 may lose the data. */
    private static final String LEGACY_P10 = """
            platform p10 {
                arch ppc64
                cpu power10
                nvdimm nmem0 { size 4G }
                region region0 at 0x4000000000 { mapping nmem0 dpa 0 size 4G }
            }
            scenario legacy on p10 {
                store namespace0.0[0x0] = 42
                dcbf namespace0.0[0x0]
                hwsync
                power-fail
                expect durable namespace0.0[0x0]
            }
            """;

    @TempDir
    Path tmp;

    private static List<JsonObject> scenarios(JsonObject report) {
        return StreamSupport.stream(report.getAsJsonArray("files").spliterator(), false)
                .flatMap(f -> StreamSupport.stream(
                        f.getAsJsonObject().getAsJsonArray("scenarios").spliterator(), false))
                .map(JsonElement::getAsJsonObject).toList();
    }

    @Test
    void examplesReportTheAllowedPostCrashStates() throws Exception {
        CliIT.Result result = CliIT.pmdl("run", "--format", "json", EXAMPLES.resolve("persistence").toString());
        assertEquals(0, result.status(), result::toString);
        JsonObject commit = scenarios(JsonParser.parseString(result.out()).getAsJsonObject()).stream()
                .filter(s -> s.get("name").getAsString().equals("p10_commit")).findFirst().orElseThrow();
        JsonArray steps = commit.getAsJsonArray("steps");
        JsonObject expect = steps.get(7).getAsJsonObject();
        assertTrue(expect.getAsJsonObject("expectation").get("met").getAsBoolean());
        String states = expect.getAsJsonObject("values").get("states").getAsString();
        assertEquals(3, states.split(" \\| ").length, "y=1 with x=0 is the one forbidden state: " + states);
        assertTrue(states.contains("namespace0.0[0x80]=1 namespace0.0[0x0]=42"), states);
        assertEquals(7, expect.getAsJsonObject("values").get("crash_points").getAsInt());
    }

    @Test
    void benchVerdictsAgreeWithTheNaiveReordering() throws Exception {
        CliIT.Result result = CliIT.pmdl("bench", "persistence", "--from", "4", "--to", "6", "--rounds", "1");
        assertEquals(0, result.status(), result::toString);
        // pmreorder-full's count for n = 6 (Σ 6!/(6-k)!) and 2^6 unprojected sets at the crash point
        assertTrue(result.out().matches("(?s).*\\n6 +1,957 .* 64 +6 +0 .*"), result.out());
        assertTrue(result.out().contains("verdicts agree with pmreorder-full wherever it ran"), result.out());
        CliIT.Result bad = CliIT.pmdl("bench", "persistence", "--to", "x");
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("not a number"), bad.err());
    }

    @Test
    void unmetExpectationCarriesItsCounterexample() throws Exception {
        Path file = tmp.resolve("legacy.pmdl");
        Files.writeString(file, LEGACY_P10);
        CliIT.Result json = CliIT.pmdl("run", "--format", "json", file.toString());
        assertEquals(1, json.status(), json::toString);
        JsonObject report = JsonParser.parseString(json.out()).getAsJsonObject();
        JsonObject scenario = scenarios(report).get(0);
        assertEquals("fail", scenario.get("status").getAsString());
        JsonObject expect = scenario.getAsJsonArray("steps").get(4).getAsJsonObject();
        assertEquals(12, expect.get("line").getAsInt());
        assertEquals(false, expect.getAsJsonObject("expectation").get("met").getAsBoolean());
        assertEquals("crash after hwsync (line 10): persisted none; lost {store namespace0.0[0x0] = 42 (line 8)}; "
                + "reads namespace0.0[0x0] = 0", expect.get("counterexample").getAsString());
        JsonArray diagnostics = report.getAsJsonArray("files").get(0).getAsJsonObject().getAsJsonArray("diagnostics");
        assertTrue(diagnostics.toString().contains("\"rule\":\"PM-POWER10-LEGACY\""), diagnostics.toString());
        assertTrue(diagnostics.toString().contains("\"rule\":\"EXPECT-UNMET\""), diagnostics.toString());

        CliIT.Result text = CliIT.pmdl("run", file.toString());
        assertEquals(1, text.status());
        assertTrue(text.out().contains(":9:5: warning: [PM-POWER10-LEGACY] dcbf on POWER10"), text.out());
        assertTrue(text.out().contains("counterexample: crash after hwsync (line 10)"), text.out());
    }
}
