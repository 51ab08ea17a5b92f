package org.pmdl.model.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pmdl.model.Fixtures.G;
import static org.pmdl.model.Fixtures.K;
import static org.pmdl.model.Fixtures.M;
import static org.pmdl.model.Fixtures.create;
import static org.pmdl.model.Fixtures.dimm;
import static org.pmdl.model.Fixtures.mapping;
import static org.pmdl.model.Fixtures.region;
import static org.pmdl.model.Fixtures.run;
import static org.pmdl.model.Fixtures.step;
import static org.pmdl.model.Fixtures.x86;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.pmdl.model.scenario.Action;
import org.pmdl.model.scenario.NamespaceMode;
import org.pmdl.model.scenario.ScenarioStep;
import org.pmdl.model.topology.MappingSpec;
import org.pmdl.model.topology.NvdimmSpec;
import org.pmdl.model.topology.PlatformSpec;

/**
 * Interleaved regions through ndctl and the kernel. The QEMU oracle cannot build interleave sets, so every
 * expected value is derived from Linux 6.1 source (drivers/nvdimm/region_devs.c, namespace_devs.c,
 * dimm_devs.c, label.c) or ndctl v76.1 ndctl/namespace.c, named at each assertion.
 */
class InterleaveTest {
    private static final long BASE = 0x40_0000_0000L;

    /** x86, one region of {@code ways} DIMMs (label area 128K each), {@code perDimm} bytes from DPA 0 of each. */
    private static PlatformSpec interleaved(int ways, long perDimm, boolean... labelArea) {
        List<NvdimmSpec> dimms = new ArrayList<>();
        List<MappingSpec> maps = new ArrayList<>();
        for (int i = 0; i < ways; i++) {
            boolean label = labelArea.length == 0 || labelArea[i];
            dimms.add(dimm("nmem" + i, perDimm + (label ? 128 * K : 0), label ? 128 * K : 0));
            maps.add(mapping("nmem" + i, 0, perDimm));
        }
        return x86("il" + ways, dimms, List.of(region("region0", BASE, maps.toArray(MappingSpec[]::new))));
    }

    private static List<ScenarioStep> initAll(int ways) {
        List<ScenarioStep> steps = new ArrayList<>();
        for (int i = 0; i < ways; i++) {
            steps.add(step(new Action.InitLabels("nmem" + i)));
        }
        return steps;
    }

    private static ScenarioResult run3(PlatformSpec p, List<ScenarioStep> steps) {
        ScenarioResult r = run(p, steps.toArray(ScenarioStep[]::new));
        assertEquals(ScenarioStatus.PASS, r.status(), r.findings().toString());
        return r;
    }

    private static Map<String, Object> after(ScenarioResult r, String object) {
        return r.steps().get(r.steps().size() - 1).state().get(object);
    }

    @Test
    @DisplayName("3-way: DPA per DIMM = size/3, SPA = base + DPA offset * 3, holes trimmed to 16M per DIMM")
    void threeWayPlacement() {
        List<ScenarioStep> steps = initAll(3);
        steps.add(step(create("a", "region0", NamespaceMode.RAW, 48 * M)));
        steps.add(step(create("b", "region0", NamespaceMode.RAW, 96 * M)));
        ScenarioResult two = run3(interleaved(3, 4 * G), steps);
        // nd_namespace_pmem_set_resource(): b's extent starts at DPA 16M on nmem0, so SPA base + 16M * 3
        assertEquals(BASE, after(two, "a").get("resource"));
        assertEquals(BASE + 48 * M, after(two, "b").get("resource"));
        // nd_region_available_dpa(): each DIMM has 4G - 16M - 32M free, summed over the 3 mappings
        assertEquals(3 * (4 * G - 48 * M), after(two, "region0").get("available_size"));
        // label.c __pmem_label_update(): one label per namespace on every DIMM of the set (1019 free after init)
        for (int i = 0; i < 3; i++) {
            assertEquals(1017L, after(two, "nmem" + i).get("available_slots"), "nmem" + i);
        }

        steps.add(step(new Action.DestroyNamespace("a")));
        steps.add(step(create("c", "region0", NamespaceMode.RAW, 96 * M)));
        ScenarioResult r = run3(interleaved(3, 4 * G), steps);
        // space_valid(): the freed [0, 16M) per DIMM cannot hold 32M, so scan_allocate() goes after b: DPA 48M
        assertEquals(BASE + 3 * 48 * M, after(r, "c").get("resource"));
        // nd_region_allocatable_dpa(): 3 * the largest free extent per DIMM, [80M, 4G)
        assertEquals(3 * (4 * G - 80 * M), after(r, "region0").get("max_available_extent"));
        // nd_pmem_available_dpa(): the 16M hole counts too
        assertEquals(3 * (4 * G - 64 * M), after(r, "region0").get("available_size"));

        steps.add(step(new Action.Reboot(null)));
        ScenarioResult rebooted = run3(interleaved(3, 4 * G), steps);
        // scan_labels(): mapping 0's labels rebuild the namespaces, size = rawsize * ways
        assertEquals(96 * M, after(rebooted, "c").get("size"));
        assertEquals(BASE + 3 * 48 * M, after(rebooted, "c").get("resource"));
    }

