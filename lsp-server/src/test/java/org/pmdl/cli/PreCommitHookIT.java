package org.pmdl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pre-commit hook as another repository uses it: a hook repository holding this checkout's
 * {@code .pre-commit-hooks.yaml} and {@code pmdl} launcher, a sample repository whose config names it, and a real
 * {@code pre-commit run --all-files} (Debian's pre-commit 3.0.4, offline). The launcher runs the jar under test
 * through PMDL_JAR instead of building one in pre-commit's clone.
 */
class PreCommitHookIT {
    private static final Path ROOT = Path.of(System.getProperty("pmdl.root")).toAbsolutePath().normalize();

    /** 8G of mapping on a 4G DIMM: nd_region_create refuses mappings past the DIMM (drivers/nvdimm/region_devs.c). */
    private static final String MAPPING_PAST_DIMM = """
            platform p {
                arch x86_64
                nvdimm nmem0 { size 4G  label-area 128K }
                region region0 at 0x100000000 { mapping nmem0 dpa 0 size 8G }
            }
            """;
    private static final String GOOD = MAPPING_PAST_DIMM.replace("size 8G", "size 4G - 128K");

    @TempDir
    Path tmp;

    @Test
    void hookPassesAGoodFileAndFailsABadOne() throws Exception {
        Path hooks = hookRepository();
        String rev = git(hooks, "rev-parse", "HEAD").out().trim();

        Path sample = tmp.resolve("sample");
        Files.createDirectories(sample.resolve("platforms"));
        Files.writeString(sample.resolve(".pre-commit-config.yaml"), """
                repos:
                  - repo: %s
                    rev: %s
                    hooks:
                      - id: pmdl-check
                      - id: pmdl-fmt
                """.formatted(hooks, rev));
        Files.writeString(sample.resolve("platforms/good.pmdl"), GOOD);
        Files.writeString(sample.resolve("README.txt"), "not PMDL, not checked\n");
        git(sample, "init", "-q");
        git(sample, "add", ".");

        CliProcess.Result good = preCommit(sample);
        assertEquals(0, good.status(), good::toString);
        assertTrue(good.out().matches("(?s).*pmdl check\\.+Passed.*pmdl fmt --check\\.+Passed.*"), good::toString);

        Files.writeString(sample.resolve("platforms/bad.pmdl"), MAPPING_PAST_DIMM);
        git(sample, "add", "platforms/bad.pmdl");
        CliProcess.Result bad = preCommit(sample);
        assertEquals(1, bad.status(), bad::toString);
        assertTrue(bad.out().matches("(?s).*pmdl check\\.+Failed.*pmdl fmt --check\\.+Passed.*"), bad::toString);
        assertTrue(bad.out().contains("platforms/bad.pmdl:4:62: error: [MAPPING-EXCEEDS-DIMM]"), bad::toString);
        assertFalse(bad.out().contains("good.pmdl:"), "the good file has nothing to report: " + bad);
    }

    /**
     * pmdl-run as the README's pre-commit section shows it: a step refused without `expect error` is a warning
     * (the hook passes) until `args: [--fail-on, refused]`. ndctl 76.1 refuses 17M in a 16M-aligned region
     * (validate_namespace_options; observed on Linux 6.1.192).
     */
    @Test
    void runHookFailsOnRefusedStepsWhenAsked() throws Exception {
        Path hooks = hookRepository();
        String rev = git(hooks, "rev-parse", "HEAD").out().trim();
        Path sample = tmp.resolve("refusing");
        Files.createDirectories(sample);
        Files.writeString(sample.resolve("refused.pmdl"), GOOD + """
                scenario odd_size on p {
                    init-labels nmem0
                    create namespace ns0 in region0 mode raw size 17M
                }
                """);
        String config = """
                repos:
                  - repo: %s
                    rev: %s
                    hooks:
                      - id: pmdl-run
                """.formatted(hooks, rev);
        Files.writeString(sample.resolve(".pre-commit-config.yaml"), config);
        git(sample, "init", "-q");
        git(sample, "add", ".");
        CliProcess.Result relaxed = preCommit(sample);
        assertEquals(0, relaxed.status(), relaxed::toString);
        assertTrue(relaxed.out().matches("(?s).*pmdl run\\.+Passed.*"), relaxed::toString);

        Files.writeString(sample.resolve(".pre-commit-config.yaml"), config + "        args: [--fail-on, refused]\n");
        git(sample, "add", ".");
        CliProcess.Result strict = preCommit(sample);
        assertEquals(1, strict.status(), strict::toString);
        assertTrue(strict.out().matches("(?s).*pmdl run\\.+Failed.*"), strict::toString);
        assertTrue(strict.out().contains("refused.pmdl:8:5: warning: [STEP-REFUSED]")
                && strict.out().contains("✗ odd_size"), strict::toString);
    }

    /**
     * A disabled rule is silent in the hooks too: the refused step of {@link #runHookFailsOnRefusedStepsWhenAsked}
     * under {@code --fail-on refused} passes when .pmdl.json disables STEP-REFUSED, or a comment does on its line or
     * for the whole file, and fails again without them.
     */
    @Test
    void disabledRulesAreSilentInTheHooks() throws Exception {
        Path hooks = hookRepository();
        String rev = git(hooks, "rev-parse", "HEAD").out().trim();
        Path sample = tmp.resolve("disabling");
        Files.createDirectories(sample);
        String refused = GOOD + """
                scenario odd_size on p {
                    init-labels nmem0
                    create namespace ns0 in region0 mode raw size 17M
                }
                """;
        Files.writeString(sample.resolve(".pre-commit-config.yaml"), """
                repos:
                  - repo: %s
                    rev: %s
                    hooks:
                      - id: pmdl-run
                        args: [--fail-on, refused]
                """.formatted(hooks, rev));
        Files.writeString(sample.resolve(".pmdl.json"), "{\"disable\": [\"STEP-REFUSED\"]}\n");
        Files.writeString(sample.resolve("refused.pmdl"), refused);
        git(sample, "init", "-q");
        git(sample, "add", ".");
        CliProcess.Result configured = preCommit(sample);
        assertEquals(0, configured.status(), configured::toString);
        assertTrue(configured.out().matches("(?s).*pmdl run\\.+Passed.*"), configured::toString);

        Files.delete(sample.resolve(".pmdl.json"));
        Files.writeString(sample.resolve("line.pmdl"), refused.replace("size 17M\n",
                "size 17M   // pmdl: disable STEP-REFUSED\n").replace("odd_size", "on_its_line"));
        Files.writeString(sample.resolve("refused.pmdl"), "// pmdl: disable STEP-REFUSED\n" + refused);
        git(sample, "add", "-A");
        CliProcess.Result commented = preCommit(sample);
        assertEquals(0, commented.status(), commented::toString);
        assertFalse(commented.out().contains("STEP-REFUSED"), commented::toString);

        Files.writeString(sample.resolve("refused.pmdl"), refused);
        git(sample, "add", "-A");
        CliProcess.Result plain = preCommit(sample);
        assertEquals(1, plain.status(), plain::toString);
        assertTrue(plain.out().contains("refused.pmdl:8:5: warning: [STEP-REFUSED]"), plain::toString);
        assertFalse(plain.out().contains("line.pmdl:8"), plain::toString);
    }

    /** A git repository holding this repository's hook definitions and launcher, as pre-commit clones it. */
    private Path hookRepository() throws Exception {
        Assumptions.assumeTrue(onPath("pre-commit") || "true".equals(System.getenv("CI")),
                "pre-commit is not installed (apt-get install pre-commit); the hook test needs it");
        Path hooks = tmp.resolve("pmdl-hooks");
        if (!Files.exists(hooks)) {
            Files.createDirectories(hooks);
            Files.copy(ROOT.resolve(".pre-commit-hooks.yaml"), hooks.resolve(".pre-commit-hooks.yaml"));
            Files.copy(ROOT.resolve("pmdl"), hooks.resolve("pmdl"));
            git(hooks, "init", "-q");
            git(hooks, "add", ".");
            git(hooks, "commit", "-q", "-m", "hooks");
        }
        return hooks;
    }

    private CliProcess.Result preCommit(Path repo) throws Exception {
        return CliProcess.run(repo, Map.of("PRE_COMMIT_HOME", tmp.resolve("cache").toString(),
                "PMDL_JAR", System.getProperty("pmdl.jar")), List.of("pre-commit", "run", "--all-files", "--color",
                "never"));
    }

    private static CliProcess.Result git(Path repo, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=PMDL test", "-c",
                "user.email=pmdl@example.invalid", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"));
        command.addAll(List.of(args));
        CliProcess.Result result = CliProcess.run(repo, Map.of(), command);
        assertEquals(0, result.status(), result::toString);
        return result;
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
