package org.pmdl.model.hotplug;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.pmdl.model.SourceRef;
import org.pmdl.model.kernel.Errno;
import org.pmdl.model.libnvdimm.Dmesg;
import org.pmdl.model.libnvdimm.NdException;
import org.pmdl.model.rules.Finding;
import org.pmdl.model.topology.VirtioMemSpec;

/**
 * One virtio-mem device and its driver (drivers/virtio/virtio_mem.c, Debian 6.1.192). The driver reserves the
 * device region as a non-busy "virtioN" resource and adds plugged memory under it with
 * add_memory_driver_managed(…, "System RAM (virtio_mem)", MHP_MERGE_RESOURCE): in Sub Block Mode a whole memory
 * block is added once one subblock of it is plugged, so unplugged subblocks are holes inside System RAM; in Big
 * Block Mode the added unit is a big block. Unplugged memory must not be written (B-17).
 */
final class VirtioMem {
    /** PAGE_SIZE * pageblock_nr_pages on x86_64 (pageblock_order 9): the smallest subblock. */
    static final long PAGEBLOCK = 2L << 20;
    /** VIRTIO_MEM_DEFAULT_OFFLINE_THRESHOLD: no more memory is added while this much of it is offline. */
    static final long DEFAULT_OFFLINE_THRESHOLD = 1L << 30;

    private final VirtioMemSpec spec;
    private final MemoryHotplug mhp;
    private final Dmesg dmesg;
    private final String devName;
    /** The plug granularity: sb_size (SBM) or bb_size (BBM). */
    private final long unit;
    /** What one add_memory_driver_managed() call adds: a memory block (SBM) or a big block (BBM). */
    private final long addUnit;
    private final boolean sbm;
    private final long offlineThreshold;
    /** The first and last (exclusive) address the driver can add memory at: whole add units inside the region. */
    private final long first;
    private final long limit;
    /** Start addresses of plugged units. */
    private final TreeSet<Long> plugged = new TreeSet<>();
    private long requested;
    /** The region was reserved: probe succeeded and the driver runs. */
    private final boolean reserved;
    private String hazard = "none";

    /** virtio_mem_init, virtio_mem_init_hotplug, virtio_mem_create_resource: probe at boot. */
    VirtioMem(VirtioMemSpec spec, MemoryHotplug mhp, Dmesg dmesg) {
        this.spec = spec;
        this.mhp = mhp;
        this.dmesg = dmesg;
        this.devName = "virtio" + spec.index();
        long mb = mhp.blockSize();
        long sbSize = Math.max(spec.deviceBlockSize(), PAGEBLOCK);
        this.sbm = sbSize < mb;
        this.unit = sbm ? sbSize : Math.max(spec.deviceBlockSize(), mb);
        this.addUnit = sbm ? mb : unit;
        this.offlineThreshold = Math.max(2 * addUnit, DEFAULT_OFFLINE_THRESHOLD);
        this.first = (spec.base() + addUnit - 1) / addUnit * addUnit;
        this.limit = (spec.base() + spec.size()) / addUnit * addUnit;
        log(String.format("start address: %#x", spec.base()));
        log(String.format("region size: %#x", spec.size()));
        log(String.format("device block size: %#x", spec.deviceBlockSize()));
        log("nid: " + spec.node());
        if (spec.base() % mb != 0) {
            log("The alignment of the physical start address can make some memory unusable.");
        }
        if ((spec.base() + spec.size()) % mb != 0) {
            log("The alignment of the physical end address can make some memory unusable.");
        }
        log(String.format("memory block size: %#x", mb));
        log(String.format(sbm ? "subblock size: %#x" : "big block size: %#x", unit));
        // IORESOURCE_SYSTEM_RAM | IORESOURCE_EXCLUSIVE, then BUSY cleared so that add_memory() nests inside
        this.reserved = mhp.iomem().request(devName, spec.base(), spec.base() + spec.size() - 1, Iomem.SYSTEM_RAM)
                .isPresent();
        if (!reserved) {
            log("could not reserve device region");
            log("reloading the driver is not supported");
        }
    }