    @Test
    @DisplayName("6-way: align 96M; 170 * 96M fits, 16G is refused by ndctl's region-align check")
    void sixWay() {
        List<ScenarioStep> steps = initAll(6);
        steps.add(step(create("big", "region0", NamespaceMode.RAW, 16 * G), "EINVAL"));
        steps.add(step(create("ok", "region0", NamespaceMode.RAW, 170 * 96 * M)));
        ScenarioResult r = run3(interleaved(6, 4 * G), steps);
        // ndctl validate_namespace_options(): size % region align (default_align: 16M * 6)
        assertTrue(r.steps().get(6).log().contains(
                "ndctl: Error: create namespace: region0: align setting is 0x6000000 size 0x400000000 is misaligned"));
        assertEquals(17112760320L, after(r, "ok").get("size"));
        // nd_pmem_available_dpa(): per DIMM 4G - 2720M = 1376M, a multiple of dpa_align 16M
        assertEquals(6 * 1376 * M, after(r, "region0").get("available_size"));
        assertEquals(6 * 1376 * M, after(r, "region0").get("max_available_extent"));
    }

    @Test
    @DisplayName("align_store: 6-way takes 24K, 96M, 192M; refuses 16M (remainder 4) and 18M (dpa 3M)")
    void alignStoreSixWay() {
        List<ScenarioStep> steps = initAll(6);
        // region_devs.c align_store(): val % mappings, then dpa = val / mappings a power of two >= PAGE_SIZE
        steps.add(step(new Action.SetRegionAlign("region0", 16 * M), "EINVAL"));
        steps.add(step(new Action.SetRegionAlign("region0", 18 * M), "EINVAL"));
        steps.add(step(new Action.SetRegionAlign("region0", 24 * K), null));
        steps.add(step(new Action.SetRegionAlign("region0", 192 * M), null));
        steps.add(step(new Action.SetRegionAlign("region0", 96 * M), null));
        assertEquals(96 * M, after(run3(interleaved(6, 4 * G), steps), "region0").get("align"));
    }

    @Test
    @DisplayName("ndctl: 2-way fsdax align 1G size 1G: 'must align to interleave-width: 2', did you intend 2G")
    void twoWaySizeSuggestion() {
        List<ScenarioStep> steps = initAll(2);
        steps.add(step(create("a", "region0", NamespaceMode.FSDAX, G, G, null, null), "EINVAL"));
        steps.add(step(create("b", "region0", NamespaceMode.FSDAX, 2 * G, G, null, null)));
        ScenarioResult r = run3(interleaved(2, 4 * G), steps);
        // ndctl/namespace.c validate_namespace_options(): size % (align * ways), suggestion in --size's units
        assertEquals(List.of("ndctl: Error: create namespace: '--size=' must align to interleave-width: 2 and "
                + "alignment: 1073741824", "ndctl: did you intend --size=2G?"), r.steps().get(2).log());
        // pfn_devs.c nd_pfn_init(): dataoff = ALIGN(start + 8K + 64 * npfns, 1G) - start
        assertEquals(G, after(r, "b").get("dataoff"));
        assertEquals(G, after(r, "b").get("align"));
    }

    @Test
    @DisplayName("labels on one DIMM of a 2-way set: the kernel writes a v1.2 index on the other at first label")
    void partialLabels() {
        List<ScenarioStep> steps = new ArrayList<>();
        steps.add(step(new Action.InitLabels("nmem1")));
        steps.add(step(create("a", "region0", NamespaceMode.RAW, G)));
        ScenarioResult r = run3(interleaved(2, 4 * G), steps);
        // nd_region_to_nstype(): any DIMM with NDD_LABELING makes the region labelled
        assertEquals(5L, after(r, "region0").get("nstype"));
        // label.c init_labels(): ns_current == -1, nd_label_validate() left nslabel_size 256 -> v1.2
        assertEquals("1.2", after(r, "nmem0").get("label_version"));
        // NDD_LABELING is only set by nvdimm_probe()
        assertEquals("", after(r, "nmem0").get("flags"));
        steps.add(step(new Action.Reboot(null)));
        ScenarioResult rebooted = run3(interleaved(2, 4 * G), steps);
        assertEquals("label ", after(rebooted, "nmem0").get("flags"));
        assertEquals(G, after(rebooted, "a").get("size"));
    }

    @Test
    @DisplayName("a set with a DIMM without driver data: max_available_extent skips it, __size_store says ENXIO")
    void dimmWithoutDriverData() {
        List<ScenarioStep> steps = new ArrayList<>();
        steps.add(step(new Action.InitLabels("nmem0")));
        steps.add(step(create("a", "region0", NamespaceMode.RAW, G), "ENXIO"));
        ScenarioResult r = run3(interleaved(2, 4 * G, true, false), steps);
        // nd_region_available_dpa(): any disabled DIMM makes it 0 (and libndctl reports it as is)
        assertEquals(0L, after(r, "region0").get("available_size"));
        // nd_region_allocatable_dpa(): min_not_zero() skips nmem1's 0, times 2 mappings
        assertEquals(8 * G, after(r, "region0").get("max_available_extent"));
        // namespace_devs.c __size_store(): "All dimms in an interleave set, need to be enabled"
        assertTrue(r.steps().get(1).log().contains("nd namespace0.0: 40000000 fail (-6)"),
                r.steps().get(1).log().toString());
    }
}
