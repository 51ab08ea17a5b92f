package org.pmdl.model.libnvdimm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pmdl.model.Fixtures.G;
import static org.pmdl.model.Fixtures.create;
import static org.pmdl.model.Fixtures.qemuX86;
import static org.pmdl.model.Fixtures.reconfigure;
import static org.pmdl.model.Fixtures.run;
import static org.pmdl.model.Fixtures.step;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.pmdl.model.engine.ScenarioResult;
import org.pmdl.model.scenario.Action;
import org.pmdl.model.scenario.NamespaceMode;

/**
 * The namespace's force_raw attribute (drivers/nvdimm/namespace_devs.c force_raw_store): taken at any time, it
 * acts on the next probe, where nd_btt_probe(), nd_pfn_probe() and nd_dax_probe() return -ENODEV and nd_pmem
 * attaches the raw block device; ndctl's zero_info_block() leaves it 0; a reboot makes new namespace devices.
 */
class ForceRawTest {
    private static final Action INIT = new Action.InitLabels("nmem0");

    private static List<Object> modeAndSize(Map<String, Object> values) {
        return List.of(values.get("mode"), values.get("size"), values.get("force_raw"));
    }

    @Test
    @DisplayName("a sector namespace enabled with force_raw is raw over its whole size; force_raw 0 brings the BTT back")
    void sectorNamespaceForcedRaw() {
        ScenarioResult r = run(qemuX86(), step(INIT), step(create("s", "region0", NamespaceMode.SECTOR, G)),
                step(new Action.DisableNamespace("s")), step(new Action.ForceRaw("s", true)),
                step(new Action.EnableNamespace("s")), step(new Action.DisableNamespace("s")),
                step(new Action.ForceRaw("s", false)), step(new Action.EnableNamespace("s")));
        r.steps().forEach(s -> assertTrue(s.ok(), () -> s.step().action().op() + ": " + s.log()));
        // Expected: nd_btt_probe() returns -ENODEV under force_raw, so pmem_attach_disk() exposes the namespace raw:
        // mode "raw" (mode_show: no claim), size = the namespace's 1G; the sector_size shown is the namespace's own,
        // 4096 since setup_namespace() wrote -m sector's default to it
        assertEquals(List.of("raw", G, 1L), modeAndSize(r.steps().get(4).values()));
        assertEquals(4096L, r.steps().get(4).values().get("sector_size"));
        assertTrue(r.steps().get(4).applied().contains(LibnvdimmRules.NS_FORCE_RAW));
        // the BTT info block was never touched: the next probe without force_raw finds it (1G, 4K: t02 2.15)
        assertEquals(List.of("sector", 1071611904L, 0L), modeAndSize(r.steps().get(7).values()));
    }

    @Test
    @DisplayName("force_raw on an enabled namespace is taken but changes nothing until the next enable")
    void enabledNamespaceKeepsItsPersonality() {
        ScenarioResult r = run(qemuX86(), step(INIT), step(create("f", "region0", NamespaceMode.FSDAX, G)),
                step(new Action.ForceRaw("f", true)), step(new Action.DisableNamespace("f")),
                step(new Action.EnableNamespace("f")));
        r.steps().forEach(s -> assertTrue(s.ok(), () -> s.step().action().op() + ": " + s.log()));
        // Expected: force_raw_store() checks neither dev->driver nor the claim
        assertEquals("fsdax", r.steps().get(2).values().get("mode"));
        assertEquals(1L, r.steps().get(2).values().get("force_raw"));
        // nd_pfn_probe() returns -ENODEV: the pfn infoblock stays on the media, the namespace comes up raw
        assertEquals(List.of("raw", G, 1L), modeAndSize(r.steps().get(4).values()));
    }

    @Test
    @DisplayName("ndctl's reconfigure clears force_raw (zero_info_block), and a reboot forgets it")
    void reconfigureAndRebootClearIt() {
        ScenarioResult r = run(qemuX86(), step(INIT), step(create("s", "region0", NamespaceMode.SECTOR, G)),
                step(new Action.ForceRaw("s", true)), step(reconfigure("s", NamespaceMode.FSDAX, null, null)),
                step(new Action.ForceRaw("s", true)), step(new Action.Reboot(null)));
        r.steps().forEach(s -> assertTrue(s.ok(), () -> s.step().action().op() + ": " + s.log()));
        // Expected: ndctl/namespace.c zero_info_block() ends with ndctl_namespace_set_raw_mode(ndns, 0)
        assertEquals(List.of("fsdax", 0L), List.of(r.steps().get(3).values().get("mode"),
                r.steps().get(3).values().get("force_raw")));
        // force_raw is a field of the namespace device, not of its label: the rebooted namespace probes its pfn
        assertEquals(List.of("fsdax", 0L), List.of(r.stateAfter(5).get("s").get("mode"),
                r.stateAfter(5).get("s").get("force_raw")));
    }
}
