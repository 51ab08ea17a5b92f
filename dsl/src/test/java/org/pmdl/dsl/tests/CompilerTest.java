package org.pmdl.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.pmdl.model.scenario.Action;
import org.pmdl.model.scenario.Comparison;
import org.pmdl.model.scenario.Condition;
import org.pmdl.model.scenario.NamespaceMode;
import org.pmdl.model.scenario.PfnMap;
import org.pmdl.model.scenario.ScenarioSpec;
import org.pmdl.model.scenario.Value;
import org.pmdl.model.topology.Arch;
import org.pmdl.model.topology.Cpu;
import org.pmdl.model.topology.Hypervisor;
import org.pmdl.model.topology.Mmu;
import org.pmdl.model.topology.PersistenceDomain;
import org.pmdl.model.topology.PlatformSpec;

/** The compiler from the AST to the model's plain-Java specs. */
class CompilerTest extends LanguageTestSupport {

    @Test
    void persistenceExtensionsCompile() throws Exception {
        var compiled = compile("""
                platform virtio {
                    arch x86_64
                    map-sync disabled
                    nvdimm nmem0 { size 4G }
                    region region0 at 0x100000000 { mapping nmem0 dpa 0 size 4G  flush-hints 1  async }
                }
                platform plain extends virtio {
                    map-sync enabled
                }
                scenario s on virtio {
                    mmap namespace0.0 map-sync
                    xchg namespace0.0[0x8] = 1
                    power-fail bound 1000
                    boot
                    crash anywhere
                    boot
                    power-fail dirty-shutdown
                }
                platform p10 {
                    arch ppc64
                    nvdimm nmem0 { size 4G }
                    region region0 at 0x4000000000 { mapping nmem0 dpa 0 size 4G }
                }
                scenario q on p10 {
                    plwsync
                }
                """);
        PlatformSpec virtio = compiled.platforms().get("virtio");
        assertTrue(virtio.mapSyncDisabled());
        assertTrue(virtio.regions().get(0).async());
        assertEquals(1, virtio.regions().get(0).flushHints());
        assertFalse(compiled.platforms().get("plain").mapSyncDisabled(), "an extending platform overrides it");
        ScenarioSpec s = compiled.scenarios().get(0);
        assertEquals(new Action.MapSync("namespace0.0"), s.steps().get(0).action());
        assertEquals(Action.StoreKind.XCHG, ((Action.Store) s.steps().get(1).action()).kind());
        assertEquals(new Action.PowerFail(1000), s.steps().get(2).action());
        assertEquals(new Action.CrashAnywhere(0), s.steps().get(4).action(), "no bound: the run's default");
        assertEquals(new Action.PowerFail(true, 0), s.steps().get(6).action());
        assertEquals(new Action.Fence(Action.FenceKind.PLWSYNC), compiled.scenarios().get(1).steps().get(0).action());
    }

    @Test
    void contractPlatformsCompileWithEvaluatedSizes() throws Exception {
        var compiled = compile(ParsingTest.resource("/contract/language-md-examples.pmdl"));
        PlatformSpec x86 = compiled.platforms().get("qemu_x86");
        assertEquals(Arch.X86_64, x86.arch());
        assertEquals(Mmu.NATIVE, x86.mmu());
        assertEquals("6.1", x86.kernel());
        assertEquals(PersistenceDomain.MEMORY_CONTROLLER, x86.persistence());
        assertEquals(128 * 1024, x86.nvdimms().get(0).labelAreaSize());
        assertEquals(0, x86.nvdimms().get(1).labelAreaSize(), "no label-area: label-less DIMM");
        assertEquals(0x100000000L, x86.regions().get(0).spaBase());
        assertEquals((4L << 30) - (128 << 10), x86.regions().get(0).mappings().get(0).size());
        assertEquals(10, x86.regions().get(0).source().line(), "source lines travel with the model objects");

        PlatformSpec p10 = compiled.platforms().get("p10_lpar");
        assertEquals(Mmu.HASH, p10.mmu());
        assertEquals(64 * 1024, p10.pageSize());
        assertEquals(16L << 20, p10.linearPageSize());
        assertEquals(Cpu.POWER10, p10.cpu());
        assertEquals(Hypervisor.POWERVM, p10.hypervisor());
        assertEquals(2, p10.lpar().lmbs().size());
        assertEquals(0x80000040L, p10.lpar().lmbs().get(1).drcIndexBase(), "drc-index defaults to 0x80000000 + index");
        assertTrue(p10.lpar().lmbs().get(0).assigned());
        assertFalse(p10.lpar().lmbs().get(1).assigned());
        assertEquals(16L * (256L << 20), p10.scms().get(0).size());
        assertTrue(p10.scms().get(0).cacheFlushRequired());
    }

