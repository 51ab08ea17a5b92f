package org.pmdl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI as a hostile or careless user drives it: bad imports, deep and long expressions, a BOM, a symlinked
 * directory, a full disk, nonsense arguments. Each gets a located, worded answer or a refusal with a message;
 * none an internal error, a stack trace, a hang or a silent success.
 */
class HostileInputIT {
    static final String BOX = """
            platform box {
                arch x86_64
                nvdimm nmem0 { size %s }
                region region0 at 0x100000000 { mapping nmem0 dpa 0 size 4G }
            }
            """;

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private static void assertClean(CliProcess.Result result) {
        assertFalse(result.err().contains("internal error") || result.err().contains("Exception")
                || result.out().contains("Exception"), result::toString);
    }

    @Test
    void everyBadImportIsALocatedErrorAndTheOtherFilesAreStillReported() throws Exception {
        write("sub/a.pmdl", BOX.formatted("4G"));
        write("sub/b.pmdl", BOX.formatted("8G"));
        write("sub/lib.txt", "not pmdl");
        write("outside.pmdl", BOX.formatted("4G").replace("box", "outside"));
        Files.createSymbolicLink(dir.resolve("sub/zero.pmdl"), Path.of("/dev/zero"));
        assertEquals(0, new ProcessBuilder("mkfifo", dir.resolve("sub/fifo.pmdl").toString()).start().waitFor());
        write("sub/main.pmdl", """
                import "/etc/passwd"
                import "../../../../etc/passwd"
                import "lib.txt"
                import "classpath:/org/pmdl/x.pmdl"
                import "zero.pmdl"
                import "fifo.pmdl"
                import "a.pmdl"
                import "b.pmdl"
                import "../outside.pmdl"
                scenario s on box {
                }
                """);
        CliProcess.Result result = CliProcess.pmdl(dir, "check", "--format", "sarif", "sub");
        assertClean(result);
        assertEquals(2, result.status(), "the FIFO and the device link in the directory are I/O problems");
        assertTrue(result.out().contains("\"version\": \"2.1.0\"") || result.out().contains("\"version\":\"2.1.0\""),
                "the SARIF report is still written");
        CliProcess.Result text = CliProcess.pmdl(dir, "check", "sub/main.pmdl");
        assertClean(text);
        for (String expected : List.of(
                "main.pmdl:1:8: error: [IMPORT-UNRESOLVED] \"/etc/passwd\" is not a PMDL file",
                "main.pmdl:2:8: error: [IMPORT-UNRESOLVED] \"../../../../etc/passwd\" is not a PMDL file",
                "main.pmdl:3:8: error: [IMPORT-UNRESOLVED] \"lib.txt\" is not a PMDL file",
                "main.pmdl:4:8: error: [IMPORT-UNRESOLVED] \"classpath:/org/pmdl/x.pmdl\" is not a file path",
                "main.pmdl:5:8: error: [IMPORT-UNRESOLVED] cannot import \"zero.pmdl\": it is a character device",
                "main.pmdl:6:8: error: [IMPORT-UNRESOLVED] cannot import \"fifo.pmdl\": it is a FIFO",
                "main.pmdl:8:8: error: [NAME-DUPLICATE] platform 'box' is declared both in \"a.pmdl\" (imported at"
                        + " line 7) and in \"b.pmdl\"")) {
            assertTrue(text.out().contains(expected), () -> expected + "\n" + text);
        }
        assertFalse(text.out().contains("outside.pmdl"), "not confined: a file outside may be imported");
        CliProcess.Result confined = CliProcess.pmdl(dir, "check", "--confine-imports", "sub/main.pmdl");
        assertTrue(confined.out().contains("main.pmdl:9:8: error: [IMPORT-UNRESOLVED] \"../outside.pmdl\" is"
                + " outside "), confined::toString);

        CliProcess.Result walk = CliProcess.pmdl(dir, "check", "sub");
        assertTrue(walk.err().contains("cannot read sub/fifo.pmdl: not a regular file; skipped"), walk::toString);
        assertTrue(walk.err().contains("cannot read sub/zero.pmdl: not a regular file; skipped"), walk::toString);
    }

