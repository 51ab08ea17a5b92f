package org.pmdl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code pmdl} command as a user runs it: the shaded jar in its own JVM, its exit status, stdout and stderr
 * (contract: language.md §4 and §5).
 */
class CliIT {
    private static final Path EXAMPLES = Path.of(System.getProperty("pmdl.examples"));
    private static final Pattern DIAGNOSTIC = Pattern.compile("^(.+):(\\d+):(\\d+): (error|warning|info): \\[([A-Z0-9-]+)] .+$");

    private static final String UNMET = """
            platform p {
                arch x86_64
                nvdimm nmem0 { size 4G label-area 128K }
                region region0 at 0x100000000 { mapping nmem0 dpa 0 size 4G - 128K }
            }
            scenario wrong on p {
                init-labels nmem0
                create namespace ns1 in region0 mode raw size 17M   expect ok
            }
            """;

    @TempDir
    Path tmp;

    record Result(int status, String out, String err) {
    }

    static Result pmdl(String... args) throws IOException, InterruptedException {
        CliProcess.Result result = CliProcess.pmdl(null, args);
        return new Result(result.status(), result.out(), result.err());
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void assertNoStackTrace(Result result) {
        assertFalse(result.err().contains("\tat ") || result.out().contains("\tat "), () -> "stack trace:\n" + result);
        assertFalse(result.err().contains("Exception") || result.out().contains("Exception"), result::toString);
    }

    private Path write(String name, String text) throws IOException {
        Path file = tmp.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    /** Like a test runner: one line per scenario and the totals last; {@code -v} adds every step. */
    @Test
    void runOnTheExamplesPrintsOneLinePerScenario() throws Exception {
        Result result = pmdl("run", EXAMPLES.toString());
        assertEquals(0, result.status(), result::toString);
        List<String> lines = result.out().lines().toList();
        JsonObject summary = JsonParser.parseString(pmdl("run", "--format", "json", EXAMPLES.toString()).out())
                .getAsJsonObject().getAsJsonObject("summary");
        int scenarios = summary.getAsJsonObject("scenarios").get("pass").getAsInt();
        assertTrue(scenarios > 50, summary::toString);
        assertEquals(scenarios, lines.stream().filter(l -> l.startsWith("✓ ")).count(), result.out());
        int diagnostics = summary.get("errors").getAsInt() + summary.get("warnings").getAsInt()
                + summary.get("infos").getAsInt();
        assertEquals(diagnostics, lines.stream().filter(l -> DIAGNOSTIC.matcher(l).matches()).count());
        assertEquals(scenarios + diagnostics + 1, lines.size(), "nothing else but the totals: " + result.out());
        assertTrue(lines.get(lines.size() - 1).startsWith("pmdl: " + summary.get("files").getAsInt() + " file(s)")
                && lines.get(lines.size() - 1).contains(scenarios + " pass, 0 fail, 0 error; "
                        + summary.get("steps").getAsInt() + " steps"), result.out());
        assertTrue(Pattern.compile("(?m)^✓ fsdax_1G · \\d+ steps · \\d+ findings? · qemu_x86, kernel 6.1, distro upstream · .+\\.pmdl$")
                .matcher(result.out()).find(), result.out());
        assertNoStackTrace(result);

        Result verbose = pmdl("run", "-v", EXAMPLES.toString());
        assertEquals(0, verbose.status(), verbose::toString);
        assertEquals(summary.get("steps").getAsInt(), verbose.out().lines()
                .filter(l -> l.matches("^\\s+\\d+\\s+\\S.*\\s(ok|error)( .*)?$")).count(), "a line per step");
        assertTrue(Pattern.compile("(?m)^\\s+\\d+\\s+create namespace\\s+(ok|error)").matcher(verbose.out()).find());
    }

    /** A failed scenario's line is followed by the step that failed it, its kernel log and the rule. */
    @Test
    void aFailedScenarioShowsTheStepThatFailedIt() throws Exception {
        Path file = write("unmet.pmdl", UNMET);
        List<String> lines = pmdl("run", file.toString()).out().lines().toList();
        int headline = lines.indexOf(lines.stream().filter(l -> l.startsWith("✗ wrong (fail) · 2 steps · 1 finding"))
                .findFirst().orElseThrow(() -> new AssertionError(lines)));
        assertTrue(lines.get(headline + 1).matches("\\s+8\\s+create namespace\\s+error EINVAL \\(refused by ndctl: "
                + "NDCTL-REGION-ALIGN\\).*\\[expect ok: NOT MET]"), lines::toString);
        assertTrue(lines.get(headline + 2).contains("| ndctl: Error: create namespace: region0: align setting is "
                + "0x1000000 size 0x1100000 is misaligned"), "its log: " + lines);
        assertTrue(lines.stream().noneMatch(l -> l.matches("\\s+7\\s+init-labels.*")), "the step that passed is not "
                + "shown: " + lines);
        assertTrue(lines.get(lines.size() - 1).startsWith("pmdl: 1 file(s), 1 error(s)"), lines::toString);
    }

    /**
     * A refusal without {@code expect error} is a warning (the scenario passes: a prediction); {@code --fail-on
     * refused} makes it fail the run, as a pre-commit hook wants. ndctl 76.1 refuses 17M in a 16M-aligned region
     * (validate_namespace_options; observed on Linux 6.1.192).
     */
    @Test
    void failOnRefusedMakesAnUnexpectedRefusalFail() throws Exception {
        Path file = write("refused.pmdl", UNMET.replace("   expect ok", ""));
        Result relaxed = pmdl("run", file.toString());
        assertEquals(0, relaxed.status(), relaxed::toString);
        assertTrue(relaxed.out().contains(file + ":8:5: warning: [STEP-REFUSED]"), relaxed.out());
        assertTrue(relaxed.out().contains("✓ wrong · 2 steps · 1 finding"), relaxed.out());
        Result strict = pmdl("run", "--fail-on", "refused", file.toString());
        assertEquals(1, strict.status(), strict::toString);
        assertTrue(strict.out().contains("✗ wrong · 2 steps · 1 finding"), strict.out());
        assertTrue(Pattern.compile("(?m)^\\s+8\\s+create namespace\\s+error EINVAL").matcher(strict.out()).find(),
                strict.out());
        Result unknown = pmdl("run", "--fail-on", "warnings", file.toString());
        assertEquals(2, unknown.status(), unknown::toString);
        assertTrue(unknown.err().contains("unknown --fail-on 'warnings'"), unknown.err());
    }

    @Test
    void jsonReportHasTheContractShape() throws Exception {
        Result result = pmdl("run", "--format", "json", EXAMPLES.toString());
        assertEquals(0, result.status(), result::toString);
        JsonObject root = JsonParser.parseString(result.out()).getAsJsonObject();
        assertEquals(1, root.get("version").getAsInt());
        JsonArray files = root.getAsJsonArray("files");
        assertFalse(files.isEmpty());
        int steps = 0;
        for (JsonElement f : files) {
            JsonObject file = f.getAsJsonObject();
            assertTrue(file.get("path").getAsString().endsWith(".pmdl"));
            for (JsonElement d : file.getAsJsonArray("diagnostics")) {
                assertDiagnosticShape(d.getAsJsonObject());
            }
            for (JsonElement s : file.getAsJsonArray("scenarios")) {
                JsonObject scenario = s.getAsJsonObject();
                for (String key : List.of("name", "platform", "kernel", "distro", "status")) {
                    assertTrue(scenario.get(key).getAsJsonPrimitive().isString(), key);
                }
                assertTrue(Set.of("pass", "fail", "error").contains(scenario.get("status").getAsString()));
                int previousLine = 0;
                for (JsonElement st : scenario.getAsJsonArray("steps")) {
                    JsonObject step = st.getAsJsonObject();
                    int line = step.get("line").getAsInt();
                    assertTrue(line > previousLine, "one entry per written step, in order");
                    previousLine = line;
                    assertTrue(step.get("op").getAsJsonPrimitive().isString());
                    String outcome = step.get("result").getAsString();
                    assertTrue(Set.of("ok", "error").contains(outcome));
                    assertEquals(outcome.equals("error"), step.has("errno"), "errno exactly on refused steps");
                    if (step.has("errno")) {
                        assertTrue(step.get("errno").getAsString().matches("E[A-Z0-9]+"), step.toString());
                    }
                    assertTrue(step.get("values").isJsonObject());
                    for (var value : step.getAsJsonObject("values").entrySet()) {
                        assertTrue(value.getValue().isJsonPrimitive(), value.getKey());
                    }
                    for (JsonElement log : step.getAsJsonArray("log")) {
                        assertTrue(log.getAsJsonPrimitive().isString());
                    }
                    if (step.has("expectation")) {
                        JsonObject expectation = step.getAsJsonObject("expectation");
                        assertTrue(expectation.get("text").getAsString().startsWith("expect"));
                        assertTrue(expectation.get("met").getAsJsonPrimitive().isBoolean());
                    }
                    steps++;
                }
            }
        }
        assertTrue(steps > 10, "the examples exercise the model");
    }

    private static void assertDiagnosticShape(JsonObject d) {
        assertTrue(d.get("rule").getAsString().matches("[A-Z0-9-]+"));
        assertTrue(Set.of("error", "warning", "info").contains(d.get("severity").getAsString()));
        for (String key : List.of("line", "column", "endLine", "endColumn")) {
            assertTrue(d.get(key).getAsInt() >= 1, key);
        }
        assertFalse(d.get("message").getAsString().isBlank());
        assertFalse(d.get("source").getAsString().isBlank());
    }

    @Test
    void syntaxErrorIsLocatedAndExitsOne() throws Exception {
        Path file = write("broken.pmdl", "platform p {\n    arch x86_64\n    nvdimm nmem0 { size }\n}\n");
        Result result = pmdl("check", file.toString());
        assertEquals(1, result.status(), result::toString);
        var line = result.out().lines().filter(l -> DIAGNOSTIC.matcher(l).matches() && l.contains("[SYNTAX]"))
                .findFirst().orElseThrow();
        var m = DIAGNOSTIC.matcher(line);
        assertTrue(m.matches());
        assertEquals(file.toString(), m.group(1));
        assertEquals("3", m.group(2));
        assertEquals("SYNTAX", m.group(5));
        assertNoStackTrace(result);
    }

    @Test
    void badReferenceExitsOneWithItsRule() throws Exception {
        Path file = write("ref.pmdl", """
                platform p {
                    arch x86_64
                    nvdimm nmem0 { size 4G }
                    region region0 at 0 { mapping nmem1 dpa 0 size 4G }
                }
                """);
        Result result = pmdl("check", file.toString());
        assertEquals(1, result.status(), result::toString);
        assertTrue(result.out().contains(file + ":4:35: error: [NAME-UNRESOLVED] no nvdimm named 'nmem1'"),
                result.out());
    }

    @Test
    void missingFileExitsTwoWithoutStackTrace() throws Exception {
        Result result = pmdl("check", tmp.resolve("nope.pmdl").toString());
        assertEquals(2, result.status(), result::toString);
        assertTrue(result.err().contains("nope.pmdl") && result.err().contains("no such file"), result.err());
        assertNoStackTrace(result);
    }

    @Test
    void usageErrorsExitTwo() throws Exception {
        assertEquals(2, pmdl().status());
        assertEquals(2, pmdl("frobnicate", "x.pmdl").status());
        Result badKernel = pmdl("run", "--kernel", "1.0", EXAMPLES.toString());
        assertEquals(2, badKernel.status());
        assertTrue(badKernel.err().contains("unknown kernel profile '1.0'"));
        assertEquals(2, pmdl("run", "--format", "yaml", EXAMPLES.toString()).status());
        assertEquals(0, pmdl("--help").status());
    }

    @Test
    void binaryGarbageIsASyntaxErrorNotACrash() throws Exception {
        Path file = tmp.resolve("garbage.pmdl");
        byte[] bytes = new byte[4096];
        new java.util.Random(42).nextBytes(bytes);
        Files.write(file, bytes);
        Result result = pmdl("check", file.toString());
        assertEquals(1, result.status(), result::toString);
        assertTrue(result.out().contains("[SYNTAX]"));
        assertNoStackTrace(result);
    }

    @Test
    void unmetExpectationFailsTheRunAndNamesTheRule() throws Exception {
        Path file = write("unmet.pmdl", UNMET);
        Result result = pmdl("run", file.toString());
        assertEquals(1, result.status(), result::toString);
        assertTrue(result.out().contains(file + ":8:5: error: [EXPECT-UNMET]"), result.out());
        assertTrue(result.out().contains("EINVAL"), "says what the kernel does instead");
        Result json = pmdl("run", "--format", "json", file.toString());
        JsonObject step = JsonParser.parseString(json.out()).getAsJsonObject().getAsJsonArray("files").get(0)
                .getAsJsonObject().getAsJsonArray("scenarios").get(0).getAsJsonObject().getAsJsonArray("steps").get(1)
                .getAsJsonObject();
        assertEquals("error", step.get("result").getAsString());
        assertEquals("EINVAL", step.get("errno").getAsString());
        assertFalse(step.getAsJsonObject("expectation").get("met").getAsBoolean());
        // ndctl 76.1 validate_namespace_options refuses a size that is not a multiple of the region align
        // before it writes sysfs (observed on Linux 6.1.192: "align setting is 0x1000000 size 0x1100000")
        assertEquals("ndctl", step.get("refusedBy").getAsString());
        assertEquals("NDCTL-REGION-ALIGN", step.get("rule").getAsString());
        assertEquals("NDCTL-REGION-ALIGN", step.getAsJsonArray("rules").get(0).getAsString());
    }

    @Test
    void aKernelRefusalNamesTheKernelLayer() throws Exception {
        Path file = write("kernel-refusal.pmdl", """
                platform p {
                    arch x86_64
                    nvdimm nmem0 { size 4G label-area 128K }
                    region region0 at 0x100000000 { mapping nmem0 dpa 0 size 4G - 128K }
                }
                scenario three_meg on p {
                    set region0 align 3M   expect error EINVAL
                }
                """);
        Result json = pmdl("run", "--format", "json", file.toString());
        assertEquals(0, json.status(), json::toString);
        JsonObject step = JsonParser.parseString(json.out()).getAsJsonObject().getAsJsonArray("files").get(0)
                .getAsJsonObject().getAsJsonArray("scenarios").get(0).getAsJsonObject().getAsJsonArray("steps").get(0)
                .getAsJsonObject();
        // drivers/nvdimm/region_devs.c align_store: 3M is not a power of two → -EINVAL from the sysfs write
        assertEquals("kernel", step.get("refusedBy").getAsString());
        assertEquals("ALIGN-REGION-STORE", step.get("rule").getAsString());
        assertTrue(pmdl("run", "-v", file.toString()).out().contains("error EINVAL (refused by kernel: ALIGN-REGION-STORE)"));
    }

    /**
     * language.md §3's own scenarios all run green: namespace sizes (observed on Linux 6.1.192, t02), the papr_scm
     * rebind after kexec (papr_scm.c, per hypervisor profile) and the POWER10 commit flag (dcbstps + phwsync
     * make each store durable in order, seed 002 / catalog A).
     */
    @Test
    void contractScenarios() throws Exception {
        String contract = System.getProperty("pmdl.contract");
        Result labelled = pmdl("run", "-v", "--scenario", "labelled_create", contract);
        assertEquals(0, labelled.status(), labelled::toString);
        assertTrue(labelled.out().contains("[expect ns0.size == 1054867456: met]"), labelled.out());

        Result rebind = pmdl("run", "-v", "--scenario", "kexec_rebind", contract);
        assertEquals(0, rebind.status(), rebind::toString);
        assertTrue(rebind.out().contains("[expect pmem0 bound: met]"), rebind.out());

        Result barriers = pmdl("run", "-v", "--scenario", "commit_flag", contract);
        assertEquals(0, barriers.status(), barriers::toString);
        assertTrue(barriers.out().contains("[expect ns0[0x80] == 1 implies ns0[0x0] == 1: met]"), barriers.out());

        Result unknown = pmdl("run", "--scenario", "no_such_scenario", contract);
        assertEquals(2, unknown.status(), unknown::toString);
    }

    @Test
    void directoriesAreSearchedForPmdlFiles() throws Exception {
        Files.createDirectories(tmp.resolve("a/b"));
        write("a/b/one.pmdl", "platform p { arch x86_64 }\n");
        write("a/notes.txt", "not pmdl");
        Result result = pmdl("check", tmp.resolve("a").toString());
        assertEquals(0, result.status(), result::toString);
        assertTrue(result.out().contains("1 file(s)"), result.out());
    }
}
