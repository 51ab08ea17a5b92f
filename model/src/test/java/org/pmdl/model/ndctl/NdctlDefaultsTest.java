package org.pmdl.model.ndctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pmdl.model.Fixtures.G;
import static org.pmdl.model.Fixtures.K;
import static org.pmdl.model.Fixtures.M;
import static org.pmdl.model.Fixtures.create;
import static org.pmdl.model.Fixtures.dimm;
import static org.pmdl.model.Fixtures.last;
import static org.pmdl.model.Fixtures.mapping;
import static org.pmdl.model.Fixtures.qemuX86;
import static org.pmdl.model.Fixtures.qemuX86LabelLess;
import static org.pmdl.model.Fixtures.reconfigure;
import static org.pmdl.model.Fixtures.region;
import static org.pmdl.model.Fixtures.run;
import static org.pmdl.model.Fixtures.step;
import static org.pmdl.model.Fixtures.x86;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.pmdl.model.engine.StepResult;
import org.pmdl.model.libnvdimm.LibnvdimmRules;
import org.pmdl.model.scenario.Action;
import org.pmdl.model.scenario.NamespaceMode;
import org.pmdl.model.scenario.PfnMap;

/**
 * ndctl 76.1's defaults when a create-namespace or reconfigure leaves an option out (issue 17). Sources:
 * ndctl/namespace.c parse_namespace_options() (no --mode on create: type pmem, mode "fsdax", mode_default),
 * validate_available_capacity() (no --size: the region's max_available_extent, or the whole label-less region),
 * validate_namespace_options() (no --mode on reconfigure: ndctl_namespace_get_mode(); no --align: the pfn
 * seed's align; a default size under 16M: -EAGAIN, reported by do_xaction_namespace() as ENOSPC).
 */
class NdctlDefaultsTest {
    private static final Action INIT = new Action.InitLabels("nmem0");

    @Test
    @DisplayName("create-namespace with no option: fsdax over the whole max_available_extent, align 2M, map dev")
    void createWithNoOption() {
        StepResult r = last(run(qemuX86(), step(INIT), step(create("ns0", "region0", null, null))));
        assertTrue(r.ok(), () -> r.log().toString());
        assertEquals("fsdax", r.values().get("mode"));
        assertEquals(4278190080L, r.values().get("raw_size"), "t01: region0's max_available_extent after init");
        assertEquals(2 * M, r.values().get("align"), "x86's pfn seed align: HPAGE_PMD_SIZE");
        assertEquals("dev", r.values().get("map"));
        assertEquals(0L, r.state().get("region0").get("max_available_extent"));
    }

    @Test
    @DisplayName("label-less namespace0.0 reconfigured with no --mode stays raw over the whole region")
    void labelLessReconfigureKeepsRaw() {
        StepResult r = last(run(qemuX86LabelLess(), step(reconfigure("namespace0.0", null, null, null))));
        assertTrue(r.ok(), () -> r.log().toString());
        assertEquals("raw", r.values().get("mode"));
        assertEquals(4 * G, r.values().get("size"));
    }

    @Test
    @DisplayName("reconfigure with no --mode keeps the namespace's mode (sector stays sector, its sector size kept)")
    void reconfigureKeepsMode() {
        StepResult r = last(run(qemuX86(), step(INIT),
                step(create("ns0", "region0", NamespaceMode.SECTOR, G, null, null, 512L)),
                step(reconfigure("ns0", null, null, null))));
        assertTrue(r.ok(), () -> r.log().toString());
        assertEquals("sector", r.values().get("mode"));
        // Expected: validate_namespace_options() takes ndctl_btt_get_sector_size() when neither -m nor -l is given,
        // so the BTT stays at 512-byte sectors (1G: 1065254400 bytes, t02 2.14), not set_defaults()' 4096
        assertEquals(512L, r.values().get("sector_size"));
        assertEquals(1065254400L, r.values().get("size"));
    }

