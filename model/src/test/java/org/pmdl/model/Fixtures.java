package org.pmdl.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pmdl.model.engine.Engine;
import org.pmdl.model.engine.RunOptions;
import org.pmdl.model.engine.ScenarioResult;
import org.pmdl.model.engine.StepResult;
import org.pmdl.model.scenario.Action;
import org.pmdl.model.scenario.Comparison;
import org.pmdl.model.scenario.Condition;
import org.pmdl.model.scenario.NamespaceMode;
import org.pmdl.model.scenario.OutcomeExpectation;
import org.pmdl.model.scenario.PfnMap;
import org.pmdl.model.scenario.ScenarioSpec;
import org.pmdl.model.scenario.ScenarioStep;
import org.pmdl.model.scenario.Value;
import org.pmdl.model.topology.Arch;
import org.pmdl.model.topology.Cpu;
import org.pmdl.model.topology.Hypervisor;
import org.pmdl.model.topology.MappingSpec;
import org.pmdl.model.topology.Mmu;
import org.pmdl.model.topology.NvdimmSpec;
import org.pmdl.model.topology.PersistenceDomain;
import org.pmdl.model.topology.PlatformSpec;
import org.pmdl.model.topology.RegionSpec;

/** Platforms and scenarios built in Java, the way the compiler builds them; no parser involved. */
public final class Fixtures {
    private Fixtures() {
    }

    public static final long K = 1024;
    public static final long M = 1024 * K;
    public static final long G = 1024 * M;

    public static NvdimmSpec dimm(String name, long size, long labelArea) {
        return new NvdimmSpec(name, size, labelArea, SourceRef.NONE);
    }

    public static RegionSpec region(String name, long base, MappingSpec... mappings) {
        return new RegionSpec(name, base, List.of(mappings), null, false, SourceRef.NONE);
    }

    public static MappingSpec mapping(String dimm, long dpa, long size) {
        return new MappingSpec(dimm, dpa, size, SourceRef.NONE);
    }

    public static PlatformSpec platform(String name, Arch arch, Mmu mmu, long pageSize, long linearPage,
            List<NvdimmSpec> dimms, List<RegionSpec> regions) {
        return new PlatformSpec(name, arch, mmu, pageSize, linearPage, Cpu.GENERIC, "6.1", Hypervisor.NONE, null,
                dimms, regions, null, List.of(), SourceRef.NONE);
    }

    public static PlatformSpec x86(String name, List<NvdimmSpec> dimms, List<RegionSpec> regions) {
        return platform(name, Arch.X86_64, Mmu.NATIVE, 0, 0, dimms, regions);
    }

    /** QEMU `--nvdimm 4G:label=128K`: the label area is carved off the end, region0 at 0x100000000 (t01). */
    public static PlatformSpec qemuX86() {
        return x86("qemu_x86", List.of(dimm("nmem0", 4 * G, 128 * K)),
                List.of(region("region0", 0x1_0000_0000L, mapping("nmem0", 0, 4 * G - 128 * K))));
    }

    /** QEMU `--nvdimm 4G`: a label-less DIMM, nothing carved (t04). */
    public static PlatformSpec qemuX86LabelLess() {
        return x86("qemu_labelless", List.of(dimm("nmem0", 4 * G, 0)),
                List.of(region("region0", 0x1_0000_0000L, mapping("nmem0", 0, 4 * G))));
    }

    /** QEMU `--nvdimm 4G:label=128K --nvdimm 2G:label=128K`: region1 only 128K aligned (t05). */
    public static PlatformSpec qemuTwoDimms() {
        return x86("qemu_two", List.of(dimm("nmem0", 4 * G, 128 * K), dimm("nmem1", 2 * G, 128 * K)),
                List.of(region("region0", 0x1_0000_0000L, mapping("nmem0", 0, 4 * G - 128 * K)),
                        region("region1", 0x1_fffe_0000L, mapping("nmem1", 0, 2 * G - 128 * K))));
    }

    public static PlatformSpec withPersistence(PlatformSpec p, PersistenceDomain d) {
        return new PlatformSpec(p.name(), p.arch(), p.mmu(), p.pageSize(), p.linearPageSize(), p.cpu(), p.kernel(),
                p.hypervisor(), d, p.nvdimms(), p.regions(), p.lpar(), p.scms(), p.source());
    }

    // ---- steps ----

    public static ScenarioStep step(Action a) {
        return new ScenarioStep(a, null, SourceRef.NONE);
    }

    public static ScenarioStep step(Action a, String expectedErrno) {
        return new ScenarioStep(a, new OutcomeExpectation(expectedErrno,
                expectedErrno == null ? "expect ok" : "expect error " + expectedErrno), SourceRef.NONE);
    }

    public static Action.CreateNamespace create(String name, String region, NamespaceMode mode, Long size,
            Long align, PfnMap map, Long sector) {
        return new Action.CreateNamespace(name, region, mode, size, align, map, sector, false);
    }

    public static Action.CreateNamespace create(String name, String region, NamespaceMode mode, Long size) {
        return create(name, region, mode, size, null, null, null);
    }

    public static Action.Reconfigure reconfigure(String ns, NamespaceMode mode, Long align, PfnMap map) {
        return new Action.Reconfigure(ns, mode, align, map, null, true);
    }

    public static Action.Expect expect(String target, String attribute, long value) {
        return new Action.Expect(new Condition.Attribute(target, attribute, Comparison.EQ, Value.of(value)), null);
    }

    public static Action.Expect expect(String target, String attribute, String value) {
        return new Action.Expect(new Condition.Attribute(target, attribute, Comparison.EQ, new Value.Text(value)),
                null);
    }

    public static ScenarioResult run(PlatformSpec platform, ScenarioStep... steps) {
        return run(Map.of(platform.name(), platform), platform.name(), steps);
    }

    public static ScenarioResult run(Map<String, PlatformSpec> platforms, String platform, ScenarioStep... steps) {
        ScenarioSpec spec = new ScenarioSpec("s", platform, new ArrayList<>(List.of(steps)), SourceRef.NONE);
        return new Engine(platforms).run(spec, RunOptions.DEFAULT);
    }

    public static StepResult last(ScenarioResult r) {
        return r.steps().get(r.steps().size() - 1);
    }
}
