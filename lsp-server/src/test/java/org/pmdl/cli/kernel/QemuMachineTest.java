package org.pmdl.cli.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmdl.model.topology.PlatformSpec;

/**
 * Platforms to QEMU machines. Placement rules as observed on QEMU 7.2 (docs/kernel-observations/t05-two-dimms.md);
 * pseries DRC numbering from QEMU 7.2 hw/ppc/spapr_drc.c (PMEM typeshift 9, id = slot).
 */
class QemuMachineTest {
    @TempDir
    Path tmp;

    private PlatformSpec platform(String text, String name) throws Exception {
        Path file = tmp.resolve("p.pmdl");
        Files.writeString(file, text);
        return KernelCommands.Loaded.load(file).platform(name);
    }

    @Test
    void theTwoDimmExampleKeepsItsRegionOrderInTheNfit() throws Exception {
        PlatformSpec p = KernelCommands.Loaded.load(Path.of("../examples/x86/two-dimms.pmdl"))
                .platform("qemu_two_dimms");
        QemuMachine machine = QemuMachine.of(p);
        List<String> ids = machine.dimms().stream().map(QemuMachine.Dimm::qemuId).toList();
        assertEquals(ids, NfitOrder.of(ids), "region0 must be the first DIMM, as declared");
        assertEquals(0x1fffe0000L, machine.dimms().get(1).spa());
    }

    @Test
    void refusesAddressesQemuWouldNotGive() throws Exception {
        PlatformSpec p = platform("""
                platform p {
                    arch x86_64
                    nvdimm nmem0 { size 4G  label-area 128K }
                    nvdimm nmem1 { size 4G }
                    region region0 at 0x100000000 { mapping nmem0 dpa 0 size 4G - 128K }
                    region region1 at 0x200000000 { mapping nmem1 dpa 0 size 4G }
                }
                """, "p");
        String message = assertThrows(QemuMachine.NotExpressible.class, () -> QemuMachine.of(p)).getMessage();
        assertTrue(message.contains("region region1 at 0x200000000: QEMU places it at 0x1fffe0000"), message);
    }

    @Test
    void pseriesScmsBecomeSpaprNvdimmsInQemuDrcOrder() throws Exception {
        String scm = """
                platform q {
                    arch ppc64 { mmu radix page-size 64K }
                    hypervisor qemu
                    scm pmem0 { drc-index DRC block-size 256M blocks 4 metadata-size 128K cache-flush-required }
                }
                """;
        QemuMachine machine = QemuMachine.of(platform(scm.replace("DRC", "0x90000000"), "q"));
        String args = String.join(" ", machine.args(d -> d.id() + ".img"));
        assertTrue(args.contains("-machine pseries") && args.contains("size=1048704K")
                && args.contains("-device spapr-nvdimm,id=pmem0,memdev=mem0,label-size=128K,uuid="), args);
        PlatformSpec powervmNumbering = platform(scm.replace("DRC", "0x44100002"), "q");
        assertTrue(assertThrows(QemuMachine.NotExpressible.class, () -> QemuMachine.of(powervmNumbering))
                .getMessage().contains("drc-index 0x90000000"));
    }

    /** The MMUs of observation p01: radix as booted, hash by disable_radix, 16M pages by the HPT cap. */
    @Test
    void pseriesMmuComesFromTheArchBlock() throws Exception {
        String text = """
                platform r {
                    arch ppc64 { mmu radix page-size 64K }
                    hypervisor qemu
                    scm pmem0 { drc-index 0x90000000 block-size 256M blocks 4 metadata-size 128K cache-flush-required }
                }
                platform h16 extends r { arch ppc64 { mmu hash page-size 64K linear-page 16M } }
                platform h64 extends r { arch ppc64 { mmu hash page-size 64K linear-page 64K } }
                platform r4k extends r { arch ppc64 { mmu radix page-size 4K } }
                """;
        QemuMachine radix = QemuMachine.of(platform(text, "r"));
        assertEquals(List.of(), radix.kernelArgs());
        assertTrue(radix.args(d -> "x").contains("pseries"), radix.args(d -> "x").toString());
        QemuMachine hash16m = QemuMachine.of(platform(text, "h16"));
        assertEquals(List.of("disable_radix"), hash16m.kernelArgs());
        assertTrue(hash16m.args(d -> "x").contains("pseries,cap-hpt-max-page-size=16M"));
        QemuMachine hash64k = QemuMachine.of(platform(text, "h64"));
        assertEquals(List.of("disable_radix"), hash64k.kernelArgs());
        assertTrue(hash64k.args(d -> "x").contains("pseries"), "QEMU's default HPT page cap is 64K");
        PlatformSpec fourK = platform(text, "r4k");
        assertTrue(assertThrows(QemuMachine.NotExpressible.class, () -> QemuMachine.of(fourK)).getMessage()
                .contains("64K pages"));
    }

    @Test
    void pseriesRefusesWhatQemuNeverAnswers() throws Exception {
        PlatformSpec p = platform("""
                platform q {
                    arch ppc64 { mmu radix page-size 64K }
                    hypervisor qemu
                    scm pmem0 {
                        drc-index 0x90000000 block-size 256M blocks 4 metadata-size 128K cache-flush-required
                        health unarmed fatal
                        bind-busy 1
                    }
                }
                """, "q");
        String message = assertThrows(QemuMachine.NotExpressible.class, () -> QemuMachine.of(p)).getMessage();
        assertTrue(message.contains("only PAPR_PMEM_UNARMED") && message.contains("H_BUSY"), message);
    }

    @Test
    void anUnarmedScmIsAnUnarmedSpaprNvdimm() throws Exception {
        PlatformSpec p = platform("""
                platform q {
                    arch ppc64 { mmu radix page-size 64K }
                    hypervisor qemu
                    scm pmem0 {
                        drc-index 0x90000000 block-size 256M blocks 4 metadata-size 128K cache-flush-required
                        health unarmed
                    }
                }
                """, "q");
        String args = String.join(" ", QemuMachine.of(p).args(d -> d.id() + ".img"));
        assertTrue(args.contains(",unarmed=on,uuid="), args);
    }
}