    @Test
    void contractScenariosCompileOneStepPerWrittenStep() throws Exception {
        var compiled = compile(ParsingTest.resource("/contract/language-md-examples.pmdl"));
        ScenarioSpec labelled = compiled.scenarios().get(0);
        assertEquals("qemu_x86", labelled.platform());
        assertEquals(7, labelled.steps().size());
        var create = assertInstanceOf(Action.CreateNamespace.class, labelled.steps().get(1).action());
        assertEquals(new Action.CreateNamespace("ns0", "region0", NamespaceMode.FSDAX, 1L << 30, 2L << 20, null,
                null, false), create);
        var refused = labelled.steps().get(2);
        assertEquals("EINVAL", refused.expectedOutcome().errno());
        assertEquals("expect error EINVAL", refused.expectedOutcome().text());
        assertEquals(new Action.SetRegionAlign("region0", 4096), labelled.steps().get(3).action());
        assertTrue(labelled.steps().get(4).expectedOutcome().expectsOk());
        var expect = assertInstanceOf(Action.Expect.class, labelled.steps().get(6).action());
        assertEquals(new Condition.Attribute("ns0", "size", Comparison.EQ, Value.of(1054867456)), expect.condition());

        ScenarioSpec commit = compiled.scenarios().get(2);
        var implies = assertInstanceOf(Action.Expect.class, commit.steps().get(commit.steps().size() - 1).action());
        assertEquals(new Condition.Media(new org.pmdl.model.scenario.MediaLocation("ns0", 0x80), Comparison.EQ,
                new Value.Number(BigInteger.ONE)), implies.condition());
        assertEquals(new Action.CacheFlush(Action.FlushKind.DCBSTPS, new org.pmdl.model.scenario.MediaLocation("ns0", 0)),
                commit.steps().get(3).action());
    }

    @Test
    void extendsFlattensAttributesAndOverridesDevicesInPlace() throws Exception {
        var compiled = compile("""
                platform base {
                    arch ppc64 { mmu radix }
                    kernel "6.1"
                    nvdimm a { size 4G }
                    nvdimm b { size 4G }
                }
                platform derived extends base {
                    arch ppc64 { mmu hash }
                    nvdimm a { size 8G label-area 128K }
                    nvdimm c { size 1G }
                    scm pmem0 { drc-index 1 block-size 256M blocks 4 }
                }
                """);
        PlatformSpec derived = compiled.platforms().get("derived");
        assertEquals(Mmu.HASH, derived.mmu());
        assertEquals("6.1", derived.kernel(), "inherited");
        assertEquals(java.util.List.of("a", "b", "c"), derived.nvdimms().stream().map(d -> d.name()).toList());
        assertEquals(8L << 30, derived.nvdimms().get(0).size(), "the override replaces the inherited DIMM");
        assertFalse(derived.scms().get(0).cacheFlushRequired(), "absent cache-flush-required: volatile region");
        assertNull(derived.lpar());
    }

    @Test
    void implicitNamespacesKeepTheKernelName() throws Exception {
        var compiled = compile("""
                platform p {
                    arch x86_64
                    nvdimm a { size 4G }
                    region region0 at 0x100000000 { mapping a dpa 0 size 4G }
                }
                scenario s on p {
                    reconfigure namespace0.0 mode fsdax map mem
                    expect namespace0.0.mode == fsdax
                    reboot
                    expect log "pfn"
                }
                """);
        var steps = compiled.scenarios().get(0).steps();
        assertEquals(new Action.Reconfigure("namespace0.0", NamespaceMode.FSDAX, null, PfnMap.MEM, null, false),
                steps.get(0).action());
        assertEquals(new Condition.Attribute("namespace0.0", "mode", Comparison.EQ, new Value.Text("fsdax")),
                ((Action.Expect) steps.get(1).action()).condition());
        assertEquals(new Action.Reboot(null), steps.get(2).action());
        assertEquals(new Action.ExpectLog("pfn"), steps.get(3).action());
        assertEquals(7, steps.get(0).source().line());
    }

    @Test
    void reconfigureCarriesUuidAndName() throws Exception {
        var compiled = compile("""
                platform p {
                    arch x86_64
                    nvdimm a { size 4G + 128K  label-area 128K }
                    region region0 at 0x100000000 { mapping a dpa 0 size 4G }
                }
                scenario s on p {
                    init-labels a
                    create namespace db in region0 mode raw size 1G
                    reconfigure db name "db-data" mode fsdax uuid "7F0C8C2E-1B6A-4F3E-9D2A-5C4B3A291807"
                    reconfigure db
                }
                """);
        var steps = compiled.scenarios().get(0).steps();
        // any order, as ndctl's options; the uuid as written (ndctl's uuid_parse() takes either case)
        assertEquals(new Action.Reconfigure("db", NamespaceMode.FSDAX, null, null, null, false,
                "7F0C8C2E-1B6A-4F3E-9D2A-5C4B3A291807", "db-data"), steps.get(2).action());
        assertEquals(new Action.Reconfigure("db", null, null, null, null, false, null, null), steps.get(3).action());
    }
}
