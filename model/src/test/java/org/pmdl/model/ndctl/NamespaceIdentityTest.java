package org.pmdl.model.ndctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pmdl.model.Fixtures.G;
import static org.pmdl.model.Fixtures.last;
import static org.pmdl.model.Fixtures.qemuX86;
import static org.pmdl.model.Fixtures.run;
import static org.pmdl.model.Fixtures.step;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.pmdl.model.engine.ScenarioResult;
import org.pmdl.model.engine.StepResult;
import org.pmdl.model.libnvdimm.LibnvdimmRules;
import org.pmdl.model.scenario.Action;
import org.pmdl.model.scenario.NamespaceMode;

/**
 * ndctl create-namespace --uuid/--name (ndctl 76.1 ndctl/namespace.c parse_namespace_options,
 * validate_namespace_options, setup_namespace) in front of the kernel's uuid and alt_name attributes
 * (drivers/nvdimm/namespace_devs.c uuid_store, alt_name_store) and ndctl list's "uuid", "raw_uuid" and "name"
 * (ndctl/json.c util_namespace_to_json).
 */
class NamespaceIdentityTest {
    private static final Action INIT = new Action.InitLabels("nmem0");
    private static final String UUID = "7f0c8c2e-1b6a-4f3e-9d2a-5c4b3a291807";

    private static Action.CreateNamespace create(String name, NamespaceMode mode, String uuid, String altName) {
        return new Action.CreateNamespace(name, "region0", mode, G, null, null, null, false, uuid, altName);
    }

    @Test
    @DisplayName("--uuid and --name on a raw namespace: ndctl list shows both; the uuid as uuid_unparse() writes it")
    void rawNamespaceTakesBoth() {
        StepResult r = last(run(qemuX86(), step(INIT),
                step(create("ns", NamespaceMode.RAW, UUID.toUpperCase(), "  db-log  "))));
        assertTrue(r.ok(), () -> r.log().toString());
        // Expected: uuid_show prints %pUb (lower case); __alt_name_store() strim()s the name
        assertEquals(UUID, r.values().get("uuid"));
        assertEquals("db-log", r.values().get("name"));
    }

    @Test
    @DisplayName("a claimed namespace: \"uuid\" is the pfn device's, \"raw_uuid\" the namespace's")
    void fsdaxShowsTheClaimUuid() {
        StepResult r = last(run(qemuX86(), step(INIT), step(create("ns", NamespaceMode.FSDAX, UUID, "fs"))));
        assertTrue(r.ok(), () -> r.log().toString());
        // Expected: util_namespace_to_json takes ndctl_pfn_get_uuid() for "uuid", util_raw_uuid() for "raw_uuid"
        assertEquals(UUID, r.values().get("raw_uuid"));
        assertNotEquals(UUID, r.values().get("uuid"));
        assertEquals("fs", r.values().get("name"));
    }

    @Test
    @DisplayName("a reconfigure keeps the name but, without --uuid, gives the namespace a new uuid; both survive a reboot")
    void reconfigureKeepsTheName() {
        ScenarioResult r = run(qemuX86(), step(INIT), step(create("ns", NamespaceMode.RAW, UUID, "keep")),
                step(new Action.Reconfigure("ns", NamespaceMode.SECTOR, null, null, null, false)),
                step(new Action.Reboot(null)));
        r.steps().forEach(s -> assertTrue(s.ok(), () -> s.step().action().op() + ": " + s.log()));
        // Expected: validate_namespace_options() copies ndctl_namespace_get_alt_name() but calls uuid_generate()
        // when --uuid is absent (t08-reconfig-offsets.out: the namespace's sysfs uuid changes at every -f -e)
        assertEquals("keep", r.steps().get(2).values().get("name"));
        assertNotEquals(UUID, r.steps().get(2).values().get("raw_uuid"));
        // __pmem_label_update() writes the name into the label, create_namespace_pmem() reads it back
        assertEquals("keep", r.stateAfter(3).get("ns").get("name"));
    }

    @Test
    @DisplayName("a uuid that does not parse: ndctl's usage, EINVAL, before any device is touched")
    void badUuid() {
        StepResult r = last(run(qemuX86(), step(INIT), step(create("ns", NamespaceMode.RAW, "not-a-uuid", null),
                "EINVAL")));
        assertEquals("EINVAL", r.errno());
        assertEquals(LibnvdimmRules.NDCTL_NS_IDENTITY, r.applied().get(0));
        // Expected: parse_namespace_options(): error("failed to parse uuid: '%s'\n")
        assertTrue(r.log().contains("ndctl: Error: failed to parse uuid: 'not-a-uuid'"), r.log()::toString);
        assertEquals(4278190080L, r.state().get("region0").get("max_available_extent"), "nothing allocated");
    }

