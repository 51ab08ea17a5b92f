package org.pmdl.cli.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reading QEMU command lines. Placement as observed on QEMU 7.2 (docs/kernel-observations/t05-two-dimms.md: a
 * 4G DIMM with a 128K label area at 0x100000000, the next DIMM's region at 0x1fffe0000).
 */
class QemuImportTest {
    private static final String TWO_DIMMS = "qemu-system-x86_64 -machine pc,nvdimm=on,nvdimm-persistence=mem-ctrl"
            + " -m 2G,slots=2,maxmem=64G"
            + " -object memory-backend-file,id=mem0,share=on,mem-path=/tmp/a.img,size=4G"
            + " -device nvdimm,id=nvdimm0,memdev=mem0,label-size=128K"
            + " -object 'memory-backend-file,id=mem1,share=on,mem-path=/tmp/b c.img,size=2G'"
            + " -device nvdimm,id=nvdimm1,memdev=mem1,unarmed=on";

    @Test
    void laysTheDimmsOutAsQemuDoes() throws Exception {
        QemuMachine machine = QemuImport.parse(TWO_DIMMS);
        assertEquals("mem-ctrl", machine.persistence());
        assertEquals(0x100000000L, machine.dimms().get(0).spa());
        assertEquals(0x1fffe0000L, machine.dimms().get(1).spa());
        assertEquals(4294836224L, machine.dimms().get(0).regionSize(machine.arch()));
        assertTrue(machine.dimms().get(1).unarmed());
    }

    @Test
    void writesAPlatformPmdlCanRead() throws Exception {
        String text = QemuImport.platform(QemuImport.parse(TWO_DIMMS), "qemu", "test").render();
        assertTrue(text.contains("persistence memory_controller"), text);
        assertTrue(text.contains("nvdimm nvdimm0 { size 4G  label-area 128K }"), text);
        assertTrue(text.contains("region region0 at 0x100000000 { mapping nvdimm0 dpa 0 size 4G - 128K }"), text);
        assertTrue(text.contains("region region1 at 0x1fffe0000 { mapping nvdimm1 dpa 0 size 2G  read-only }"), text);
    }

    /**
     * export qemu gives nmem0, nmem1 (regions in that order) the ids its NFIT order needs — QEMU 7.2 lists nmem0,
     * nmem1 as nmem1, nmem0 (NfitOrder), so one of them gets a -K suffix — and import reads the names back.
     */
    @Test
    void exportedIdsReadBackAsTheirNames() throws Exception {
        List<String> ids = NfitOrder.ids(List.of("nmem0", "nmem1"), List.of(0, 1)).orElseThrow();
        assertNotEquals(List.of("nmem0", "nmem1"), ids, "the NFIT order needs a suffix");
        StringBuilder args = new StringBuilder("-machine pc,nvdimm=on -m 2G,slots=2,maxmem=64G");
        for (int i = 0; i < ids.size(); i++) {
            args.append(" -object memory-backend-ram,id=mem").append(i).append(",size=4G -device nvdimm,id=")
                    .append(ids.get(i)).append(",memdev=mem").append(i);
        }
        QemuMachine machine = QemuImport.parse(args.toString());
        assertEquals(List.of("nmem0", "nmem1"), machine.dimms().stream().map(QemuMachine.Dimm::id).toList());
        assertEquals(ids, machine.dimms().stream().map(QemuMachine.Dimm::qemuId).toList());
        // ids that are not one name's export keep their own names
        assertEquals("nv-1", QemuImport.pmdlName("nv-1", List.of("nv-1", "nv-2")));
        assertEquals("nv-1", QemuImport.pmdlName("nv-1", List.of("nv", "nv-1")));
    }

    @Test
    void refusesWhatItCannotRead() {
        assertTrue(assertThrows(QemuImport.BadArgs.class, () -> QemuImport.parse("-machine pc -m 2G"))
                .getMessage().contains("nvdimm=on"));
        assertTrue(assertThrows(QemuImport.BadArgs.class, () -> QemuImport.parse(
                "-machine pc,nvdimm=on -device nvdimm,id=a,memdev=nope")).getMessage().contains("id=nope"));
        assertTrue(assertThrows(QemuImport.BadArgs.class, () -> QemuImport.parse(
                "-machine pc,nvdimm=on -object memory-backend-ram,id=m,size=lots -device nvdimm,memdev=m"))
                .getMessage().contains("'lots' is not a size"));
        assertTrue(assertThrows(QemuImport.BadArgs.class, () -> QemuImport.parse(TWO_DIMMS.replace("-m 2G", "-m 8G")))
                .getMessage().contains("more than 2G of RAM"));
    }
}
