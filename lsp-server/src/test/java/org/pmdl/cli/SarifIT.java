package org.pmdl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --format sarif}: the report is validated by Microsoft's SARIF multitool with the SARIF and GitHub
 * ingestion rule sets (scripts/setup-sarif-multitool installs it; CI must have it), results point at the
 * repository-relative file and line, and fingerprints survive edits elsewhere in the file.
 */
class SarifIT {
    /**
     * 100M is not a multiple of the region's default 16M align, so ndctl refuses the namespace: "align setting is
     * 0x1000000 size 0x6400000 is misaligned" (ndctl 76.1 ndctl/namespace.c validate_namespace_options); the
     * expectation on line 9 then fails.
     */
    static final String MISALIGNED = """
            platform p {
                arch x86_64
                nvdimm nmem0 { size 4G  label-area 128K }
                region region0 at 0x100000000 { mapping nmem0 dpa 0 size 4G - 128K }
            }
            scenario s on p {
                init-labels nmem0
                create namespace ns0 in region0 mode fsdax size 100M
                expect ns0.size == 100M
            }
            """;

    @TempDir
    Path repo;

    @Test
    void reportPassesTheSarifAndGitHubRulesAndLocatesEveryFinding() throws Exception {
        Files.createDirectories(repo.resolve("pmem"));
        Files.writeString(repo.resolve("pmem/misaligned.pmdl"), MISALIGNED);
        CliProcess.Result result = CliProcess.pmdl(repo, "run", "--format", "sarif", "pmem");
        assertEquals(1, result.status(), result::toString);
        JsonObject run = JsonParser.parseString(result.out()).getAsJsonObject().getAsJsonArray("runs").get(0)
                .getAsJsonObject();

        List<String> located = new ArrayList<>();
        for (JsonElement element : run.getAsJsonArray("results")) {
            JsonObject entry = element.getAsJsonObject();
            JsonObject physical = entry.getAsJsonArray("locations").get(0).getAsJsonObject()
                    .getAsJsonObject("physicalLocation");
            located.add(entry.get("ruleId").getAsString() + " " + entry.get("level").getAsString() + " "
                    + physical.getAsJsonObject("artifactLocation").get("uri").getAsString() + ":"
                    + physical.getAsJsonObject("region").get("startLine").getAsInt());
            assertEquals("%SRCROOT%", physical.getAsJsonObject("artifactLocation").get("uriBaseId").getAsString());
        }
        assertEquals(List.of("STEP-REFUSED warning pmem/misaligned.pmdl:8", "EXPECT-UNMET error pmem/misaligned.pmdl:9"),
                located);
        // the run names the profile (no `kernel`: the default, 6.12) and the distro configuration it used
        assertEquals("[\"6.12\"]", run.getAsJsonObject("properties").get("kernelProfiles").toString());
        assertEquals("[\"upstream\"]", run.getAsJsonObject("properties").get("distros").toString());
        Set<String> ruleIds = new HashSet<>();
        for (JsonElement rule : run.getAsJsonObject("tool").getAsJsonObject("driver").getAsJsonArray("rules")) {
            JsonObject descriptor = rule.getAsJsonObject();
            ruleIds.add(descriptor.get("id").getAsString());
            assertTrue(descriptor.getAsJsonObject("help").get("text").getAsString().length() > 10, descriptor::toString);
        }
        assertTrue(ruleIds.containsAll(Set.of("STEP-REFUSED", "EXPECT-UNMET")), ruleIds::toString);

        Path sarif = repo.resolve("pmdl.sarif");
        Files.writeString(sarif, result.out());
        assertEquals(List.of(), multitoolProblems(sarif, "pmdl.validation.sarif"));

        // The validator is live: the same report with a result stripped of its location breaks GitHub's rules.
        JsonObject broken = JsonParser.parseString(result.out()).getAsJsonObject();
        broken.getAsJsonArray("runs").get(0).getAsJsonObject().getAsJsonArray("results").get(0).getAsJsonObject()
                .remove("locations");
        Path brokenFile = repo.resolve("broken.sarif");
        Files.writeString(brokenFile, broken.toString());
        List<String> problems = multitoolProblems(brokenFile, "broken.validation.sarif");
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("GH")), problems::toString);
    }

    @Test
    void fingerprintsSurviveEditsElsewhereInTheFile() throws Exception {
        Path file = repo.resolve("misaligned.pmdl");
        Files.writeString(file, MISALIGNED);
        List<String> before = fingerprints(CliProcess.pmdl(repo, "run", "--format", "sarif", "misaligned.pmdl"));
        Files.writeString(file, "// a comment and a blank line moved every finding down\n\n"
                + MISALIGNED.replace("    init-labels", "        init-labels"));
        List<String> after = fingerprints(CliProcess.pmdl(repo, "run", "--format", "sarif", "misaligned.pmdl"));
        assertEquals(2, before.size());
        assertEquals(before, after);
        Files.writeString(file, MISALIGNED.replace("size 100M\n", "size 100M\n    expect ns0.mode == fsdax\n"));
        List<String> edited = fingerprints(CliProcess.pmdl(repo, "run", "--format", "sarif", "misaligned.pmdl"));
        assertTrue(edited.containsAll(before) && edited.size() == 3, edited::toString);
    }

    private static List<String> fingerprints(CliProcess.Result result) {
        List<String> fingerprints = new ArrayList<>();
        JsonArray results = JsonParser.parseString(result.out()).getAsJsonObject().getAsJsonArray("runs").get(0)
                .getAsJsonObject().getAsJsonArray("results");
        for (JsonElement element : results) {
            fingerprints.add(element.getAsJsonObject().getAsJsonObject("partialFingerprints")
                    .get(SarifReport.FINGERPRINT).getAsString());
        }
        return fingerprints;
    }

    /** The multitool's findings about the file, each as "RULE: message"; none for a valid file. */
    private List<String> multitoolProblems(Path sarif, String outputName) throws Exception {
        Path tool = Path.of(System.getProperty("pmdl.root"),
                ".tools/sarif/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool");
        if (!Files.isExecutable(tool)) {
            assertFalse("true".equals(System.getenv("CI")), "CI must run scripts/setup-sarif-multitool first");
            Assumptions.abort("SARIF multitool not installed: run scripts/setup-sarif-multitool to validate the report");
        }
        Path output = repo.resolve(outputName);
        // Invariant globalization: the .NET tool then needs no ICU library on a minimal machine.
        CliProcess.Result validation = CliProcess.run(repo, Map.of("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "1"),
                List.of(tool.toString(), "validate", sarif.toString(), "--output", output.toString(), "--rule-kind",
                        "Sarif;Gh"));
        assertEquals(0, validation.status(), validation::toString);
        List<String> problems = new ArrayList<>();
        for (JsonElement element : JsonParser.parseString(Files.readString(output)).getAsJsonObject()
                .getAsJsonArray("runs").get(0).getAsJsonObject().getAsJsonArray("results")) {
            JsonObject problem = element.getAsJsonObject();
            problems.add(problem.get("ruleId").getAsString() + ": " + problem.getAsJsonObject("message"));
        }
        return problems;
    }
}
