package org.pmdl.model.ndctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pmdl.model.Fixtures.G;
import static org.pmdl.model.Fixtures.M;
import static org.pmdl.model.Fixtures.create;
import static org.pmdl.model.Fixtures.qemuX86;
import static org.pmdl.model.Fixtures.run;
import static org.pmdl.model.Fixtures.step;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.pmdl.model.engine.ScenarioResult;
import org.pmdl.model.engine.StepResult;
import org.pmdl.model.libnvdimm.LibnvdimmRules;
import org.pmdl.model.scenario.Action;
import org.pmdl.model.scenario.NamespaceMode;
import org.pmdl.model.scenario.ScenarioStep;
import org.pmdl.model.topology.PlatformSpec;

/**
 * Region operations against the real kernel: regionN/read_only written by hand, ndctl disable-region and
 * enable-region, auto_online_blocks before daxctl. Every expectation was observed on Linux 6.1 (Debian
 * 6.1.0-57-amd64) with ndctl/daxctl 76.1 under QEMU, one 4G DIMM with a 128K label area, by `pmdl diff` of
 * examples/ndctl/regions.pmdl (docs/kernel-observations/t19-region-ops.md).
 */
class RegionOpsTest {
    private static final ScenarioStep INIT = step(new Action.InitLabels("nmem0"));
    private static final ScenarioStep FSDAX = step(create("ns0", "region0", NamespaceMode.FSDAX, 1 * G));
    private static final ScenarioStep DEVDAX = step(new Action.CreateNamespace("ns0", "region0", NamespaceMode.DEVDAX,
            1 * G, 2 * M, null, null, false));
    private static final ScenarioStep SYSTEM_RAM = step(new Action.Daxctl("reconfigure-device", "ns0", "system-ram",
            false, false, false));

    private static StepResult last(ScenarioStep... steps) {
        return last(qemuX86(), steps);
    }

    private static StepResult last(PlatformSpec platform, ScenarioStep... steps) {
        ScenarioResult r = run(platform, steps);
        return r.steps().get(r.steps().size() - 1);
    }

    private static ScenarioStep readOnly(long value) {
        return step(new Action.SetRegionReadOnly("region0", value));
    }

    @Test
    @DisplayName("t19: read_only 1 marks the fsdax disk read-only; sysfs reads 1; ndctl then creates nothing "
            + "(ENOSPC) and reconfigures nothing (ENXIO)")
    void readOnlyRegion() {
        StepResult set = last(INIT, FSDAX, readOnly(1));
        assertTrue(set.ok());
        // Expected: read_only_show() prints "%d" — drivers/nvdimm/region_devs.c
        assertEquals(1L, set.values().get("read_only"));
        // Expected: "nd_pmem pfn0.1: region0 read-only, marking pmem0 read-only" — bus.c nvdimm_check_and_set_ro
        assertTrue(set.log().stream().anyMatch(l -> l.endsWith(": region0 read-only, marking pmem0 read-only")),
                set.log().toString());
        assertEquals(List.of(LibnvdimmRules.REGION_READ_ONLY_STORE, LibnvdimmRules.REGION_RO_DISK), set.applied());
        StepResult create = last(INIT, FSDAX, readOnly(1),
                step(create("ns1", "region0", NamespaceMode.RAW, 512 * M)));
        assertEquals("ENOSPC", create.errno()); // ndctl namespace_create: "read-only, ineligible"
        StepResult reconfigure = last(INIT, FSDAX, readOnly(1),
                step(new Action.Reconfigure("ns0", NamespaceMode.RAW, null, null, null, true)));
        assertEquals("ENXIO", reconfigure.errno()); // ndctl namespace_prep_reconfig: "re-configuration disabled"
    }

