package org.pmdl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The README's commands work exactly as written: every line of its {@code ```sh} blocks runs from the repository
 * root through the real launcher ({@code ./pmdl}, with PMDL_JAR naming the jar this build made so that it does not
 * build again), exits 0 and prints no stack trace (nor "command not found"); every command of its synopsis is one {@code ./pmdl --help} knows.
 */
class ReadmeCommandsIT {
    private static final Path ROOT = Path.of(System.getProperty("pmdl.root")).toAbsolutePath().normalize();
    private static final Pattern SH_BLOCK = Pattern.compile("(?m)^```sh\\n(.*?)^```$", Pattern.DOTALL);
    /** Lines this test does not run, and why. */
    private static final Map<String, String> NOT_RUN = Map.of(
            "mvn -B verify", "the test suite this test is part of");

    private static String readme() throws IOException {
        return Files.readString(ROOT.resolve("README.md"));
    }

    static List<String> commandLines(String markdown) {
        List<String> lines = new ArrayList<>();
        Matcher block = SH_BLOCK.matcher(markdown);
        while (block.find()) {
            for (String line : block.group(1).split("\n")) {
                String command = line.replaceFirst("\\s+#.*$", "").strip();
                if (!command.isEmpty() && !command.startsWith("#")) {
                    lines.add(command);
                }
            }
        }
        return lines;
    }

    @TestFactory
    Stream<DynamicTest> everyShellLineRuns() throws IOException {
        List<String> lines = commandLines(readme());
        assertTrue(lines.stream().filter(l -> l.startsWith("./pmdl ")).count() >= 5, lines::toString);
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("pmdl ")), "`pmdl` is not on the PATH: ./pmdl");
        return lines.stream().filter(l -> !NOT_RUN.containsKey(l)).map(line -> DynamicTest.dynamicTest(line, () -> {
            CliProcess.Result result = CliProcess.run(ROOT, Map.of("PMDL_JAR", System.getProperty("pmdl.jar")),
                    List.of("bash", "-c", line));
            assertEquals(0, result.status(), result::toString);
            assertFalse(result.err().contains("command not found") || result.err().contains("\tat ")
                    || result.out().contains("\tat "), result::toString);
        }));
    }

    /** The "Using it" synopsis: each `./pmdl WORD` is a command the CLI's own usage lists. */
    @Test
    void everySynopsisCommandExists() throws Exception {
        String readme = readme();
        String synopsis = readme.substring(readme.indexOf("## Using it"));
        synopsis = synopsis.substring(synopsis.indexOf("```"), synopsis.indexOf("```", synopsis.indexOf("```") + 3));
        CliProcess.Result help = CliProcess.pmdl(ROOT, "--help");
        assertEquals(0, help.status(), help::toString);
        Matcher command = Pattern.compile("(?m)^\\./pmdl (\\w+)").matcher(synopsis);
        int commands = 0;
        while (command.find()) {
            assertTrue(help.out().contains("pmdl " + command.group(1)), command.group() + " not in\n" + help.out());
            commands++;
        }
        assertTrue(commands >= 10, synopsis);
    }
}
