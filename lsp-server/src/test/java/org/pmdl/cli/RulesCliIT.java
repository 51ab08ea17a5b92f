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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmdl.model.rules.Rules;

/**
 * Rules for users from the command line, as a real process: {@code --disable}, {@code --error}, .pmdl.json and
 * {@code // pmdl: disable} comments change what is reported, never what is run; {@code pmdl rules} and
 * {@code pmdl explain}; SARIF's {@code helpUri}.
 *
 * Expected outcomes: ndctl 76.1 refuses a 17M raw namespace in a 16M-aligned region with EINVAL
 * (ndctl/namespace.c validate_namespace_options; observed on Linux 6.1.192, docs/kernel-observations/t02), so
 * line 8 is a refused step without expectation (STEP-REFUSED) and line 9 an unmet {@code expect ok}.
 */
class RulesCliIT {
    private static final String PLATFORM = """
            platform p {
                arch x86_64
                nvdimm nmem0 { size 4G  label-area 128K }
                region region0 at 0x100000000 { mapping nmem0 dpa 0 size 4G - 128K }
            }
            """;
    private static final String REFUSED = PLATFORM + """
            scenario odd_size on p {
                init-labels nmem0
                create namespace ns0 in region0 mode raw size 17M
            }
            """;
    private static final String REFUSED_AND_UNMET = PLATFORM + """
            scenario odd_size on p {
                init-labels nmem0
                create namespace ns0 in region0 mode raw size 17M
                create namespace ns1 in region0 mode raw size 17M   expect ok
            }
            """;

    @TempDir
    Path tmp;

    @Test
    void disableSilencesAFindingButTheScenarioStillSeesTheRealOutcome() throws Exception {
        Path file = write("unmet.pmdl", REFUSED_AND_UNMET);
        CliProcess.Result plain = pmdl("run", file.toString());
        assertEquals(1, plain.status(), plain::toString);
        assertTrue(plain.out().contains("unmet.pmdl:8:5: warning: [STEP-REFUSED]")
                && plain.out().contains("unmet.pmdl:9:5: error: [EXPECT-UNMET]"), plain::toString);

        CliProcess.Result disabled = pmdl("run", "-v", "--disable", "STEP-REFUSED,EXPECT-UNMET", file.toString());
        assertFalse(disabled.out().contains("[STEP-REFUSED]") || disabled.out().contains("[EXPECT-UNMET]"),
                disabled::toString);
        // the model ran as before: the step is refused, the expectation is not met, the scenario fails
        assertTrue(disabled.out().contains("✗ odd_size") && disabled.out().contains("error EINVAL")
                && disabled.out().contains("[expect ok: NOT MET]"), disabled::toString);
        assertEquals(1, disabled.status(), "an unmet expectation still fails the scenario: " + disabled);
        assertEquals(disabled.out(), pmdl("run", "-v", "--disable=STEP-REFUSED", "--disable", "EXPECT-UNMET",
                file.toString()).out(), "repeated options and comma lists say the same");
    }

    @Test
    void errorTurnsAWarningIntoAnErrorAndTheExitStatusFollows() throws Exception {
        Path file = write("refused.pmdl", REFUSED);
        CliProcess.Result plain = pmdl("run", file.toString());
        assertEquals(0, plain.status(), "a refused step is a warning by default: " + plain);
        assertTrue(plain.out().contains("refused.pmdl:8:5: warning: [STEP-REFUSED]"), plain::toString);
        CliProcess.Result strict = pmdl("run", "--error", "STEP-REFUSED", file.toString());
        assertEquals(1, strict.status(), strict::toString);
        assertTrue(strict.out().contains("refused.pmdl:8:5: error: [STEP-REFUSED]"), strict::toString);
    }

    @Test
    void anUnknownRuleOnTheCommandLineIsAUsageErrorWithTheNearestIds() throws Exception {
        Path file = write("refused.pmdl", REFUSED);
        CliProcess.Result typo = pmdl("run", "--disable", "STEP-REFUSD", file.toString());
        assertEquals(2, typo.status(), typo::toString);
        assertTrue(typo.err().contains("--disable: unknown rule 'STEP-REFUSD' (did you mean STEP-REFUSED"),
                typo::toString);
        CliProcess.Result explain = pmdl("explain", "align-ns-siz");
        assertEquals(2, explain.status(), explain::toString);
        assertTrue(explain.err().contains("unknown rule 'align-ns-siz' (did you mean ALIGN-NS-SIZE"), explain::toString);
    }