    @Test
    @DisplayName("t19: kstrtobool reads the first digit: 2 is EINVAL, 0 makes the disk read-write again")
    void readOnlyValues() {
        StepResult two = last(INIT, FSDAX, readOnly(2));
        assertEquals("EINVAL", two.errno());
        assertEquals(LibnvdimmRules.REGION_READ_ONLY_STORE, two.applied().get(0));
        StepResult ten = last(INIT, FSDAX, readOnly(10));
        assertEquals(1L, ten.values().get("read_only"));
        StepResult back = last(INIT, FSDAX, readOnly(1), readOnly(0));
        assertEquals(0L, back.values().get("read_only"));
        assertTrue(back.log().stream().anyMatch(l -> l.endsWith(": region0 read-write, marking pmem0 read-write")),
                back.log().toString());
    }

    @Test
    @DisplayName("5.10 (before commit 2361db89aaad): a read_only write leaves existing disks alone")
    void readOnlyBefore512() {
        PlatformSpec p = qemuX86();
        PlatformSpec v510 = new PlatformSpec(p.name(), p.arch(), p.mmu(), p.pageSize(), p.linearPageSize(),
                p.cpu(), "5.10", p.hypervisor(), p.persistence(), p.nvdimms(), p.regions(), p.lpar(), p.scms(),
                p.mapSyncDisabled(), p.source(), p.ocxls(), p.hotplug(), p.distro());
        StepResult set = last(v510, INIT, FSDAX, readOnly(1));
        assertTrue(set.ok());
        assertTrue(set.log().stream().noneMatch(l -> l.contains("marking")), set.log().toString());
    }

    @Test
    @DisplayName("t19: disable-region takes the namespaces away (state disabled, create ENOSPC); enable-region "
            + "finds them again in their modes, under their names")
    void disableEnableRegion() {
        ScenarioStep sector = step(create("ns1", "region0", NamespaceMode.SECTOR, 512 * M));
        ScenarioStep disable = step(new Action.DisableRegion("region0"));
        StepResult off = last(INIT, FSDAX, sector, disable);
        assertTrue(off.ok());
        assertEquals("disabled", off.values().get("state"));
        assertTrue(off.log().contains("ndctl: disabled 1 region"), off.log().toString());
        assertEquals(Map.of(), off.state().get("ns0"), "the namespace went with the region");
        StepResult create = last(INIT, FSDAX, sector, disable,
                step(create("ns2", "region0", NamespaceMode.RAW, 256 * M)));
        assertEquals("ENOSPC", create.errno()); // validate_namespace_options: "disabled, skipping..."
        assertEquals(LibnvdimmRules.NDCTL_REGION_DISABLED, create.applied().get(0));
        StepResult on = last(INIT, FSDAX, sector, disable, step(new Action.EnableRegion("region0")));
        assertTrue(on.ok());
        assertEquals("enabled", on.values().get("state"));
        assertEquals("fsdax", on.state().get("ns0").get("mode"));
        assertEquals("sector", on.state().get("ns1").get("mode"));
    }

    @Test
    @DisplayName("t19: a devdax namespace online as system-ram keeps its region: 'disabled 0 regions', exit 0, "
            + "a warning")
    void disableRegionWhileSystemRam() {
        StepResult r = last(INIT, DEVDAX, SYSTEM_RAM, step(new Action.DisableRegion("region0")));
        assertTrue(r.ok());
        assertEquals("enabled", r.values().get("state"));
        assertTrue(r.log().contains("ndctl: disabled 0 regions"), r.log().toString());
        assertEquals(LibnvdimmRules.NDCTL_REGION_ACTIVE, r.findings().get(0).rule());
    }

    @Test
    @DisplayName("t19: daxctl reads auto_online_blocks when it runs: online refuses system-ram (EBUSY), offline "
            + "lets it through")
    void autoOnlineBlocks() {
        StepResult refused = last(INIT, DEVDAX, step(new Action.SetAutoOnlineBlocks("online")), SYSTEM_RAM);
        assertEquals("EBUSY", refused.errno());
        StepResult ok = last(INIT, DEVDAX, step(new Action.SetAutoOnlineBlocks("online")),
                step(new Action.SetAutoOnlineBlocks("offline")), SYSTEM_RAM);
        assertTrue(ok.ok());
        assertEquals("offline", ok.values().get("auto_online_blocks"));
    }
}
