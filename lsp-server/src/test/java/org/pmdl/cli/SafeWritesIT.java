package org.pmdl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes ({@code map -o}, {@code fmt}, {@code --fix}, {@code --update-baseline}) never destroy what is at the path:
 * devices, FIFOs and directories are refused, symlinks written through, hard links and permissions kept, the
 * run's inputs and read-only files refused unless forced. Only files, FIFOs and links made in a temp dir are
 * written; /dev/null is only named, and the test checks the refusal.
 */
class SafeWritesIT {
    private static final String BOX = """
            import "lib.pmdl"
            platform box {
                arch x86_64
                kernel "6.1"
                nvdimm nmem0 { size 4G  label-area 128K }
                region region0 at 0x100000000 { mapping nmem0 dpa 0 size 4G - 128K }
            }
            """;
    private static final String LIB = """
            platform other {
                arch x86_64
                nvdimm nmem0 { size 4G }
                region region0 at 0x100000000 { mapping nmem0 dpa 0 size 4G }
            }
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void files() throws Exception {
        Files.writeString(dir.resolve("box.pmdl"), BOX);
        Files.writeString(dir.resolve("lib.pmdl"), LIB);
    }

    private CliProcess.Result map(String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("map", "box.pmdl", "--platform", "box"));
        args.addAll(List.of(extra));
        return CliProcess.pmdl(dir, args.toArray(String[]::new));
    }

    private static void assertRefused(CliProcess.Result result, String why) {
        assertEquals(2, result.status(), result::toString);
        assertTrue(result.err().contains(why), result::toString);
    }

    @Test
    void devicesFifosAndDirectoriesAreRefused() throws Exception {
        Path fifo = dir.resolve("pipe.svg");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        assertRefused(map("-o", "pipe.svg"), "cannot write pipe.svg: a FIFO; pmdl writes only regular files");
        assertTrue(Files.readAttributes(fifo, java.nio.file.attribute.BasicFileAttributes.class).isOther(), "still a FIFO");

        Files.createDirectory(dir.resolve("out.svg"));
        assertRefused(map("-o", "out.svg"), "out.svg: a directory");
        assertRefused(map("-o", "/dev/null"), "cannot write /dev/null: a character device");
        Files.createSymbolicLink(dir.resolve("null.svg"), Path.of("/dev/null"));
        assertRefused(map("-o", "null.svg"), "null.svg: a character device");
    }

    @Test
    void symlinksAreWrittenThroughAndHardLinksKept() throws Exception {
        Path real = Files.writeString(dir.resolve("real.svg"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.svg"), Path.of("real.svg"));
        assertEquals(0, map("-o", "link.svg").status());
        assertTrue(Files.isSymbolicLink(link), "the symlink stays a symlink");
        assertTrue(Files.readString(real).startsWith("<svg"), "its target got the map");

        Path first = Files.writeString(dir.resolve("first.svg"), "old");
        Path second = Files.createLink(dir.resolve("second.svg"), first);
        assertEquals(0, map("-o", "first.svg").status());
        assertTrue(Files.isSameFile(first, second), "still one file under two names");
        assertTrue(Files.readString(second).startsWith("<svg"));

        Files.createSymbolicLink(dir.resolve("dangling.svg"), Path.of("made.svg"));
        assertEquals(0, map("-o", "dangling.svg").status());
        assertTrue(Files.isSymbolicLink(dir.resolve("dangling.svg")));
        assertTrue(Files.readString(dir.resolve("made.svg")).startsWith("<svg"), "a dangling link's target made");
    }

    @Test
    void permissionsAreKeptAndNewFilesFollowTheUmask() throws Exception {
        Path shared = Files.writeString(dir.resolve("shared.svg"), "old");
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rw-rw-r--"));
        assertEquals(0, map("-o", "shared.svg").status());
        assertEquals("rw-rw-r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(shared)));

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        CliProcess.Result fresh = CliProcess.run(dir, List.of("sh", "-c", "umask 027 && exec \"$0\" -jar \"$1\" map"
                + " box.pmdl --platform box -o fresh.svg", java, System.getProperty("pmdl.jar")));
        assertEquals(0, fresh.status(), fresh::toString);
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                dir.resolve("fresh.svg"))), "0666 under umask 027");
    }

    @Test
    void readOnlyFilesNeedForce() throws Exception {
        Path locked = Files.writeString(dir.resolve("locked.svg"), "old");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r--r--r--"));
        assertRefused(map("-o", "locked.svg"), "locked.svg: read-only; --force replaces it");
        assertEquals("old", Files.readString(locked));
        assertEquals(0, map("-o", "locked.svg", "--force").status());
        assertTrue(Files.readString(locked).startsWith("<svg"));
        assertEquals("r--r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(locked)));

        Path messy = Files.writeString(dir.resolve("messy.pmdl"), "platform p {\narch x86_64\n}\n");
        Files.setPosixFilePermissions(messy, PosixFilePermissions.fromString("r--r--r--"));
        assertRefused(CliProcess.pmdl(dir, "fmt", "messy.pmdl"), "messy.pmdl: read-only");
        assertEquals(0, CliProcess.pmdl(dir, "fmt", "--force", "messy.pmdl").status());
        assertEquals("platform p {\n    arch x86_64\n}\n", Files.readString(messy));
    }

    @Test
    void theRunsInputsAreNeverOverwritten() throws Exception {
        assertRefused(map("-o", "box.pmdl"), "box.pmdl: an input of this command");
        assertRefused(map("-o", "lib.pmdl", "--force"), "lib.pmdl: an input of this command");
        Files.createLink(dir.resolve("alias.pmdl"), dir.resolve("box.pmdl"));
        assertRefused(map("-o", "alias.pmdl"), "alias.pmdl: an input of this command");
        assertRefused(CliProcess.pmdl(dir, "check", "--baseline", "box.pmdl", "--update-baseline", "box.pmdl"),
                "box.pmdl: an input of this command");
        assertEquals(BOX, Files.readString(dir.resolve("box.pmdl")));
        assertEquals(LIB, Files.readString(dir.resolve("lib.pmdl")));
    }

    @Test
    void dashIsStandardOutput() throws Exception {
        CliProcess.Result result = map("-o", "-");
        assertEquals(0, result.status(), result::toString);
        assertTrue(result.out().startsWith("<svg"), result::toString);
        assertFalse(Files.exists(dir.resolve("-"), LinkOption.NOFOLLOW_LINKS), "no file named -");
    }

    @Test
    void fmtWritesThroughSymlinksAndKeepsLineEndings() throws Exception {
        Path real = Files.writeString(dir.resolve("real.pmdl"), "platform p {\r\narch x86_64\n}\r\n");
        Path link = Files.createSymbolicLink(dir.resolve("link.pmdl"), Path.of("real.pmdl"));
        CliProcess.Result fmt = CliProcess.pmdl(dir, "fmt", "link.pmdl");
        assertEquals(0, fmt.status(), fmt::toString);
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("platform p {\r\n    arch x86_64\n}\r\n", Files.readString(real), "each line keeps its ending");
    }
}