    @Test
    @DisplayName("-m sector alone means 4096-byte sectors, even over a 512-byte BTT (set_defaults)")
    void explicitSectorModeTakes4096() {
        StepResult r = last(run(qemuX86(), step(INIT),
                step(create("ns0", "region0", NamespaceMode.SECTOR, G, null, null, 512L)),
                step(reconfigure("ns0", NamespaceMode.SECTOR, null, null))));
        assertTrue(r.ok(), () -> r.log().toString());
        // Expected: ndctl/namespace.c set_defaults(): param.sector_size = "4096" whenever --mode=sector is given
        assertEquals(4096L, r.values().get("sector_size"));
        assertEquals(1071611904L, r.values().get("size"), "t02 2.15: a 1G BTT with 4096-byte sectors");
    }

    @Test
    @DisplayName("a namespace made sector keeps sector_size 4096 as fsdax and raw (t08: raw -> sector -> ... -> raw)")
    void sectorSizeOutlivesTheBtt() {
        var r = run(qemuX86(), step(INIT), step(create("ns0", "region0", NamespaceMode.FSDAX, G)),
                step(reconfigure("ns0", NamespaceMode.SECTOR, null, null)),
                step(reconfigure("ns0", NamespaceMode.FSDAX, null, PfnMap.MEM)),
                step(reconfigure("ns0", NamespaceMode.RAW, null, null)));
        // Expected (t08-reconfig-offsets.out, Linux 6.1): "sector_size":512 for the new fsdax namespace (setup_namespace
        // writes the seed's default 512 to the namespace), 4096 from the sector reconfigure on, as fsdax and raw:
        // setup_namespace() wrote 4096 to the namespace's sector_size, and a later reconfigure without -l keeps
        // ndctl_namespace_get_sector_size()
        assertEquals(512L, r.steps().get(1).values().get("sector_size"));
        assertEquals(4096L, r.steps().get(2).values().get("sector_size"));
        assertEquals(List.of("fsdax", 4096L), List.of(r.steps().get(3).values().get("mode"),
                r.steps().get(3).values().get("sector_size")));
        assertEquals(List.of("raw", 4096L), List.of(r.steps().get(4).values().get("mode"),
                r.steps().get(4).values().get("sector_size")));
    }

    @Test
    @DisplayName("the sector_size a label holds comes back after a reboot")
    void sectorSizeInTheLabel() {
        var r = run(qemuX86(), step(INIT), step(create("ns0", "region0", NamespaceMode.SECTOR, G)),
                step(reconfigure("ns0", NamespaceMode.RAW, null, null)), step(new Action.Reboot(null)));
        // Expected: __pmem_label_update() writes nspm->lbasize into the label, create_namespace_pmem() reads it back
        assertEquals(4096L, r.stateAfter(3).get("ns0").get("sector_size"));
    }

    @Test
    @DisplayName("a label-less namespace shows sector_size 512: namespace_io has no sector_size attribute")
    void labelLessSectorSize() {
        StepResult r = last(run(qemuX86LabelLess(), step(reconfigure("namespace0.0", NamespaceMode.RAW, null, null))));
        assertTrue(r.ok(), () -> r.log().toString());
        // Expected: ndctl/json.c util_namespace_to_json: ndctl_namespace_get_sector_size() is 0, printed as 512
        // (t04-labelless.out: "sector_size":512)
        assertEquals(512L, r.values().get("sector_size"));
    }

    @Test
    @DisplayName("a default size under 16M for fsdax is -EAGAIN inside ndctl: ENOSPC, not the --size EINVAL")
    void defaultSizeTooSmall() {
        var small = x86("small", List.of(dimm("nmem0", 8 * M, 0)),
                List.of(region("region0", 0x1_0000_0000L, mapping("nmem0", 0, 8 * M))));
        StepResult r = last(run(small, step(create("ns0", "region0", null, null))));
        assertFalse(r.ok());
        assertEquals("ENOSPC", r.errno());
        assertEquals(LibnvdimmRules.NDCTL_CAPACITY, r.applied().get(0));
        assertTrue(r.log().contains("ndctl: failed to create namespace: No space left on device"), r.log()::toString);
    }
}
