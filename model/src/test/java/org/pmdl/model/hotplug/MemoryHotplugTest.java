package org.pmdl.model.hotplug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pmdl.model.kernel.Errno;
import org.pmdl.model.libnvdimm.Dmesg;
import org.pmdl.model.libnvdimm.NdException;

/** add_memory / add_memory_driver_managed / remove_memory and memory blocks, rule by rule (seed-rules-B §2.1). */
class MemoryHotplugTest {
    private static final long M128 = 128L << 20;
    private static final long G16 = 16L << 30;
    private static final long G1 = 1L << 30;

    private final Dmesg dmesg = new Dmesg();

    private MemoryHotplug x86() {
        return new MemoryHotplug(M128, true, OnlineType.OFFLINE, dmesg);
    }

    /**
     * B-01 (seed 001 L2947-2973; mm/memory_hotplug.c register_memory_resource, add_memory_resource): a root
     * "System RAM" resource flagged SYSTEM_RAM|BUSY and a firmware memmap entry [start, start+size) whose
     * sysfs end is inclusive (drivers/firmware/memmap.c firmware_map_add_entry: end - 1).
     */
    @Test
    void addMemoryCreatesSystemRamAndMemmapEntry() throws NdException {
        MemoryHotplug m = x86();
        Iomem.Resource r = m.addMemory(0, G16, G1);
        assertEquals("System RAM", r.name());
        assertEquals(Iomem.SYSTEM_RAM | Iomem.BUSY, r.flags());
        assertEquals(List.of("400000000-43fffffff : System RAM"), m.iomem().lines());
        assertEquals(List.of(new FirmwareMemmap.Entry(G16, G16 + G1 - 1, "System RAM", true)), m.memmap().entries());
    }

    /**
     * B-02, B-04, B-09 (seed 001 L2188-2213, L2928-2934; add_memory_driver_managed): "System RAM ($DRIVER)",
     * IORESOURCE_SYSRAM_DRIVER_MANAGED (0x02000000), no firmware memmap entry, since the firmware never had it.
     */
    @Test
    void driverManagedHasNoMemmapEntry() throws NdException {
        MemoryHotplug m = x86();
        Iomem.Resource r = m.addMemoryDriverManaged(0, G16, G1, "System RAM (virtio_mem)");
        assertEquals(0x02000000, r.flags() & 0x02000000);
        assertTrue(r.isDriverManaged());
        assertEquals(List.of(), m.memmap().entries());
        assertEquals(List.of("400000000-43fffffff : System RAM (virtio_mem)"), m.iomem().lines());
    }

    /**
     * B-04 / S-09 (mm/memory_hotplug.c add_memory_driver_managed): the name must start with "System RAM (" and
     * end with ')', else -EINVAL; "System RAM (kmem)" is accepted.
     */
    @Test
    void resourceNameValidation() throws NdException {
        for (String bad : List.of("kmem", "System RAM", "System RAM (kmem")) {
            NdException e = assertThrows(NdException.class,
                    () -> x86().addMemoryDriverManaged(0, G16, G1, bad), bad);
            assertEquals(Errno.EINVAL, e.errno());
            assertEquals(HotplugRules.RESOURCE_NAME, e.rule());
        }
        assertEquals("System RAM (kmem)", x86().addMemoryDriverManaged(0, G16, G1, "System RAM (kmem)").name());
    }

    /** mm/memory_hotplug.c check_hotplug_memory_range: start and size must be block multiples; its pr_err line. */
    @Test
    void unalignedRangeIsRejected() {
        NdException e = assertThrows(NdException.class, () -> x86().addMemory(0, G16 + (64L << 20), G1));
        assertEquals(Errno.EINVAL, e.errno());
        assertEquals(List.of("Block size [0x8000000] unaligned hotplug range: start 0x404000000, size 0x40000000"),
                dmesg.drainLines());
        assertEquals(Errno.EINVAL, assertThrows(NdException.class, () -> x86().addMemory(0, G16, 0)).errno());
    }

    /** register_memory_resource: __request_region fails on a busy overlap, -EEXIST. */
    @Test
    void overlapIsEexist() throws NdException {
        MemoryHotplug m = x86();
        m.addMemory(0, G16, G1);
        assertEquals(Errno.EEXIST, assertThrows(NdException.class,
                () -> m.addMemory(0, G16 + G1 / 2, G1)).errno());
    }

    /**
     * B-05 / S-08 (seed 001 L2902-2903; drivers/firmware/memmap.c firmware_map_remove returns -EINVAL without an
     * entry, mm/memory_hotplug.c try_remove_memory ignores it): removing driver-managed memory succeeds.
     */
    @Test
    void removeWithoutMemmapEntrySucceeds() throws NdException {
        MemoryHotplug m = x86();
        m.addMemoryDriverManaged(0, G16, G1, "System RAM (virtio_mem)");
        assertFalse(m.memmap().remove(G16, G16 + G1, "System RAM")); // the -EINVAL the remove path ignores
        m.removeMemory(G16, G1);
        assertEquals(List.of(), m.iomem().lines());
        assertTrue(dmesg.drainApplied().contains(HotplugRules.MEMMAP_REMOVE));
    }