    @Test
    @DisplayName("a uuid another namespace holds: the kernel's uuid_store refuses it, EINVAL, and the seed stays idle")
    void duplicateUuid() {
        ScenarioResult r = run(qemuX86(), step(INIT), step(create("a", NamespaceMode.RAW, UUID, null)),
                step(create("b", NamespaceMode.RAW, UUID, null), "EINVAL"));
        StepResult b = r.steps().get(2);
        assertEquals("EINVAL", b.errno());
        assertEquals(LibnvdimmRules.NS_UUID_UNIQUE, b.applied().get(0));
        // Expected: namespace_update_uuid() → nd_is_uuid_unique() false → -EINVAL; ndctl's try() prints
        // "%s: set_uuid failed: %s" on the seed, namespace0.1
        assertTrue(b.log().contains("ndctl: Error: create namespace: namespace0.1: set_uuid failed: Invalid argument"),
                b.log()::toString);
        assertFalse(b.log().stream().anyMatch(l -> l.contains("failed to create namespace")),
                "an err() line was printed: no final line");
    }

    @Test
    @DisplayName("a name of 64 characters overflows the label's name field: EINVAL")
    void nameTooLong() {
        StepResult r = last(run(qemuX86(), step(INIT), step(create("ns", NamespaceMode.RAW, null, "n".repeat(64)),
                "EINVAL")));
        assertEquals("EINVAL", r.errno());
        // Expected: validate_namespace_options(): snprintf() into p->name[NSLABEL_NAME_LEN] returns >= 64
        assertTrue(r.log().contains("ndctl: Error: create namespace: validate_namespace_options: alt name overflow"),
                r.log()::toString);
        StepResult ok = last(run(qemuX86(), step(INIT), step(create("ns", NamespaceMode.RAW, null, "n".repeat(63)))));
        assertEquals("n".repeat(63), ok.values().get("name"));
    }

    @Test
    @DisplayName("reconfigure --uuid --name: the namespace takes both, and keeps them across a reboot")
    void reconfigureTakesUuidAndName() {
        String other = "0d1f5e8a-3c2b-4a69-8e7d-6b5a49382716";
        ScenarioResult r = run(qemuX86(), step(INIT), step(create("ns", NamespaceMode.RAW, UUID, "old")),
                step(new Action.Reconfigure("ns", NamespaceMode.FSDAX, null, null, null, false, other, "new")),
                step(new Action.Reboot(null)));
        r.steps().forEach(s -> assertTrue(s.ok(), () -> s.step().action().op() + ": " + s.log()));
        // Expected: validate_namespace_options() parses --uuid into p->uuid and copies --name into p->name;
        // setup_namespace() writes both (ndctl_namespace_set_uuid, ndctl_namespace_set_alt_name)
        assertEquals(other, r.steps().get(2).values().get("raw_uuid"));
        assertEquals("new", r.steps().get(2).values().get("name"));
        assertEquals(other, r.stateAfter(3).get("ns").get("raw_uuid"), "the label holds it across a reboot");
        assertEquals("new", r.stateAfter(3).get("ns").get("name"));
    }

    @Test
    @DisplayName("reconfigure --uuid with the namespace's own uuid: the kernel's EINVAL")
    void reconfigureToItsOwnUuid() {
        StepResult r = last(run(qemuX86(), step(INIT), step(create("ns", NamespaceMode.RAW, UUID, null)),
                step(new Action.Reconfigure("ns", NamespaceMode.RAW, null, null, null, false, UUID, null),
                        "EINVAL")));
        // Expected: namespace_prep_reconfig() disables and zeroes but does not delete the namespace, so its
        // uuid is still set; uuid_store → namespace_update_uuid → nd_is_uuid_unique() walks every namespace on
        // the bus, this one included (is_namespace_uuid_busy), and refuses: -EINVAL
        assertEquals("EINVAL", r.errno());
        assertTrue(r.applied().contains(LibnvdimmRules.NS_UUID_UNIQUE), r.applied()::toString);
    }

    @Test
    @DisplayName("reconfigure with a uuid that does not parse: ndctl's usage, EINVAL, the namespace untouched")
    void reconfigureBadUuid() {
        ScenarioResult r = run(qemuX86(), step(INIT), step(create("ns", NamespaceMode.FSDAX, UUID, "keep")),
                step(new Action.Reconfigure("ns", NamespaceMode.RAW, null, null, null, false, "7f0c8c2e", null),
                        "EINVAL"));
        StepResult bad = r.steps().get(2);
        assertEquals("EINVAL", bad.errno());
        // Expected: parse_namespace_options() fails before namespace_reconfig() disables anything
        assertTrue(bad.log().contains("ndctl: Error: failed to parse uuid: '7f0c8c2e'"), bad.log()::toString);
        assertEquals("fsdax", r.stateAfter(2).get("ns").get("mode"));
        assertEquals(UUID, r.stateAfter(2).get("ns").get("raw_uuid"));
    }
}
