package org.pmdl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pmdl fmt [--check]} and {@code --fix}: files change only when asked, atomically, and stay correct. */
class FmtFixIT {
    private static final String MESSY = """
            // one DIMM, badly indented   
            platform box {
            arch x86_64      // PAGE_SIZE 4K
              kernel "6.1"



            \tnvdimm nmem0 { size 4G  label-area 128K }
                    region region0 at 0x100000000 { mapping nmem0 dpa 0 size 4G - 128K }
               }
            """;

    @TempDir
    Path dir;

    @Test
    void fmtCheckReportsWithoutWritingAndFmtWritesOnce() throws Exception {
        Path file = dir.resolve("box.pmdl");
        Files.writeString(file, MESSY);
        CliProcess.Result check = CliProcess.pmdl(dir, "fmt", "--check", "box.pmdl");
        assertEquals(1, check.status(), check::toString);
        assertTrue(check.out().contains("box.pmdl: not formatted"), check::toString);
        assertEquals(MESSY, Files.readString(file), "--check writes nothing");

        CliProcess.Result fmt = CliProcess.pmdl(dir, "fmt", ".");
        assertEquals(0, fmt.status(), fmt::toString);
        assertEquals("""
                // one DIMM, badly indented
                platform box {
                    arch x86_64      // PAGE_SIZE 4K
                    kernel "6.1"

                    nvdimm nmem0 { size 4G  label-area 128K }
                    region region0 at 0x100000000 { mapping nmem0 dpa 0 size 4G - 128K }
                }
                """, Files.readString(file));
        assertEquals(0, CliProcess.pmdl(dir, "fmt", "--check", "box.pmdl").status(), "idempotent");
        assertEquals(0, CliProcess.pmdl(dir, "check", "box.pmdl").status());
        assertEquals(List.of(file), files(), "no temporary files left behind");
    }

    @Test
    void fixRoundsAMisalignedNamespaceSizeOnlyWhenAsked() throws Exception {
        Path file = dir.resolve("misaligned.pmdl");
        String original = SarifIT.MISALIGNED.replace("    expect ns0.size == 100M\n", "");
        Files.writeString(file, original);
        CliProcess.Result refused = CliProcess.pmdl(dir, "run", "misaligned.pmdl");
        assertTrue(refused.out().contains("[STEP-REFUSED]"), refused::toString);
        assertEquals(original, Files.readString(file), "no --fix, no change");

        // ndctl refuses 100M in a region with a 16M align (ndctl 76.1 validate_namespace_options); 112M is the
        // next multiple.
        CliProcess.Result fixed = CliProcess.pmdl(dir, "check", "--fix", "misaligned.pmdl");
        assertEquals(0, fixed.status(), fixed::toString);
        assertTrue(fixed.err().contains("fixed misaligned.pmdl:8: Round the size up to 112M"), fixed::toString);
        assertEquals(original.replace("size 100M", "size 112M"), Files.readString(file));
        CliProcess.Result run = CliProcess.pmdl(dir, "run", "misaligned.pmdl");
        assertEquals(0, run.status(), run::toString);
        assertEquals(List.of(file), files(), "no temporary files left behind");
    }

    @Test
    void theExamplesAreFormatted() throws Exception {
        CliProcess.Result check = CliProcess.pmdl(null, "fmt", "--check", System.getProperty("pmdl.examples"));
        assertEquals(0, check.status(), check::toString);
    }

    @Test
    void unreadableFilesAreUsageErrors() throws Exception {
        CliProcess.Result result = CliProcess.pmdl(dir, "fmt", "missing.pmdl");
        assertEquals(2, result.status(), result::toString);
        assertTrue(result.err().contains("cannot read missing.pmdl"), result::toString);
    }

    private List<Path> files() throws Exception {
        try (Stream<Path> list = Files.list(dir)) {
            return list.toList();
        }
    }
}
