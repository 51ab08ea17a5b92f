package org.pmdl.model.hotplug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pmdl.model.Fixtures.run;
import static org.pmdl.model.Fixtures.step;
import static org.pmdl.model.hotplug.HotplugFixtures.efiSp;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pmdl.model.engine.ScenarioResult;
import org.pmdl.model.scenario.Action;
import org.pmdl.model.scenario.ScenarioStep;

/**
 * daxctl 76.1 on hmem's dynamic dax region (drivers/dax/bus.c create_store, size_store/dev_dax_resize,
 * delete_store; daxctl/device.c do_create, dev_destroy), as Linux 6.1.0-57-amd64 did it on a soft-reserved range
 * (docs/kernel-observations/t18-dax-devices.md, hmem table): 8G here instead of 512M, the same steps.
 */
class DaxDevicesTest {
    private static Action.Daxctl daxctl(String command, String dev, boolean force) {
        return new Action.Daxctl(command, dev, null, false, false, force);
    }

    private static Action.Daxctl resize(String dev, long size) {
        return new Action.Daxctl("reconfigure-device", dev, null, false, false, false, null, size, null);
    }

    private static Action.Daxctl create(String name, Long size) {
        return new Action.Daxctl("create-device", "hbm0", null, false, false, false, name, size, null);
    }

    private static ScenarioResult steps(Action... actions) {
        return run(efiSp(true), Arrays.stream(actions).map(a -> step(a)).toArray(ScenarioStep[]::new));
    }

    private static String outcome(ScenarioResult r, int i) {
        return r.steps().get(i).ok() ? "ok" : r.steps().get(i).errno();
    }

    /** t18 hmem: ENOSPC while dax0.0 holds all; resize only disabled; a failed create leaves dax0.1 as the seed. */
    @Test
    void carveTheRegion() {
        ScenarioResult r = steps(create("d0", null), resize("hbm0", 4L << 30), daxctl("disable-device", "hbm0", false),
                resize("hbm0", 4L << 30), daxctl("enable-device", "hbm0", false), create("d1", 3L << 20),
                create("d2", 1L << 30), create("d3", null), create("d4", null));
        assertEquals(List.of("ENOSPC", "ENXIO", "ok", "ok", "ok", "ENXIO", "ok", "ok", "ENOSPC"),
                r.steps().stream().map(s -> s.ok() ? "ok" : s.errno()).toList());
        assertEquals("dax0.1", r.steps().get(6).values().get("chardev"));         // the seed the 3M create left
        assertEquals(0x980000000L, r.steps().get(6).values().get("mapping_start")); // after dax0.0's 4G
        assertEquals("dax0.3", r.steps().get(7).values().get("chardev"));         // dax0.2 stays zero-size
        assertEquals(3L << 30, r.steps().get(7).values().get("size"));
    }

    /** t18 hmem: destroy --force of online system-ram succeeds; kmem keeps the memory until the next reboot. */
    @Test
    void destroyKeepsOnlineMemory() {
        ScenarioResult r = steps(daxctl("disable-device", "hbm0", false), resize("hbm0", 4L << 30),
                daxctl("enable-device", "hbm0", false), create("d1", 1L << 30),
                new Action.Daxctl("reconfigure-device", "d1", "system-ram", false, false, false),
                daxctl("destroy-device", "d1", false), daxctl("destroy-device", "d1", true),
                daxctl("disable-device", "hbm0", false), daxctl("destroy-device", "hbm0", false));
        assertEquals("ENXIO", outcome(r, 5)); // "dax0.1 is active, specify --force for deletion"
        assertEquals("ok", outcome(r, 6));
        assertTrue(r.steps().get(6).log().contains(
                "kmem dax0.1: mapping0: 0x980000000-0x9bfffffff cannot be hotremoved until the next reboot"),
                r.steps().get(6).log().toString());
        assertEquals("EBUSY", outcome(r, 8)); // delete_store keeps daxR.0
        assertEquals(8L << 30, r.steps().get(8).state().get("hbm0").get("available_size"));
        assertFalse(r.steps().get(8).state().containsKey("d1"));
    }
}
