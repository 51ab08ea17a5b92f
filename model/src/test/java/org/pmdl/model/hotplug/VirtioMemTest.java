package org.pmdl.model.hotplug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pmdl.model.Fixtures.M;
import static org.pmdl.model.Fixtures.last;
import static org.pmdl.model.Fixtures.run;
import static org.pmdl.model.Fixtures.step;
import static org.pmdl.model.hotplug.HotplugFixtures.virtioMem;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pmdl.model.engine.ScenarioResult;
import org.pmdl.model.engine.StepResult;
import org.pmdl.model.scenario.Action;
import org.pmdl.model.topology.PlatformSpec;
import org.pmdl.model.topology.VirtioMemSpec;

/**
 * virtio-mem (seed-rules-B SM-3, B-15, B-17; scenarios S-06, S-07). Expectations follow Debian's 6.1.192
 * drivers/virtio/virtio_mem.c (virtio_mem_init, virtio_mem_init_hotplug, virtio_mem_create_resource,
 * virtio_mem_add_memory, virtio_mem_sbm_plug_request, virtio_mem_sbm_unplug_request) and kernel/resource.c
 * merge_system_ram_resource, release_mem_region_adjustable.
 */
class VirtioMemTest {
    private static final long BASE = 0x1_4000_0000L;

    private static Action.VirtioMem request(long size) {
        return new Action.VirtioMem("vmem0", "requested-size", size);
    }

    private static Action.VirtioMem store(long addr) {
        return new Action.VirtioMem("vmem0", "store", addr);
    }

    private static StepResult after(String memhp, Action... actions) {
        return last(run(virtioMem(memhp), java.util.Arrays.stream(actions).map(a -> step(a))
                .toArray(org.pmdl.model.scenario.ScenarioStep[]::new)));
    }

    private static boolean hole(StepResult r) {
        return r.findings().stream().anyMatch(f -> f.rule() == HotplugRules.VIRTIO_MEM_HOLE);
    }

    /**
     * S-06, SM-3: three plugged 128M memory blocks are added one by one with MHP_MERGE_RESOURCE, so /proc/iomem
     * shows one merged "System RAM (virtio_mem)" under the non-busy "virtio0" (dev_name, not "virtio-mem (…)").
     * Debian leaves them offline (memhp_default_state).
     */
    @Test
    void threePluggedBlocksMergeUnderTheDeviceResource() {
        StepResult r = after(null, request(384 * M));
        assertTrue(r.ok());
        assertEquals(List.of("140000000-333ffffff : virtio0", "  140000000-157ffffff : System RAM (virtio_mem)"),
                r.values().get("iomem"));
        assertEquals(List.of("memory40-memory42: offline"), r.values().get("memory_blocks"));
        assertEquals(384 * M, r.values().get("plugged_size"));
        assertEquals("sbm", r.values().get("mode"));
        assertEquals(2 * M, r.values().get("subblock_size"));
        assertTrue(r.log().contains("virtio_mem virtio0: plugged size: 0x0"), r.log().toString());
        assertTrue(r.log().contains("virtio_mem virtio0: requested size: 0x18000000"), r.log().toString());
    }

    /** virtio_mem_init / virtio_mem_init_hotplug log the device at probe (boot). */
    @Test
    void probeLogsTheDevice() {
        ScenarioResult r = run(virtioMem(null), step(request(0)));
        List<String> log = r.steps().stream().flatMap(s -> s.log().stream()).toList();
        assertTrue(log.containsAll(List.of("virtio_mem virtio0: start address: 0x140000000",
                "virtio_mem virtio0: region size: 0x1f4000000", "virtio_mem virtio0: device block size: 0x200000",
                "virtio_mem virtio0: memory block size: 0x8000000", "virtio_mem virtio0: subblock size: 0x200000")),
                log.toString());
    }

    /** S-06, B-17 (include/uapi/linux/virtio_mem.h): a store into the unplugged gap after the three blocks. */
    @Test
    void storeIntoTheUnpluggedGapIsAViolation() {
        StepResult r = after(null, request(384 * M), store(0x1_5800_0000L));
        assertTrue(hole(r));
        assertEquals("VIRTIO-MEM-HOLE", r.values().get("hazard"));
        assertTrue(r.findings().get(0).message().contains("store at 0x158000000: 0x158000000-0x333ffffff of virtio0 is not plugged"),
                r.findings().get(0).message());
        StepResult plugged = after(null, request(384 * M), store(0x1_5000_0000L));
        assertFalse(hole(plugged));
        assertEquals("none", plugged.values().get("hazard"));
    }

