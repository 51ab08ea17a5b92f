package org.pmdl.cli.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Importing {@code ndctl list} output. The fixtures are real: ndctl 76.1 on Linux 6.1.0-56-amd64 under QEMU 7.2,
 * a 4G DIMM with a 128K label area (labels initialised, one 1G fsdax namespace) at 0x100000000 and a label-less
 * 2G DIMM whose region QEMU put at 0x1fffe0000 ({@code ndctl list -RDNu} and {@code ndctl list -vvv}).
 */
class NdctlJsonImportTest {
    private static final Map<String, Long> SPA = Map.of("region0", 0x100000000L, "region1", 0x1fffe0000L);
    private static final Map<String, Long> LABELS = Map.of("nmem0", 128L << 10);
    private static final String PLATFORM = """
            platform qemu {
                arch x86_64
                kernel "6.1"
                nvdimm nmem0 { size 4G  label-area 128K }
                nvdimm nmem1 { size 2G }
                region region0 at 0x100000000 { mapping nmem0 dpa 0 size 4G - 128K }
                region region1 at 0x1fffe0000 { mapping nmem1 dpa 0 size 2G }
            }
            """;

    private static String fixture(String name) throws IOException {
        try (InputStream in = NdctlJsonImportTest.class.getResourceAsStream("/ndctl/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void bothListingsGiveTheSamePlatform() throws Exception {
        for (String listing : new String[] {"qemu-two-dimms-RDNu.json", "qemu-two-dimms-vvv.json"}) {
            String text = NdctlJsonImport.platform(fixture(listing), "qemu", SPA, LABELS, "test").render();
            assertEquals("// test\n" + PLATFORM, text, listing);
        }
    }

    @Test
    void asksForWhatNdctlDoesNotPrint() throws Exception {
        String json = fixture("qemu-two-dimms-vvv.json");
        String message = assertThrows(QemuImport.BadArgs.class,
                () -> NdctlJsonImport.platform(json, "qemu", Map.of(), Map.of(), "test")).getMessage();
        assertTrue(message.contains("--spa region0=ADDRESS") && message.contains("--spa region1=ADDRESS"), message);
        assertTrue(message.contains("--label-area nmem0=SIZE") && !message.contains("nmem1=SIZE"), message);
        assertTrue(assertThrows(QemuImport.BadArgs.class, () -> NdctlJsonImport.platform("{", "q", SPA, LABELS,
                "t")).getMessage().startsWith("not JSON"));
    }
}
