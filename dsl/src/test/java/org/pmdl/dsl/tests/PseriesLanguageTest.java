package org.pmdl.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.pmdl.model.papr.PaprRules;
import org.pmdl.model.pseries.PseriesRules;
import org.pmdl.model.rules.Rules;
import org.pmdl.model.scenario.Action;
import org.pmdl.model.scenario.Condition;
import org.pmdl.model.topology.Hypervisor;
import org.pmdl.model.topology.LparSpec;
import org.pmdl.model.topology.PlatformSpec;
import org.pmdl.model.topology.ScmSpec;

/** The pseries vocabulary: hcall, dlpar, online/offline cpu, migrate, expect hcall, expect lmb; scm and lpar options. */
class PseriesLanguageTest extends LanguageTestSupport {

    private static final String PLATFORM = """
            platform p {
                arch ppc64 { mmu radix }
                cpu power9
                hypervisor qemu
                kernel "5.3"
                lpar {
                    lmb-size 256M
                    lmbs 0 .. 15 node 0 assigned
                    lmbs 16 .. 31 node 1 drc-index 0x80001000
                    cpus 1 max 2
                    dynamic-memory-v1
                }
                scm pmem0 { drc-index 0x44100002 block-size 256M blocks 64 metadata-size 128K
                            cache-flush-required bind-busy 2 health unarmed scrubbed-locked }
            }
            """;

    @Test
    void platformOptionsCompile() throws Exception {
        PlatformSpec p = compile(PLATFORM).platforms().get("p");
        assertEquals(Hypervisor.QEMU, p.hypervisor());
        LparSpec lpar = p.lpar();
        assertEquals(1, lpar.cpus());
        assertEquals(2, lpar.maxCpus());
        assertTrue(lpar.dynamicMemoryV1());
        assertEquals(0x80000000L, lpar.lmbs().get(0).drcIndexBase(), "default drc-index 0x80000000 + index");
        assertEquals(0x80001000L, lpar.lmbs().get(1).drcIndexBase());
        ScmSpec scm = p.scms().get(0);
        assertEquals(2, scm.bindBusy());
        assertEquals(0x8000_0000_0000_0000L | 1L << (63 - 9), scm.health(), "bits 0 and 9 from the MSB");
    }

    @Test
    void stepsCompile() throws Exception {
        var steps = compile(PLATFORM + """
                scenario s on p {
                    hcall H_SCM_QUERY_BLOCK_MEM_BINDING pmem0 63
                    hcall H_SCM_QUERY_LOGICAL_MEM_BINDING 0x4000000000 + 256M
                    hcall H_SCM_READ_METADATA pmem0 0 3
                    dlpar add cpu 1
                    dlpar remove memory count 4
                    dlpar add memory index 0x80000010
                    offline cpu 0
                    online cpu 0
                    migrate { lmbs 1 .. 4 node 3 }
                    expect no hcall H_SCM_UNBIND_ALL
                    expect hcall H_SCM_BIND_MEM returns H_OVERLAP
                    expect lmb 4 dt_aa_index == 3
                    expect lmb 4 assigned == "true"
                    expect lpar.cores_present == "0 1"
                    expect pmem0 not bound
                    ioctl pmem0 get-config-data 0 8
                    rtas set-indicator isolation-state 0x10000001 1
                    rtas get-sensor-state 0x10000001
                }
                """).scenarios().get(0).steps();
        assertEquals(new Action.Hcall("H_SCM_QUERY_BLOCK_MEM_BINDING", "pmem0", List.of(63L)), steps.get(0).action());
        assertEquals(new Action.Hcall("H_SCM_QUERY_LOGICAL_MEM_BINDING", null, List.of(0x4010000000L)),
                steps.get(1).action());
        assertEquals(new Action.Hcall("H_SCM_READ_METADATA", "pmem0", List.of(0L, 3L)), steps.get(2).action());
        assertEquals(new Action.Dlpar(true, Action.DlparResource.CPU, 1L, null, null), steps.get(3).action());
        assertEquals(new Action.Dlpar(false, Action.DlparResource.MEMORY, null, 4L, null), steps.get(4).action());
        assertEquals(new Action.Dlpar(true, Action.DlparResource.MEMORY, null, null, 0x80000010L), steps.get(5).action());
        assertEquals(new Action.CpuOnline(false, 0), steps.get(6).action());
        assertEquals(new Action.CpuOnline(true, 0), steps.get(7).action());
        Action.Migrate migrate = assertInstanceOf(Action.Migrate.class, steps.get(8).action());
        assertEquals(3, migrate.changes().get(0).node());
        assertEquals(new Action.ExpectHcall("H_SCM_UNBIND_ALL", null, true), steps.get(9).action());
        assertEquals(new Action.ExpectHcall("H_SCM_BIND_MEM", "H_OVERLAP", false), steps.get(10).action());
        Condition.Lmb lmb = assertInstanceOf(Condition.Lmb.class, ((Action.Expect) steps.get(11).action()).condition());
        assertEquals(4, lmb.index());
        assertEquals("dt_aa_index", lmb.attribute());
        assertEquals("assigned", ((Condition.Lmb) ((Action.Expect) steps.get(12).action()).condition()).attribute());
        Condition.Attribute lpar = (Condition.Attribute) ((Action.Expect) steps.get(13).action()).condition();
        assertEquals("lpar", lpar.target());
        assertEquals(new Condition.Bound("pmem0", false), ((Action.Expect) steps.get(14).action()).condition());
        assertNull(steps.get(0).expectedOutcome());
        assertEquals(new Action.Ioctl("pmem0", "get-config-data", List.of(0L, 8L)), steps.get(15).action());
        assertEquals(new Action.Rtas("isolation-state", 0x10000001L, 1), steps.get(16).action());
        assertEquals(new Action.Rtas(null, 0x10000001L, 0), steps.get(17).action());
    }

