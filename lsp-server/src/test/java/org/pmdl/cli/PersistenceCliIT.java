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

    private static final String NS = "namespace0.0";
    private static final String X_Y_COMMIT = "%1$s[0x%2$s]=0 %1$s[0x0]=0 | %1$s[0x%2$s]=0 %1$s[0x0]=42 | "
            + "%1$s[0x%2$s]=1 %1$s[0x0]=42";
    private static final String X_Y_ORDERED = "%1$s[0x0]=0 %1$s[0x%2$s]=0 | %1$s[0x0]=42 %1$s[0x%2$s]=0 | "
            + "%1$s[0x0]=42 %1$s[0x%2$s]=1";

    /**
     * The exact post-crash states of every media expectation in examples/persistence, in step order, with the
     * axiom of docs/persistence.md that decides them: the commit flag never persists without its data (X1, W1,
     * X2, W4, D1), a fenced write-back is the only state (X1/W1/W2/K1/K2/X3/W5), `none` keeps nothing (D3), a
     * dirty shutdown keeps only the deep-flushed store (C2).
     */
    private static final java.util.Map<String, List<String>> EXPECTED_STATES = java.util.Map.ofEntries(
            java.util.Map.entry("generic_flush", List.of(NS + "[0x0]=1")),
            java.util.Map.entry("deep_flush", List.of(NS + "[0x0]=1", NS + "[0x40]=0 | " + NS + "[0x40]=2")),
            java.util.Map.entry("async_flush", List.of(NS + "[0x0]=1", NS + "[0x40]=2")),
            java.util.Map.entry("p10_commit", List.of(X_Y_COMMIT.formatted(NS, "80"), X_Y_ORDERED.formatted(NS, "80"))),
            java.util.Map.entry("p9_legacy", List.of(NS + "[0x0]=42")),
            java.util.Map.entry("p9_new_sequence", List.of(NS + "[0x0]=42")),
            java.util.Map.entry("p10_line", List.of(NS + "[0x40]=2")),
            java.util.Map.entry("p10_memcpy_flushcache", List.of(NS + "[0x0]=5")),
            java.util.Map.entry("p10_plwsync_orders", List.of(X_Y_ORDERED.formatted(NS, "80"))),
            java.util.Map.entry("commit_flag_adr", List.of(X_Y_COMMIT.formatted("ns0", "40"),
                    X_Y_ORDERED.formatted("ns0", "40"))),
            java.util.Map.entry("commit_flag_eadr", List.of("ns0[0x0]=42", "ns0[0x40]=1")),
            java.util.Map.entry("clflush_orders", List.of(X_Y_COMMIT.formatted("ns0", "40"))),
            java.util.Map.entry("non_temporal", List.of("ns0[0x0]=7", "ns0[0x80]=8", "ns0[0x100]=0 | ns0[0x100]=1")),
            java.util.Map.entry("same_program_adr", List.of(X_Y_COMMIT.formatted(NS, "40"))),
            java.util.Map.entry("same_program_eadr", List.of(X_Y_COMMIT.formatted(NS, "40"))),
            java.util.Map.entry("same_program_none", List.of(NS + "[0x40]=0 " + NS + "[0x0]=0")),
            java.util.Map.entry("p10_map_sync_policy", List.of()));

    @Test
    void examplesHaveExactlyTheExpectedPostCrashStates() throws Exception {
        CliIT.Result result = CliIT.pmdl("run", "--format", "json", EXAMPLES.resolve("persistence").toString());
        assertEquals(0, result.status(), result::toString);
        List<JsonObject> scenarios = scenarios(JsonParser.parseString(result.out()).getAsJsonObject());
        assertEquals(EXPECTED_STATES.keySet(), scenarios.stream().map(s -> s.get("name").getAsString())
                .collect(java.util.stream.Collectors.toSet()), "every example scenario is pinned");
        for (JsonObject scenario : scenarios) {
            List<String> states = StreamSupport.stream(scenario.getAsJsonArray("steps").spliterator(), false)
                    .map(st -> st.getAsJsonObject().getAsJsonObject("values"))
                    .filter(v -> v.has("states")).map(v -> v.get("states").getAsString()).toList();
            assertEquals(EXPECTED_STATES.get(scenario.get("name").getAsString()), states,
                    scenario.get("name").getAsString());
        }
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
        assertTrue(bad.err().contains("--to needs a whole number from 1 to 20, not 'x'"), bad.err());
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
