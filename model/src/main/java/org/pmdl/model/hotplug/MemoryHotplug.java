package org.pmdl.model.hotplug;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pmdl.model.kernel.Errno;
import org.pmdl.model.libnvdimm.Dmesg;
import org.pmdl.model.libnvdimm.NdException;

/**
 * One booted kernel's memory hotplug: /proc/iomem, /sys/firmware/memmap and the memory blocks under
 * /sys/devices/system/memory (mm/memory_hotplug.c, drivers/base/memory.c, drivers/firmware/memmap.c).
 */
public final class MemoryHotplug {
    /** The zone a block is onlined to. */
    public enum Zone { NORMAL, MOVABLE }

    /** memoryN: offline, or online in a zone. */
    private static final class Block {
        final int nid;
        Zone zone; // null while offline

        Block(int nid) {
            this.nid = nid;
        }
    }

    private final long blockSize;
    private final boolean firmwareMemmap;
    private OnlineType defaultOnline;
    private final Iomem iomem = new Iomem();
    private final FirmwareMemmap memmap = new FirmwareMemmap();
    private final TreeMap<Long, Block> blocks = new TreeMap<>();
    private final Dmesg dmesg;

    /**
     * @param blockSize      memory_block_size_bytes()
     * @param firmwareMemmap CONFIG_FIRMWARE_MEMMAP is usable (x86_64; B-10)
     * @param defaultOnline  mhp_default_online_type (memhp_default_state=)
     */
    public MemoryHotplug(long blockSize, boolean firmwareMemmap, OnlineType defaultOnline, Dmesg dmesg) {
        this.blockSize = blockSize;
        this.firmwareMemmap = firmwareMemmap;
        this.defaultOnline = defaultOnline;
        this.dmesg = dmesg;
    }

    public Iomem iomem() { return iomem; }

    public FirmwareMemmap memmap() { return memmap; }

    public long blockSize() { return blockSize; }

    public boolean hasFirmwareMemmap() { return firmwareMemmap; }

    public OnlineType defaultOnline() { return defaultOnline; }

    /** /sys/devices/system/memory/auto_online_blocks (drivers/base/memory.c auto_online_blocks_store). */
    public void setDefaultOnline(OnlineType type) { this.defaultOnline = type; }

    /**
     * Memory the firmware (or the previous kernel's kexec) reported as usable: a root "System RAM" resource, an
     * early /sys/firmware/memmap entry, and online blocks, as boot memory is.
     */
    void bootRam(long start, long end) {
        iomem.request("System RAM", start, end, Iomem.SYSTEM_RAM | Iomem.BUSY);
        if (firmwareMemmap) {
            memmap.addEarly(start, end + 1, "System RAM");
        }
        for (long i = start / blockSize; i <= end / blockSize; i++) {
            Block b = new Block(0);
            b.zone = Zone.NORMAL;
            blocks.put(i, b);
        }
    }

    /** add_memory(nid, start, size): "System RAM" plus a firmware memmap entry (B-01). */
    public Iomem.Resource addMemory(int nid, long start, long size) throws NdException {
        return add(nid, start, size, "System RAM");
    }

    /** add_memory_driver_managed(nid, start, size, name): no firmware memmap entry (B-02, B-04). */
    public Iomem.Resource addMemoryDriverManaged(int nid, long start, long size, String name)
            throws NdException {
        if (name == null || !name.startsWith("System RAM (") || !name.endsWith(")")) {
            throw new NdException(Errno.EINVAL, HotplugRules.RESOURCE_NAME,
                    HotplugRules.RESOURCE_NAME.message(name));
        }
        return add(nid, start, size, name);
    }

    private Iomem.Resource add(int nid, long start, long size, String name) throws NdException {
        if (size == 0 || start % blockSize != 0 || size % blockSize != 0) {
            dmesg.kernel(String.format("Block size [%#x] unaligned hotplug range: start %#x, size %#x",
                    blockSize, start, size));
            throw new NdException(Errno.EINVAL, HotplugRules.BLOCK_ALIGN, HotplugRules.BLOCK_ALIGN.message());
        }
        boolean driverManaged = !name.equals("System RAM");
        int flags = Iomem.SYSTEM_RAM | Iomem.BUSY | (driverManaged ? Iomem.SYSRAM_DRIVER_MANAGED : 0);
        Iomem.Resource res = iomem.request(name, start, start + size - 1, flags).orElseThrow(() ->
                new NdException(Errno.EEXIST, HotplugRules.RESOURCE_CONFLICT,
                        HotplugRules.RESOURCE_CONFLICT.message()));
        for (long i = start / blockSize; i < (start + size) / blockSize; i++) {
            blocks.put(i, new Block(nid));
        }
        dmesg.applied(driverManaged ? HotplugRules.DRIVER_MANAGED : HotplugRules.ADD_MEMORY);
        if (!driverManaged && firmwareMemmap) {
            memmap.addHotplug(start, start + size, "System RAM");
        } else if (!driverManaged) {
            dmesg.applied(HotplugRules.MEMMAP_ARCH);
        }
        if (defaultOnline != OnlineType.OFFLINE) {
            dmesg.applied(HotplugRules.AUTO_ONLINE);
            for (long i = start / blockSize; i < (start + size) / blockSize; i++) {
                blocks.get(i).zone = zoneFor(defaultOnline, blocks.get(i).nid);
            }
        }
        return res;
    }