    /** The nearest .pmdl.json above the file applies; its mistakes are located in it; comments act per line/file. */
    @Test
    void configurationFileAndComments() throws Exception {
        write(".pmdl.json", "{\n  \"error\": [\"STEP-REFUSED\"],\n  \"disable\": [\"NO-SUCH-RULE\"]\n}\n");
        Path file = write("sub/refused.pmdl", REFUSED);
        CliProcess.Result configured = pmdl("run", file.toString());
        assertEquals(1, configured.status(), configured::toString);
        assertTrue(configured.out().contains("refused.pmdl:8:5: error: [STEP-REFUSED]"), configured::toString);
        assertTrue(configured.err().contains(".pmdl.json:3:16: warning: [RULE-UNKNOWN] unknown rule 'NO-SUCH-RULE'"),
                configured::toString);

        Path onItsLine = write("sub/line.pmdl", REFUSED.replace("size 17M\n", "size 17M   // pmdl: disable STEP-REFUSED\n"));
        Path wholeFile = write("sub/whole.pmdl", "// checked by the nightly run\n// pmdl: disable STEP-REFUSED\n"
                + REFUSED);
        for (Path silent : List.of(onItsLine, wholeFile)) {
            CliProcess.Result result = pmdl("run", silent.toString());
            assertEquals(0, result.status(), result::toString);
            assertFalse(result.out().contains("[STEP-REFUSED]"), result::toString);
            assertTrue(result.out().contains("✓ odd_size"), result::toString);
        }
        Path unknown = write("sub/unknown.pmdl", REFUSED.replace("size 17M\n", "size 17M   // pmdl: disable STEP-REFUSE\n"));
        CliProcess.Result typo = pmdl("run", unknown.toString());
        assertTrue(typo.out().contains("unknown.pmdl:8:74: warning: [RULE-UNKNOWN] unknown rule 'STEP-REFUSE' in "
                + "`// pmdl: disable` (did you mean STEP-REFUSED"), typo::toString);
        assertTrue(typo.out().contains("unknown.pmdl:8:5: error: [STEP-REFUSED]"), "a typo silences nothing: " + typo);

        write(".pmdl.json", "{\n  \"disable\": [\"STEP-REFUSED\"\n}\n");
        CliProcess.Result broken = pmdl("run", file.toString());
        assertEquals(2, broken.status(), broken::toString);
        assertTrue(broken.err().matches("(?s).*\\.pmdl\\.json:3:\\d+: error: \\[CONFIG-INVALID] not valid JSON: Unterminated array\n.*"),
                broken::toString);
        assertFalse(broken.err().contains("\tat ") || broken.err().contains("Exception"), broken::toString);
    }

    @Test
    void rulesListsTheCatalogByLayerAndSubsystem() throws Exception {
        CliProcess.Result all = pmdl("rules");
        assertEquals(0, all.status(), all::toString);
        assertEquals(Rules.all().size() + 1, all.out().lines().count(), "a line per rule and the count");
        assertTrue(all.out().lines().anyMatch(l -> l.matches("ALIGN-NS-SIZE +kernel +error +.+")), all::toString);

        JsonArray ndctl = JsonParser.parseString(pmdl("rules", "--layer", "ndctl", "--format", "json").out())
                .getAsJsonArray();
        assertFalse(ndctl.isEmpty());
        Set<String> ids = new TreeSet<>();
        for (JsonElement element : ndctl) {
            JsonObject rule = element.getAsJsonObject();
            assertEquals("ndctl", rule.get("layer").getAsString(), rule::toString);
            assertTrue(rule.get("help").getAsString().startsWith("https://github.com/pmdl/pmdl/blob/main/docs/rules/"),
                    rule::toString);
            ids.add(rule.get("id").getAsString());
        }
        assertEquals(new TreeSet<>(Rules.all().values().stream().filter(r -> r.layer().equals("ndctl"))
                .map(r -> r.id()).toList()), ids);

        // each citation as file, function and releases; a template where the rule has one
        JsonArray paprJson = JsonParser.parseString(pmdl("rules", "--subsystem", "papr", "--format", "json").out())
                .getAsJsonArray();
        JsonObject ndctlRc = null;
        for (JsonElement element : paprJson) {
            if (element.getAsJsonObject().get("id").getAsString().equals("PAPR-NDCTL-RC")) {
                ndctlRc = element.getAsJsonObject();
            }
        }
        assertTrue(ndctlRc != null, paprJson::toString);
        JsonObject first = ndctlRc.getAsJsonArray("sources").get(0).getAsJsonObject();
        assertEquals("arch/powerpc/platforms/pseries/papr_scm.c", first.get("file").getAsString(), first::toString);
        assertEquals("papr_scm_ndctl, is_cmd_valid, papr_scm_service_pdsm", first.get("function").getAsString());
        assertEquals("drivers/nvdimm/bus.c", ndctlRc.getAsJsonArray("sources").get(1).getAsJsonObject().get("file")
                .getAsString());
        JsonArray virtio = JsonParser.parseString(pmdl("rules", "--subsystem", "hotplug", "--format", "json").out())
                .getAsJsonArray();
        assertTrue(virtio.toString().contains("\"message\":\"{addr} is outside {device}'s region {first}-{last}\""),
                virtio::toString);

        CliProcess.Result papr = pmdl("rules", "--subsystem", "papr");
        List<String> listed = papr.out().lines().filter(l -> !l.endsWith("rule(s)")).map(l -> l.split(" ")[0])
                .toList();
        assertEquals(Rules.all().values().stream().filter(r -> Rules.subsystem(r).equals("papr")).map(r -> r.id())
                .toList(), listed);
        CliProcess.Result bad = pmdl("rules", "--subsystem", "nfit");
        assertEquals(2, bad.status(), bad::toString);
        assertTrue(bad.err().contains("unknown subsystem 'nfit' (language, libnvdimm"), bad::toString);
    }