    String name() {
        return spec.name();
    }

    private void log(String line) {
        dmesg.kernel("virtio_mem " + devName + ": " + line);
    }

    /**
     * The host's requested_size changed (virtio_mem_refresh_config, virtio_mem_run_wq): plug or unplug the
     * difference in units. Plugging stops (-ENOSPC, retried later) at the end of the region or once the offline
     * memory of the device would pass the offline threshold.
     */
    void requestSize(long size) throws NdException {
        if (!reserved) {
            throw new NdException(Errno.EBUSY, HotplugRules.VIRTIO_MEM_PLUG,
                    HotplugRules.VIRTIO_MEM_PLUG.message(devName));
        }
        if (size > spec.size() || size % spec.deviceBlockSize() != 0) {
            throw new NdException(Errno.EINVAL, HotplugRules.VIRTIO_MEM_REQUESTED_SIZE,
                    HotplugRules.VIRTIO_MEM_REQUESTED_SIZE.message(String.format("%#x", size),
                            String.format("%#x", spec.deviceBlockSize()), String.format("%#x", spec.size())));
        }
        requested = size;
        log(String.format("plugged size: %#x", pluggedSize()));
        log(String.format("requested size: %#x", requested));
        dmesg.applied(HotplugRules.VIRTIO_MEM_PLUG);
        if (requested > pluggedSize()) {
            plug((requested - pluggedSize()) / unit);
        } else {
            unplug((pluggedSize() - requested) / unit);
        }
    }

    long pluggedSize() {
        return plugged.size() * unit;
    }

    /** virtio_mem_sbm_plug_request: fill partly plugged added blocks (online ones first), then add new ones. */
    private void plug(long count) throws NdException {
        List<Long> partial = new ArrayList<>(added().stream().filter(a -> pluggedIn(a) < addUnit / unit).toList());
        partial.sort((a, b) -> Boolean.compare(!online(a), !online(b)));
        for (long a : partial) {
            for (long u = a; u < a + addUnit && count > 0; u += unit) {
                if (plugged.add(u)) {
                    count--;
                }
            }
        }
        for (long a = first; a < limit && count > 0; a += addUnit) {
            if (pluggedIn(a) > 0) {
                continue;
            }
            if (offlineSize() + addUnit > offlineThreshold) {
                return; // virtio_mem_could_add_memory: -ENOSPC until memory is onlined
            }
            long n = Math.min(count, addUnit / unit);
            for (long u = a; u < a + n * unit; u += unit) {
                plugged.add(u);
            }
            count -= n;
            mhp.iomem().mergeSystemRam(mhp.addMemoryDriverManaged(spec.node(), a, addUnit, "System RAM (virtio_mem)"));
        }
    }

    /**
     * virtio_mem_sbm_unplug_request: offline blocks before online ones (partly plugged first, the highest
     * address first), subblocks from the end of a block; a block with nothing plugged is offlined and removed.
     * Subblocks of ZONE_NORMAL blocks stay plugged: alloc_contig_range() cannot empty them (as MEMORY-OFFLINE-
     * KERNEL-ZONE predicts for offlining).
     */
    private void unplug(long count) throws NdException {
        List<Long> order = new ArrayList<>(added());
        Collections.reverse(order);
        order.sort((a, b) -> Integer.compare(unplugRank(a), unplugRank(b)));
        for (long a : order) {
            if (count == 0) {
                return;
            }
            if (mhp.state(a, addUnit).equals("online")) {
                continue;
            }
            for (long u = a + addUnit - unit; u >= a && count > 0; u -= unit) {
                if (plugged.remove(u)) {
                    count--;
                }
            }
            if (pluggedIn(a) == 0) {
                for (long b = a / mhp.blockSize(); b < (a + addUnit) / mhp.blockSize(); b++) {
                    if (mhp.isOnline(b)) {
                        mhp.setState(b, OnlineType.OFFLINE);
                    }
                }
                mhp.removeMemory(a, addUnit);
            }
        }
    }