    /**
     * remove_memory(start, size): every block must be offline (-EBUSY); the firmware memmap entry goes if there
     * is one (firmware_map_remove's -EINVAL is ignored, B-05); the System RAM resource is released.
     */
    public void removeMemory(long start, long size) throws NdException {
        long first = start / blockSize;
        long last = (start + size) / blockSize;
        if (blocks.subMap(first, last).values().stream().anyMatch(b -> b.zone != null)) {
            throw new NdException(Errno.EBUSY, HotplugRules.REMOVE_ONLINE, HotplugRules.REMOVE_ONLINE.message());
        }
        if (!memmap.remove(start, start + size, "System RAM")) {
            dmesg.applied(HotplugRules.MEMMAP_REMOVE);
        }
        blocks.subMap(first, last).clear();
        iomem.releaseAdjustable(start, start + size - 1);
    }

    /** echo TYPE > /sys/devices/system/memory/memoryN/state. */
    public void setState(long index, OnlineType type) throws NdException {
        Block b = blocks.get(index);
        if (b == null) {
            throw new NdException(Errno.ENOENT, HotplugRules.BLOCK_STATE,
                    HotplugRules.BLOCK_STATE.message(index, "does not exist"));
        }
        boolean online = type != OnlineType.OFFLINE;
        if (online == (b.zone != null)) { // device_online/offline return 1: state_store turns it into -EINVAL
            throw new NdException(Errno.EINVAL, HotplugRules.BLOCK_STATE,
                    HotplugRules.BLOCK_STATE.message(index, "is already " + (online ? "online" : "offline")));
        }
        if (!online && b.zone == Zone.NORMAL) {
            dmesg.kernel("page dumped because: unmovable page");
            throw new NdException(Errno.EBUSY, HotplugRules.OFFLINE_KERNEL_ZONE,
                    HotplugRules.OFFLINE_KERNEL_ZONE.message(index));
        }
        dmesg.applied(HotplugRules.BLOCK_STATE);
        b.zone = online ? zoneFor(type, b.nid) : null;
    }

    public boolean isOnline(long index) {
        Block b = blocks.get(index);
        return b != null && b.zone != null;
    }

    void dmesgApplied(org.pmdl.model.rules.Rule rule) {
        dmesg.applied(rule);
    }

    void dmesgKernel(String line) {
        dmesg.kernel(line);
    }

    /**
     * MMOP_ONLINE picks the zone that keeps zones contiguous (mm/memory_hotplug.c default_zone_for_pfn with the
     * default contig-zones policy): Movable if the node's online memory is all Movable, else Normal.
     */
    private Zone zoneFor(OnlineType type, int nid) {
        if (type == OnlineType.ONLINE_MOVABLE) {
            return Zone.MOVABLE;
        }
        if (type == OnlineType.ONLINE_KERNEL) {
            return Zone.NORMAL;
        }
        List<Zone> zones = blocks.values().stream().filter(b -> b.nid == nid && b.zone != null).map(b -> b.zone).toList();
        return !zones.isEmpty() && zones.stream().allMatch(z -> z == Zone.MOVABLE) ? Zone.MOVABLE : Zone.NORMAL;
    }

    /** The blocks of [start, start + size): how many exist and how many are online. */
    public long onlineBlocks(long start, long size) {
        return blocks.subMap(start / blockSize, (start + size) / blockSize).values().stream()
                .filter(b -> b.zone != null).count();
    }

    public long presentBlocks(long start, long size) {
        return blocks.subMap(start / blockSize, (start + size) / blockSize).size();
    }

    /** The state of [start, start + size) as one word: absent, offline, online, online_movable or mixed. */
    public String state(long start, long size) {
        List<String> states = blocks.subMap(start / blockSize, (start + size) / blockSize).values().stream()
                .map(MemoryHotplug::state).distinct().toList();
        return states.isEmpty() ? "absent" : states.size() == 1 ? states.get(0) : "mixed";
    }

    private static String state(Block b) {
        return b.zone == null ? "offline" : b.zone == Zone.MOVABLE ? "online_movable" : "online";
    }

    /** Runs of blocks in one state: "memory40-memory47: online_movable". */
    public List<String> blockRuns() {
        List<String> runs = new ArrayList<>();
        Long runStart = null;
        long prev = 0;
        String runState = null;
        for (Map.Entry<Long, Block> e : blocks.entrySet()) {
            String s = state(e.getValue());
            if (runStart == null || e.getKey() != prev + 1 || !s.equals(runState)) {
                if (runStart != null) {
                    runs.add(run(runStart, prev, runState));
                }
                runStart = e.getKey();
                runState = s;
            }
            prev = e.getKey();
        }
        if (runStart != null) {
            runs.add(run(runStart, prev, runState));
        }
        return runs;
    }

    private static String run(long first, long last, String state) {
        return "memory" + first + (last == first ? "" : "-memory" + last) + ": " + state;
    }

    /** The values a hotplug step reports: /proc/iomem, /sys/firmware/memmap and the memory blocks. */
    public Map<String, Object> values() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("block_size_bytes", blockSize);
        v.put("auto_online_blocks", defaultOnline.keyword());
        v.put("iomem", iomem.lines());
        if (firmwareMemmap) {
            v.put("firmware_memmap", memmap.entries().stream().map(FirmwareMemmap.Entry::show).toList());
        }
        v.put("memory_blocks", blockRuns());
        return v;
    }
}