    /**
     * include/uapi/linux/virtio_mem.h: without VIRTIO_MEM_F_UNPLUGGED_INACCESSIBLE unplugged memory may be read;
     * with it (6.1's virtio_mem feature table lists it) it must not be touched at all.
     */
    @Test
    void loadFromAHoleDependsOnUnpluggedInaccessible() {
        Action load = new Action.VirtioMem("vmem0", "load", 0x1_5800_0000L);
        assertFalse(hole(after(null, request(384 * M), load)));
        VirtioMemSpec v = HotplugFixtures.VIRTIO_MEM;
        PlatformSpec p = HotplugFixtures.virtioMem(null, new VirtioMemSpec(v.name(), v.base(), v.size(),
                v.deviceBlockSize(), v.node(), v.index(), true, v.source()));
        assertTrue(hole(last(run(p, step(request(384 * M)), step(load)))));
    }

    /**
     * SBM: plugging 320M adds the third memory block whole (virtio_mem_sbm_plug_and_add_mb plugs subblocks 0..31
     * then adds the block), so its upper 64M is a hole inside System RAM — the B-17 case.
     */
    @Test
    void holeInsideAnAddedBlock() {
        StepResult r = after(null, request(320 * M), store(0x1_5400_0000L));
        assertEquals(List.of("0x140000000-0x153ffffff"), r.values().get("plugged"));
        assertTrue(((List<?>) r.values().get("iomem")).contains("  140000000-157ffffff : System RAM (virtio_mem)"));
        assertTrue(r.findings().get(0).message().contains("inside \"System RAM (virtio_mem)\""),
                r.findings().get(0).message());
    }

    /**
     * virtio_mem_sbm_unplug_request: offline blocks from the highest; an emptied block is removed and
     * release_mem_region_adjustable trims the merged resource.
     */
    @Test
    void unplugTrimsFromTheTop() {
        StepResult r = after(null, request(384 * M), request(128 * M));
        assertEquals(List.of("140000000-333ffffff : virtio0", "  140000000-147ffffff : System RAM (virtio_mem)"),
                r.values().get("iomem"));
        assertEquals(List.of("memory40: offline"), r.values().get("memory_blocks"));
    }

    /**
     * virtio_mem_could_add_memory: with Debian's offline default, adding stops once 1G
     * (VIRTIO_MEM_DEFAULT_OFFLINE_THRESHOLD) is offline; auto-onlined memory does not count.
     */
    @Test
    void offlineThresholdStopsPlugging() {
        assertEquals(1024 * M, after(null, request(2048 * M)).values().get("plugged_size"));
        assertEquals(2048 * M, after("online_movable", request(2048 * M)).values().get("plugged_size"));
    }

    /** alloc_contig_range cannot empty ZONE_NORMAL blocks (the model's MEMORY-OFFLINE-KERNEL-ZONE): they stay. */
    @Test
    void kernelZoneBlocksStayPlugged() {
        assertEquals(384 * M, after("online", request(384 * M), request(0)).values().get("plugged_size"));
        assertEquals(0L, after("online_movable", request(384 * M), request(0)).values().get("plugged_size"));
    }

    /** QEMU refuses a requested-size beyond the region or not a multiple of the block size. */
    @Test
    void requestedSizeBeyondTheRegion() {
        StepResult r = after(null, request(0x2_0000_0000L));
        assertEquals("EINVAL", r.errno());
        // QEMU's refusal, not the driver's: hw/virtio/virtio-mem.c virtio_mem_set_requested_size
        assertEquals(HotplugRules.VIRTIO_MEM_REQUESTED_SIZE, r.applied().get(0), r.applied()::toString);
        assertEquals("QEMU", r.applied().get(0).layer());
    }

    /**
     * S-07 (B-06b, B-11, B-14): neither kexec path places segments in virtio-mem memory: kexec-tools takes root
     * "System RAM" only, kernel/kexec_file.c locate_mem_hole_callback skips IORESOURCE_SYSRAM_DRIVER_MANAGED. The
     * hot-added DIMM at 16G (root "System RAM") is the placement; kexec_file_load's kdump (crash.c, every System
     * RAM resource) includes the virtio-mem blocks, kexec_load's does not (KDUMP-NESTED-RAM).
     */
    @Test
    void kexecPlacementSkipsVirtioMem() {
        for (String method : List.of("load", "file-load")) {
            StepResult k = after("online_movable", new Action.AddMemory("dimm1", null), request(384 * M),
                    new Action.Kexec(method));
            assertEquals(List.of("400000000-43fffffff : System RAM"), k.values().get("kexec_placement"), method);
        }
        StepResult file = after("online_movable", new Action.AddMemory("dimm1", null), request(384 * M),
                new Action.Kexec("file-load"));
        assertTrue(((List<?>) file.values().get("kdump_ranges")).contains("140000000-157ffffff : System RAM (virtio_mem)"));
        StepResult load = after("online_movable", new Action.AddMemory("dimm1", null), request(384 * M),
                new Action.Kexec("load"));
        assertTrue(load.findings().stream().anyMatch(f -> f.rule() == HotplugRules.KDUMP_NESTED_RAM));
    }
}