    /** try_remove_memory / check_memblock_offlined_cb: an online block makes the removal -EBUSY. */
    @Test
    void removeWithOnlineBlockIsBusy() throws NdException {
        MemoryHotplug m = x86();
        m.addMemory(0, G16, G1);
        m.setState(G16 / M128 + 3, OnlineType.ONLINE_MOVABLE);
        assertEquals(Errno.EBUSY, assertThrows(NdException.class, () -> m.removeMemory(G16, G1)).errno());
        m.setState(G16 / M128 + 3, OnlineType.OFFLINE);
        m.removeMemory(G16, G1);
        assertEquals(List.of(), m.memmap().entries()); // firmware_map_remove took the hotplug entry
    }

    /**
     * drivers/base/memory.c state_store: device_online/device_offline return 1 for a block already in that state,
     * which state_store turns into -EINVAL; a block that does not exist has no sysfs file (-ENOENT).
     */
    @Test
    void blockStateTransitions() throws NdException {
        MemoryHotplug m = x86();
        m.addMemory(0, G16, G1);
        long b = G16 / M128; // memory128
        assertEquals(128, b);
        assertEquals(Errno.EINVAL, assertThrows(NdException.class, () -> m.setState(b, OnlineType.OFFLINE)).errno());
        m.setState(b, OnlineType.ONLINE_MOVABLE);
        assertEquals(Errno.EINVAL, assertThrows(NdException.class,
                () -> m.setState(b, OnlineType.ONLINE)).errno());
        assertEquals(Errno.ENOENT, assertThrows(NdException.class, () -> m.setState(7, OnlineType.ONLINE)).errno());
        assertEquals(List.of("memory128: online_movable", "memory129-memory135: offline"), m.blockRuns());
    }

    /**
     * mm/memory_hotplug.c add_memory_resource: with memhp_default_state=online every new block is onlined at
     * once (online_memory_block); Debian's config leaves it offline (CONFIG_MEMORY_HOTPLUG_DEFAULT_ONLINE unset).
     */
    @Test
    void autoOnline() throws NdException {
        MemoryHotplug online = new MemoryHotplug(M128, true, OnlineType.ONLINE_MOVABLE, dmesg);
        online.addMemory(0, G16, G1);
        assertEquals(8, online.onlineBlocks(G16, G1));
        assertEquals("online_movable", online.state(G16, G1));
        MemoryHotplug offline = x86();
        offline.addMemory(0, G16, G1);
        assertEquals(0, offline.onlineBlocks(G16, G1));
        assertEquals("offline", offline.state(G16, G1));
    }

    /**
     * B-10 (seed 001 L2622-2624; CONFIG_FIRMWARE_MEMMAP, whose only early source is x86 e820): without it there
     * is no /sys/firmware/memmap, so add_memory() leaves no entry (firmware_map_add_hotplug is a stub).
     */
    @Test
    void noFirmwareMemmapOffX86() throws NdException {
        MemoryHotplug ppc = new MemoryHotplug(256L << 20, false, OnlineType.OFFLINE, dmesg);
        ppc.addMemory(0, G16, G1);
        assertEquals(List.of(), ppc.memmap().entries());
        assertFalse(ppc.values().containsKey("firmware_memmap"));
        assertTrue(dmesg.drainApplied().contains(HotplugRules.MEMMAP_ARCH));
    }

    /**
     * B-15 and kernel/resource.c __request_region: a request inside a non-busy resource nests in it; one that
     * straddles a resource boundary fails; /proc/iomem indents two spaces a level with inclusive ends.
     */
    @Test
    void iomemNesting() {
        Iomem io = new Iomem();
        io.request("Persistent Memory", 0x140000000L, 0x33fffffffL, 0);
        io.request("namespace0.0", 0x140000000L, 0x1481fffffL, Iomem.BUSY);
        io.request("dax0.0", 0x150000000L, 0x33fffffffL, Iomem.SYSTEM_RAM);
        io.request("System RAM (kmem)", 0x150000000L, 0x33fffffffL, Iomem.SYSTEM_RAM | Iomem.BUSY);
        assertTrue(io.request("x", 0x148000000L, 0x14fffffffL, Iomem.BUSY).isEmpty()); // into the busy namespace
        assertTrue(io.request("y", 0x300000000L, 0x3ffffffffL, Iomem.BUSY).isEmpty()); // straddles the region end
        assertEquals(List.of("140000000-33fffffff : Persistent Memory", "  140000000-1481fffff : namespace0.0",
                "  150000000-33fffffff : dax0.0", "    150000000-33fffffff : System RAM (kmem)"), io.lines());
    }
}