    @Test
    void aLargeImportIsRefusedWithItsSize() throws Exception {
        write("big.pmdl", "// " + "x".repeat(5 << 20) + "\n");
        write("main.pmdl", "import \"big.pmdl\"\n");
        CliProcess.Result result = CliProcess.pmdl(dir, "check", "main.pmdl");
        assertTrue(result.out().contains("main.pmdl:1:8: error: [IMPORT-UNRESOLVED] cannot import \"big.pmdl\": "
                + ((5 << 20) + 4) + " bytes, more than the 4 MiB"), result::toString);
    }

    /** The CLI with the language server's heap, so that the sixty-fourth it reads is 2.4 MiB as there. */
    private CliProcess.Result pmdlWithHeap(String heap, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin",
                "java").toString(), heap, "-XX:+UseSerialGC", "-jar", System.getProperty("pmdl.jar")));
        command.addAll(List.of(args));
        return CliProcess.run(dir, command);
    }

    @Test
    void aDocumentLargerThanTheHeapReadsIsALocatedLimitError() throws Exception {
        String box = BOX.formatted("4G");
        String big = box.repeat(5_000_000 / box.length() + 1);
        write("big.pmdl", big);
        CliProcess.Result result = pmdlWithHeap("-Xmx160m", "check", "big.pmdl");
        assertClean(result);
        assertEquals(1, result.status(), result::toString);
        assertTrue(result.out().startsWith("big.pmdl:1:1: error: [INPUT-LIMIT] the document has " + big.length()
                + " characters, more than the "), result::toString);
        assertTrue(result.out().contains("1 error(s)"), "nothing else: the text is not parsed: " + result);
    }

    @Test
    void aRunThatRunsOutOfMemoryIsReportedAndTheOtherFilesStillAre() throws Exception {
        write("exploding.pmdl", LanguageServerHostileIT.explodingCrash());
        write("fine.pmdl", BOX.formatted("4G  label-area 4G"));
        CliProcess.Result result = pmdlWithHeap("-Xmx160m", "run", ".");
        assertClean(result);
        assertFalse(result.err().contains("\tat "), result::toString);
        assertEquals(2, result.status(), "the tool could not finish a file: " + result);
        assertTrue(result.err().contains("pmdl: ./exploding.pmdl: ran out of memory running it (heap "),
                result::toString);
        assertTrue(result.out().matches("(?s).*fine\\.pmdl:3:\\d+: error: \\[LABEL-AREA-SIZE].*"), result::toString);
    }

    @Test
    void deepAndLongExpressionsGetALocatedLimitError() throws Exception {
        write("deep.pmdl", BOX.formatted("(".repeat(10_000) + "4G" + ")".repeat(10_000)));
        write("long.pmdl", BOX.formatted(String.join(" + ", java.util.Collections.nCopies(20_000, "1M"))));
        write("fine.pmdl", BOX.formatted("(".repeat(100) + "4G" + ")".repeat(100)));
        CliProcess.Result result = CliProcess.pmdl(dir, "check", ".");
        assertClean(result);
        assertEquals(1, result.status(), result::toString);
        assertTrue(result.out().contains("deep.pmdl:3:25: error: [INPUT-LIMIT] parentheses nested more than 100 deep"),
                result::toString);
        assertTrue(result.out().contains("long.pmdl:3:25: error: [INPUT-LIMIT] this expression has more than 500"
                + " operators"), result::toString);
        assertFalse(result.out().contains("fine.pmdl"), "100 levels are allowed: " + result);
        assertFalse(result.out().contains("MAPPING-EXCEEDS-DIMM"), "no value is made up from a cut expression");
    }

    @Test
    void aByteOrderMarkIsAccepted() throws Exception {
        Files.write(dir.resolve("bom.pmdl"), ("\uFEFF" + BOX.formatted("4G")).getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
        CliProcess.Result result = CliProcess.pmdl(dir, "check", "bom.pmdl");
        assertEquals(0, result.status(), result::toString);
    }

    @Test
    void sizeZeroIsExplainedInWords() throws Exception {
        write("zero.pmdl", BOX.formatted("0  label-area 128K"));
        CliProcess.Result result = CliProcess.pmdl(dir, "check", "zero.pmdl");
        assertTrue(result.out().contains("nvdimm nmem0 has size 0, so no DPA space to map"), result::toString);
        assertTrue(result.out().contains("give nmem0 a size larger than its label area"), result::toString);
        assertFalse(result.out().contains("at most -"), "no negative advice: " + result);
    }

    /** Found by CliFuzzIT (seed 1838388132): the hotplug checks evaluated a size the range check had not passed. */
    @Test
    void aHugeNumberIsASizeOverflowNeverACrashedCheck() throws Exception {
        write("huge.pmdl", """
                platform v {
                    arch x86_64
                    memory-block-size 99999999999999999999999P
                    virtio-mem vmem0 at 0x140000000 { size 1G }
                }
                scenario s on v {
                    virtio-mem vmem0 store 99999999999999999999999P
                }
                """);
        CliProcess.Result result = CliProcess.pmdl(dir, "check", "huge.pmdl");
        assertClean(result);
        assertFalse(result.err().contains("Error executing EValidator"), result::toString);
        assertEquals(1, result.status(), result::toString);
        assertTrue(result.out().contains("huge.pmdl:3:23: error: [SIZE-OVERFLOW]"), result::toString);
        assertTrue(result.out().contains("huge.pmdl:7:28: error: [SIZE-OVERFLOW]"), result::toString);
    }

    @Test
    void aSymlinkedDirectoryIsSearchedAndAnEmptyOneIsNotASuccess() throws Exception {
        write("real/box.pmdl", BOX.formatted("4G"));
        Files.createSymbolicLink(dir.resolve("link"), dir.resolve("real"));
        CliProcess.Result linked = CliProcess.pmdl(dir, "check", "link");
        assertEquals(0, linked.status(), linked::toString);
        assertTrue(linked.out().contains("1 file(s)"), linked::toString);
        Files.createDirectory(dir.resolve("empty"));
        CliProcess.Result empty = CliProcess.pmdl(dir, "check", "empty");
        assertEquals(2, empty.status(), empty::toString);
        assertTrue(empty.err().contains("cannot read empty: no *.pmdl files in this directory"), empty::toString);
    }

    @Test
    void outputThatCannotBeWrittenFailsTheRun() throws Exception {
        write("box.pmdl", BOX.formatted("4G"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // /dev/full is only read from here: the shell opens it as the output, the test writes nothing to it.
        CliProcess.Result full = CliProcess.run(dir, List.of("sh", "-c", "exec \"$0\" -jar \"$1\" run box.pmdl"
                + " > /dev/full", java, System.getProperty("pmdl.jar")));
        assertEquals(2, full.status(), full::toString);
        assertTrue(full.err().contains("pmdl: cannot write the output"), full::toString);
    }

    @Test
    void everyCommandValidatesItsArguments() throws Exception {
        for (List<String> args : List.of(List.of("bench", "--dimms", "-5"), List.of("bench", "--rounds"),
                List.of("bench", "--scale", "--steps", "-1"), List.of("bench", "--dimms", "5000", "--scale"),
                List.of("bench", "lpar", "--lmbs", "x"), List.of("bench", "lsp", "--edits", "0"),
                List.of("bench", "persistence", "--from", "-1"))) {
            CliProcess.Result result = CliProcess.pmdl(dir, args.toArray(String[]::new));
            assertEquals(2, result.status(), result::toString);
            assertTrue(result.err().matches("(?s).*needs (a value|a whole number from -?\\d+ to \\d+, not '.*').*"),
                    result::toString);
        }
        write("box.pmdl", BOX.formatted("4G"));
        CliProcess.Result map = CliProcess.pmdl(dir, "map", "box.pmdl", "--platform", "box", "--after-step", "-3");
        assertTrue(map.err().contains("--after-step needs a line number (1 or more), not '-3'"), map::toString);
    }

    @Test
    void anExplorationBoundCannotBeForever() throws Exception {
        write("crash.pmdl", """
                platform p {
                    arch x86_64
                    nvdimm nmem0 { size 4G }
                    region region0 at 0x100000000 { mapping nmem0 dpa 0 size 4G }
                }
                scenario s on p {
                    store namespace0.0[0x0] = 42
                    crash anywhere bound 0xFFFFFFFFFFFFFFF
                    expect namespace0.0[0x0] == 42
                }
                scenario zero on p {
                    power-fail bound 0
                }
                """);
        CliProcess.Result result = CliProcess.pmdl(dir, "run", "crash.pmdl");
        assertClean(result);
        assertTrue(result.out().contains("crash.pmdl:8:26: error: [PM-CRASH-BOUND-RANGE] bound 1152921504606846975 is"
                + " outside 1..1000000"), result::toString);
        assertTrue(result.out().contains("crash.pmdl:12:22: error: [PM-CRASH-BOUND-RANGE] bound 0 is outside"),
                result::toString);
    }
}