    /** The unplug priority of an added unit: offline partial, offline, online partial, online. */
    private int unplugRank(long a) {
        boolean partial = pluggedIn(a) < addUnit / unit;
        return (online(a) ? 2 : 0) + (partial ? 0 : 1);
    }

    /** Start addresses of the added units, ascending. */
    private List<Long> added() {
        List<Long> out = new ArrayList<>();
        for (long a = first; a < limit; a += addUnit) {
            if (pluggedIn(a) > 0) {
                out.add(a);
            }
        }
        return out;
    }

    private long pluggedIn(long a) {
        return plugged.subSet(a, a + addUnit).size();
    }

    private boolean online(long a) {
        return mhp.onlineBlocks(a, addUnit) > 0;
    }

    private long offlineSize() {
        return added().stream().mapToLong(a -> (mhp.presentBlocks(a, addUnit) - mhp.onlineBlocks(a, addUnit))
                * mhp.blockSize()).sum();
    }

    /**
     * A CPU store or load at a physical address of the device: a store to unplugged memory is undefined
     * (VIRTIO-MEM-HOLE); so is a load when the device offers VIRTIO_MEM_F_UNPLUGGED_INACCESSIBLE (6.1's driver
     * accepts the feature).
     */
    List<Handover.Note> access(String op, long addr) throws NdException {
        Optional<Finding> outside = VirtioMemRange.outside(addr, spec.name(), spec.base(), spec.size(),
                SourceRef.NONE);
        if (outside.isPresent()) {
            throw new NdException(null, outside.get().rule(), outside.get().message());
        }
        long u = first + Math.floorDiv(addr - first, unit) * unit;
        if (plugged.contains(u) || (op.equals("load") && !spec.unpluggedInaccessible())) {
            hazard = "none";
            return List.of();
        }
        hazard = HotplugRules.VIRTIO_MEM_HOLE.id();
        Long before = plugged.lower(u);
        Long after = plugged.higher(u);
        long holeStart = before == null ? spec.base() : before + unit;
        long holeEnd = after == null ? spec.base() + spec.size() - 1 : after - 1;
        String inside = mhp.iomem().all().stream().filter(r -> r.isDriverManaged() && r.start() <= addr && addr <= r.end())
                .findFirst().map(r -> ", inside \"" + r.name() + "\"").orElse("");
        return List.of(new Handover.Note(HotplugRules.VIRTIO_MEM_HOLE, HotplugRules.VIRTIO_MEM_HOLE.message(op,
                String.format("%#x", addr), String.format("%#x-%#x", holeStart, holeEnd), devName, inside,
                op.equals("load") ? "with VIRTIO_MEM_F_UNPLUGGED_INACCESSIBLE, reading" : "writing")));
    }

    Map<String, Object> values() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("start", spec.base());
        v.put("size", spec.size());
        v.put("resource", devName);
        v.put("mode", sbm ? "sbm" : "bbm");
        v.put(sbm ? "subblock_size" : "big_block_size", unit);
        v.put("requested_size", requested);
        v.put("plugged_size", pluggedSize());
        v.put("plugged", ranges());
        v.put("hazard", hazard);
        return v;
    }

    /** Plugged memory as runs "0x140000000-0x157ffffff". */
    private List<String> ranges() {
        List<String> out = new ArrayList<>();
        Long runStart = null;
        long prev = 0;
        for (long u : plugged) {
            if (runStart != null && u != prev + unit) {
                out.add(String.format("%#x-%#x", runStart, prev + unit - 1));
                runStart = null;
            }
            if (runStart == null) {
                runStart = u;
            }
            prev = u;
        }
        if (runStart != null) {
            out.add(String.format("%#x-%#x", runStart, prev + unit - 1));
        }
        return out;
    }
}
