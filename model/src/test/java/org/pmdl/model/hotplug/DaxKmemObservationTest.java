package org.pmdl.model.hotplug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pmdl.model.Fixtures.last;
import static org.pmdl.model.Fixtures.run;
import static org.pmdl.model.Fixtures.step;
import static org.pmdl.model.hotplug.HotplugFixtures.devdax;
import static org.pmdl.model.hotplug.HotplugFixtures.devdaxMode;
import static org.pmdl.model.hotplug.HotplugFixtures.qemu;
import static org.pmdl.model.hotplug.HotplugFixtures.systemRam;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pmdl.model.engine.ScenarioResult;
import org.pmdl.model.engine.StepResult;
import org.pmdl.model.scenario.Action;

/**
 * dax kmem against what Linux 6.1.0-56 (Debian 6.1.x) did under QEMU with daxctl 76.1: one 4G:label=128K
 * NVDIMM, labels initialised, `ndctl create-namespace -m devdax -s 1G -a 2M`
 * (docs/kernel-observations/t17-dax-kmem.out). Expected values are the observed /proc/iomem lines and daxctl
 * outputs, not the model's.
 */
class DaxKmemObservationTest {

    @SuppressWarnings("unchecked")
    private static List<String> iomem(StepResult r) {
        return ((List<String>) r.values().get("iomem")).stream()
                .filter(l -> l.matches(".*(Persistent|namespace|dax|kmem).*")).toList();
    }

    private static ScenarioResult t17(Action... steps) {
        return t17("6.1", null, steps);
    }

    private static ScenarioResult t17(String kernel, String memhp, Action... steps) {
        return run(qemu(kernel, memhp), devdax(java.util.Arrays.stream(steps).map(a -> step(a)).toArray(
                org.pmdl.model.scenario.ScenarioStep[]::new)));
    }

    /** t17 17.1: the namespace claims its 18M infoblock+memmap, device_dax the data (B-15). */
    @Test
    void devdaxClaimsInIomem() {
        ScenarioResult r = t17(new Action.Daxctl("offline-memory", "ns0", null, false, false, false));
        assertEquals("ENXIO", last(r).errno()); // not in system-ram mode yet
        // Expected: daxctl's refusal, not kmem's — ndctl daxctl/device.c do_xline returns -ENXIO without memory
        assertEquals(HotplugRules.DAXCTL_NOT_SYSTEM_RAM, last(r).applied().get(0), last(r).applied()::toString);
        assertEquals(List.of("100000000-1fffdffff : Persistent Memory", "  100000000-1011fffff : namespace0.0",
                "  101200000-13fffffff : dax0.0"), iomem(last(r)));
    }

    /**
     * t17 17.2: kmem aligns the range to the 128M block (0x108000000), puts "System RAM (kmem)" under dax0.0
     * and adds no /sys/firmware/memmap entry; daxctl onlines all 7 blocks movable (B-02, B-04, B-15).
     */
    @Test
    void systemRamNestsKmemUnderAlignedDax() {
        StepResult r = last(t17(systemRam(false, false)));
        assertTrue(r.ok());
        assertEquals(List.of("100000000-1fffdffff : Persistent Memory", "  100000000-1011fffff : namespace0.0",
                "  108000000-13fffffff : dax0.0", "    108000000-13fffffff : System RAM (kmem)"), iomem(r));
        assertEquals(List.of(), r.values().get("firmware_memmap"));
        assertEquals(0x8000000L, r.values().get("block_size_bytes"));
        assertEquals(7L, r.values().get("online_memblocks"));
        assertEquals(7L, r.values().get("total_memblocks"));
        assertEquals(true, r.values().get("movable"));
        assertEquals(4313841664L, r.values().get("mapping_start")); // daxctl list -M mappings[0].start
        assertEquals(5368709119L, r.values().get("mapping_end"));
        assertEquals(0x108000000L, r.values().get("memory_start"));
    }

    /** t17 17.3: reconfigure-device --mode=devdax while the memory is online: EBUSY (rc 240). */
    @Test
    void devdaxWhileOnlineIsBusy() {
        StepResult r = last(t17(systemRam(false, false), devdaxMode(false)));
        assertEquals("EBUSY", r.errno());
        assertEquals(HotplugRules.DAXCTL_ONLINE_BUSY, r.applied().get(0));
    }

    /** t17 17.4: offline-memory (movable blocks offline), then devdax: device_dax claims the data range again. */
    @Test
    void offlineThenDevdax() {
        ScenarioResult r = t17(systemRam(false, false),
                new Action.Daxctl("offline-memory", "ns0", null, false, false, false), devdaxMode(false));
        assertTrue(r.steps().get(3).ok());
        StepResult back = last(r);
        assertTrue(back.ok());
        assertEquals("devdax", back.values().get("dax_mode"));
        assertEquals(List.of("100000000-1fffdffff : Persistent Memory", "  100000000-1011fffff : namespace0.0",
                "  101200000-13fffffff : dax0.0"), iomem(back));
    }

    /**
     * t17 17.5: with auto_online_blocks = online, daxctl refuses the default (movable) onlining with EBUSY and
     * "kernel policy will auto-online memory, aborting"; --no-movable succeeds with 7 blocks online, not movable.
     */
    @Test
    void autoOnlinePolicy() {
        ScenarioResult r = t17("6.1", "online", systemRam(false, false), systemRam(true, false));
        assertEquals("EBUSY", r.steps().get(2).errno());
        assertEquals(HotplugRules.DAXCTL_AUTO_ONLINE, r.steps().get(2).applied().get(0));
        StepResult ok = last(r);
        assertTrue(ok.ok());
        assertEquals(7L, ok.values().get("online_memblocks"));
        assertEquals(false, ok.values().get("movable"));
        assertEquals(List.of("100000000-1fffdffff : Persistent Memory", "  100000000-1011fffff : namespace0.0",
                "  108000000-13fffffff : dax0.0", "    108000000-13fffffff : System RAM (kmem)"), iomem(ok));
    }

    /**
     * t17 17.6: devdax --force on kernel-zone memory: offlining memory33 fails with EBUSY ("unmovable page") and
     * the memory stays System RAM (kmem).
     */
    @Test
    void forceOnKernelZoneIsBusy() {
        StepResult r = last(t17("6.1", "online", systemRam(true, false), devdaxMode(true)));
        assertEquals("EBUSY", r.errno());
        assertEquals(HotplugRules.OFFLINE_KERNEL_ZONE, r.applied().get(0));
        assertTrue(r.log().contains("page dumped because: unmovable page"));
        assertTrue(iomem(r).contains("    108000000-13fffffff : System RAM (kmem)"));
    }

    /**
     * Before 5.8 kmem called add_memory(): the RAM under dax0.0 is plain "System RAM" with a firmware memmap
     * entry (seed 001 L2867-2988, the state the MHP_DRIVER_MANAGED series changed; B-01).
     */
    @Test
    void legacyKmemAddsFirmwareMemmapEntry() {
        StepResult r = last(t17("5.3", null, systemRam(false, false)));
        assertTrue(((List<?>) r.values().get("iomem")).contains("    108000000-13fffffff : System RAM"));
        assertEquals(List.of("0x108000000-0x13fffffff System RAM (hotplug)"), r.values().get("firmware_memmap"));
        assertFalse(iomem(r).contains("    108000000-13fffffff : System RAM (kmem)"));
    }
}