    @Test
    void examplesCompile() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("../examples/pseries"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".pmdl")).toList()) {
                assertTrue(!compile(Files.readString(f)).scenarios().isEmpty(), f.toString());
            }
        }
    }

    @Test
    void unknownHcallAndStatus() throws Exception {
        assertFlags(PaprRules.HCALL_UNKNOWN, PLATFORM + "scenario s on p {\n    hcall H_SCM_FOO pmem0 // bad\n}\n",
                "// bad");
        assertFlags(PaprRules.HCALL_UNKNOWN, PLATFORM + "scenario s on p {\n    expect hcall H_SCM_BIND_MEM returns "
                + "H_WHATEVER // bad\n}\n", "// bad");
        assertFlags(Rules.ERRNO_UNKNOWN, PLATFORM + "scenario s on p {\n    hcall H_SCM_HEALTH pmem0 expect error H_P3 "
                + "// bad: an hcall's status is no errno\n}\n", "// bad");
        assertFlags(PaprRules.HCALL_UNKNOWN, PLATFORM + "scenario s on p {\n    ioctl pmem0 frobnicate // bad\n}\n",
                "// bad");
    }

    /** papr_scm acts on an SCM (drc_pmem_bind takes its DRC index, papr_scm_ndctl its nvdimm): not on a region. */
    @Test
    void hcallAndIoctlTargetAnScm() throws Exception {
        String region = PLATFORM.replace("    scm pmem0", "    nvdimm nmem0 { size 4G }\n"
                + "    region region0 at 0x4000000000 { mapping nmem0 dpa 0 size 4G }\n    scm pmem0");
        assertFlags(PaprRules.HCALL_TARGET, region + "scenario s on p {\n    hcall H_SCM_HEALTH region0 // bad\n}\n",
                "// bad");
        assertFlags(PaprRules.HCALL_TARGET, region + "scenario s on p {\n    ioctl region0 pdsm-health // bad\n}\n",
                "// bad");
        assertClean(PaprRules.HCALL_UNKNOWN, region + "scenario s on p {\n    ioctl region0 pdsm-health\n}\n");
        assertClean(PaprRules.HCALL_TARGET, PLATFORM + "scenario s on p {\n    ioctl pmem0 pdsm-health\n}\n");
    }

    @Test
    void unknownHealthBitAndLmbAttribute() throws Exception {
        assertFlags(PaprRules.HEALTH_BIT_UNKNOWN, PLATFORM.replace("scrubbed-locked", "scrubbed-locked sad // bad\n"),
                "// bad");
        assertFlags(PseriesRules.LMB_ATTRIBUTE_UNKNOWN, PLATFORM + "scenario s on p {\n    expect lmb 1 colour == 3"
                + " // bad\n}\n", "// bad");
    }

    @Test
    void unknownRtasIndicator() throws Exception {
        assertFlags(PseriesRules.RTAS_INDICATOR_UNKNOWN, PLATFORM + "scenario s on p {\n    rtas set-indicator "
                + "power-level 0x10000001 1 // bad\n}\n", "// bad");
    }

    @Test
    void dlparNeedsAnLpar() throws Exception {
        String noLpar = "platform q {\n    arch ppc64 { mmu radix }\n    hypervisor qemu\n}\n";
        assertFlags(PseriesRules.DLPAR_NO_LPAR, noLpar + "scenario s on q {\n    dlpar add cpu 1 // bad\n}\n", "// bad");
        assertFlags(PseriesRules.DLPAR_NO_LPAR, noLpar + "scenario s on q {\n    migrate // bad\n}\n", "// bad");
    }
}
