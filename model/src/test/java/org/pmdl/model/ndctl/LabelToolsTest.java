package org.pmdl.model.ndctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pmdl.model.Fixtures.M;
import static org.pmdl.model.Fixtures.create;
import static org.pmdl.model.Fixtures.qemuX86;
import static org.pmdl.model.Fixtures.qemuX86LabelLess;
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

/**
 * ndctl's label tools and check-namespace against the real kernel: every expectation was observed on Linux 6.1
 * (Debian 6.1.0-57-amd64) with ndctl 76.1 under QEMU, one 4G DIMM with a 128K label area
 * (docs/kernel-observations/t17c-label-tools.md, whose numbered lines the tests name).
 */
class LabelToolsTest {
    private static final ScenarioStep INIT = step(new Action.InitLabels("nmem0"));
    private static final ScenarioStep SECTOR = step(create("s", "region0", NamespaceMode.SECTOR, 64 * M));

    private static StepResult last(ScenarioStep... steps) {
        ScenarioResult r = run(qemuX86(), steps);
        return r.steps().get(r.steps().size() - 1);
    }

    @Test
    @DisplayName("t17c: zero-labels and init-labels [-f] on an active DIMM: 'regions active, abort label write', "
            + "nothing done")
    void activeDimmRefused() {
        for (Action a : List.of(new Action.ZeroLabels("nmem0", true), new Action.InitLabels("nmem0", false, 1, true),
                new Action.InitLabels("nmem0", true, 2, true))) {
            StepResult r = last(step(a));
            assertFalse(r.ok(), a.op());
            assertEquals("EBUSY", r.errno());
            assertEquals(LibnvdimmRules.NDCTL_LABELS_ACTIVE, r.applied().get(0));
            assertTrue(r.log().contains("ndctl: nmem0: regions active, abort label write"), r.log().toString());
            assertTrue(r.log().contains("ndctl: " + (a instanceof Action.ZeroLabels ? "zeroed" : "initialized")
                    + " 0 nmem"));
            assertEquals("", r.state().get("nmem0").get("flags"), "the label area is untouched");
        }
    }

    @Test
    @DisplayName("t17c: init-labels -f -V 1.2 over a v1.1 index: v1.2, 256-byte labels, 510 slots, 509 available")
    void forceVersion12() {
        StepResult again = last(INIT, INIT);
        assertFalse(again.ok());
        assertTrue(again.log().contains("ndctl: nmem0: error: labels already initialized"));
        // ndctl/dimm.c __action_init: a valid index without --force is -EBUSY, its own rule beside "no label area"
        assertEquals("EBUSY", again.errno());
        assertEquals(LibnvdimmRules.NDCTL_LABELS_INITIALIZED, again.applied().get(0), again.applied()::toString);
        StepResult r = last(INIT, step(new Action.InitLabels("nmem0", true, 2, false)));
        assertTrue(r.ok());
        assertEquals("1.2", r.values().get("label_version"));
        assertEquals(509L, r.values().get("available_slots"));
        StepResult read = last(INIT, step(new Action.InitLabels("nmem0", true, 2, false)),
                step(new Action.ReadLabels("nmem0")));
        assertEquals("NAMESPACE_INDEX", read.values().get("signature"));
        assertEquals(1L, read.values().get("major"));
        assertEquals(2L, read.values().get("minor"));
        assertEquals(256L, read.values().get("labelsize"));
        assertEquals(510L, read.values().get("nslot"));
    }

    @Test
    @DisplayName("t17c: read-labels -j of a v1.1 index: 1020 slots of 128 bytes; of a zeroed area: empty, 0.0, 128, 0")
    void readLabels() {
        StepResult v11 = last(INIT, step(new Action.ReadLabels("nmem0")));
        assertEquals(1L, v11.values().get("minor"));
        assertEquals(128L, v11.values().get("labelsize"));
        assertEquals(1020L, v11.values().get("nslot"));
        assertTrue(v11.log().contains("ndctl: read 1 nmem"));
        StepResult zeroed = last(step(new Action.ReadLabels("nmem0")));
        assertEquals("", zeroed.values().get("signature"));
        assertEquals(0L, zeroed.values().get("major"));
        assertEquals(128L, zeroed.values().get("labelsize"));
        assertEquals(0L, zeroed.values().get("nslot"));
    }

    @Test
    @DisplayName("t17c: zero-labels after namespaces: they are gone, the DIMM keeps flags 'label ', an empty seed, "
            + "509 slots")
    void zeroLabelsKeepsLabelling() {
        StepResult r = last(INIT, SECTOR, step(new Action.ZeroLabels("nmem0", false)));
        assertTrue(r.ok());
        assertTrue(r.log().contains("ndctl: zeroed 1 nmem"));
        assertEquals("label ", r.state().get("nmem0").get("flags"));
        assertEquals(509L, r.state().get("nmem0").get("available_slots"));
        assertEquals(4278190080L, r.state().get("region0").get("available_size"));
        assertEquals(Map.of(), r.state().getOrDefault("s", Map.of()), "no label, no namespace");
    }