    /** explain prints the rule's section of docs/rules/ (bundled in the jar): facts, example, how to turn it off. */
    @Test
    void explainPrintsTheRuleWithItsExample() throws Exception {
        CliProcess.Result explained = pmdl("explain", "ndctl-region-align");
        assertEquals(0, explained.status(), explained::toString);
        String text = explained.out();
        assertTrue(text.startsWith("## NDCTL-REGION-ALIGN\n\nerror · layer ndctl · subsystem libnvdimm"), text);
        assertTrue(text.contains("Source: `ndctl 76.1 ndctl/namespace.c"), text);
        // the template its decider formats (NamespaceOptions.checkSize), placeholders named
        assertTrue(text.contains("Message: `` {region}: align setting is {align} size {size} is misaligned ``"), text);
        assertTrue(text.contains("Example: `examples/") && text.contains("```pmdl\nscenario "), text);
        assertTrue(text.contains("Page: https://github.com/pmdl/pmdl/blob/main/docs/rules/libnvdimm.md#ndctl-region-align"),
                text);
        CliProcess.Result none = pmdl("explain", "SYNTAX");
        assertTrue(none.out().contains("Example: none; no bundled example produces this rule."), none::toString);
    }

    @Test
    void sarifRulesLinkTheirPagesUnderAConfigurableBase() throws Exception {
        Path file = write("refused.pmdl", REFUSED);
        JsonObject rule = sarifRule(pmdl("check", "--format", "sarif", file.toString()), "ALIGN-NS-SIZE");
        assertEquals("https://github.com/pmdl/pmdl/blob/main/docs/rules/libnvdimm.md#align-ns-size",
                rule.get("helpUri").getAsString());
        List<String> command = new ArrayList<>(List.of(CliIT.javaExecutable(), "-jar", System.getProperty("pmdl.jar"),
                "check", "--format", "sarif", file.toString()));
        CliProcess.Result local = CliProcess.run(null, Map.of("PMDL_RULES_URL", "file:///srv/pmdl/docs/rules"),
                command);
        assertEquals("file:///srv/pmdl/docs/rules/libnvdimm.md#align-ns-size",
                sarifRule(local, "ALIGN-NS-SIZE").get("helpUri").getAsString());
    }

    private static JsonObject sarifRule(CliProcess.Result result, String id) {
        JsonArray rules = JsonParser.parseString(result.out()).getAsJsonObject().getAsJsonArray("runs").get(0)
                .getAsJsonObject().getAsJsonObject("tool").getAsJsonObject("driver").getAsJsonArray("rules");
        for (JsonElement rule : rules) {
            if (rule.getAsJsonObject().get("id").getAsString().equals(id)) {
                return rule.getAsJsonObject();
            }
        }
        throw new AssertionError(id + " not in " + rules);
    }

    /**
     * {@code check --fix} applies no fix of a disabled rule. REFUSED's step is decided by NDCTL-REGION-ALIGN (17M is
     * not a multiple of the region's 16M align), whose fix rounds the size up to 32M; the refusal is STEP-REFUSED,
     * whose fix expects it.
     */
    @Test
    void fixAppliesNoFixOfADisabledRule() throws Exception {
        String rounded = REFUSED.replace("size 17M", "size 32M");
        String expected = REFUSED.replace("size 17M", "size 17M expect error EINVAL");
        assertEquals(rounded, fixed("on/all.pmdl", REFUSED));
        assertEquals(expected, fixed("flag/rule.pmdl", REFUSED, "--disable", "NDCTL-REGION-ALIGN"));
        assertEquals(REFUSED, fixed("flag/refusal.pmdl", REFUSED, "--disable", "STEP-REFUSED"));
        write("config/.pmdl.json", "{\"disable\": [\"NDCTL-REGION-ALIGN\"]}");
        assertEquals(expected, fixed("config/rule.pmdl", REFUSED));
        String comment = REFUSED.replace("size 17M", "size 17M // pmdl: disable STEP-REFUSED");
        assertEquals(comment, fixed("comment/refusal.pmdl", comment));
    }

    /** The file's text after {@code pmdl check --fix ARGS FILE}. */
    private String fixed(String name, String text, String... args) throws Exception {
        Path file = write(name, text);
        List<String> command = new ArrayList<>(List.of("check", "--fix"));
        command.addAll(List.of(args));
        command.add(file.toString());
        CliProcess.Result result = pmdl(command.toArray(String[]::new));
        assertTrue(result.status() == 0 || result.status() == 1, result::toString);
        return Files.readString(file);
    }

    private static CliProcess.Result pmdl(String... args) throws IOException, InterruptedException {
        return CliProcess.pmdl(null, args);
    }

    private Path write(String name, String text) throws IOException {
        Path file = tmp.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }
}