    @Test
    @DisplayName("t17c: a sector namespace is 65961984 bytes on v1.1 labels (BTT 1.1 at 4K) and 65966080 on v1.2")
    void sectorSizeByLabelVersion() {
        assertEquals(65961984L, last(INIT, SECTOR).values().get("size"));
        assertEquals(65966080L, last(step(new Action.InitLabels("nmem0", false, 2, false)), SECTOR)
                .values().get("size"));
    }

    @Test
    @DisplayName("t17c: check-namespace of an enabled BTT: EBUSY 'check aborted, namespace online'; -f: checked, "
            + "enabled again in sector mode")
    void checkEnabledNamespace() {
        StepResult refused = last(INIT, SECTOR, step(new Action.CheckNamespace("s", false, false, false)));
        assertFalse(refused.ok());
        assertEquals("EBUSY", refused.errno());
        assertEquals(List.of("ndctl: namespace0.0: namespace_check: namespace0.0: check aborted, namespace online",
                "ndctl: error checking namespaces: Device or resource busy", "ndctl: checked 0 namespaces"),
                refused.log());
        StepResult forced = last(INIT, SECTOR, step(new Action.CheckNamespace("s", true, false, true)));
        assertTrue(forced.ok());
        assertTrue(forced.log().contains("ndctl: checked 1 namespace"));
        assertEquals("sector", forced.values().get("mode"));
        assertEquals(65961984L, forced.values().get("size"));
    }

    @Test
    @DisplayName("t17c: check-namespace of a disabled BTT: checked, stays disabled; -L without -R: EINVAL first")
    void checkDisabledNamespace() {
        ScenarioStep disable = step(new Action.DisableNamespace("s"));
        StepResult r = last(INIT, SECTOR, disable, step(new Action.CheckNamespace("s", true, true, false)));
        assertTrue(r.ok());
        assertEquals("raw", r.values().get("mode"));
        StepResult logfix = last(INIT, SECTOR, step(new Action.CheckNamespace("s", false, true, false)));
        assertEquals("EINVAL", logfix.errno());
        assertEquals("ndctl: namespace0.0: namespace_check: --rewrite-log also requires --repair",
                logfix.log().get(0));
        assertEquals("ndctl: error checking namespaces: Invalid argument", logfix.log().get(1));
    }

    @Test
    @DisplayName("t17c: check-namespace -f of a raw namespace: no BTT, ENXIO, enabled again raw")
    void checkRawNamespace() {
        StepResult r = last(INIT, step(create("r", "region0", NamespaceMode.RAW, 64 * M)),
                step(new Action.CheckNamespace("r", false, false, true)));
        assertFalse(r.ok());
        assertEquals("ENXIO", r.errno());
        assertEquals(List.of("ndctl: namespace0.0: namespace_check: Unable to recover any BTT info blocks",
                "ndctl: namespace0.0: namespace_check: This may not be a sector mode namespace",
                "ndctl: error checking namespaces: No such device or address", "ndctl: checked 0 namespaces"),
                r.log());
        assertEquals("raw", r.state().get("r").get("mode"));
        assertEquals(true, r.state().get("r").get("enabled"));
    }

    @Test
    @DisplayName("check-labels: a valid index verified while the region is enabled; a zeroed area and no label area "
            + "are not, exit status 1")
    void checkLabels() {
        StepResult valid = last(INIT, step(new Action.CheckLabels("nmem0")));
        assertTrue(valid.ok(), valid.log()::toString);
        // Expected: t17c line 222 ("successfully verified 1 nmem label", rc=0); action_check() is __action_init()
        // with chk_only, which skips the ndctl_dimm_is_active() refusal
        assertTrue(valid.log().contains("ndctl: successfully verified 1 nmem label"), valid.log()::toString);
        assertEquals(LibnvdimmRules.NDCTL_CHECK_LABELS, valid.applied().get(0));

        StepResult zeroed = last(step(new Action.CheckLabels("nmem0"), "EINVAL"));
        // Expected: label_validate() finds no valid index at 128 or 256 bytes: -EINVAL, count 0, and
        // cmd_check_labels() still prints its line ("label": the plural only for more than one), EXIT_FAILURE
        assertEquals("EINVAL", zeroed.errno());
        assertTrue(zeroed.log().contains("ndctl: successfully verified 0 nmem label"), zeroed.log()::toString);

        StepResult afterZero = last(INIT, step(new Action.ZeroLabels("nmem0", false)),
                step(new Action.CheckLabels("nmem0"), "EINVAL"));
        assertEquals("EINVAL", afterZero.errno(), "zero-labels leaves no valid index (ndctl_dimm_zero_label_extent)");

        StepResult noArea = run(qemuX86LabelLess(), step(new Action.CheckLabels("nmem0"), "ENXIO")).steps().get(0);
        // Expected: ndctl_dimm_read_label_index() fails without a label area: __action_init() returns -ENXIO
        assertEquals("ENXIO", noArea.errno());
        assertTrue(noArea.log().contains("ndctl: successfully verified 0 nmem label"), noArea.log()::toString);
    }
}
