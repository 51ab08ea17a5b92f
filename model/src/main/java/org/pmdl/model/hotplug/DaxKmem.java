package org.pmdl.model.hotplug;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pmdl.model.kernel.Errno;
import org.pmdl.model.kernel.KernelProfile;
import org.pmdl.model.kernel.StringHelpers;
import org.pmdl.model.libnvdimm.NdException;
import org.pmdl.model.libnvdimm.PmemResources.DevDax;

/**
 * dax devices in system-ram mode: drivers/dax/kmem.c bound instead of device_dax, driven the way
 * {@code daxctl reconfigure-device} / {@code online-memory} / {@code offline-memory} drive it (ndctl
 * daxctl/device.c). One instance per booted kernel; every device starts in devdax mode.
 */
public final class DaxKmem {
    /** A dax device kmem owns: the "daxX.Y" resource it requested and the System RAM under it. */
    private record Kmem(Iomem.Resource dax, Iomem.Resource ram) {
    }

    private final MemoryHotplug mhp;
    private final boolean driverManaged;
    private final boolean truncationWarning;
    private final Map<String, Kmem> bound = new HashMap<>();

    /** kmem's release-dependent behaviour comes from the profile (kmemDriverManaged, kmemTruncationWarning). */
    public DaxKmem(MemoryHotplug mhp, KernelProfile kernel) {
        this.mhp = mhp;
        this.driverManaged = kernel.kmemDriverManaged();
        this.truncationWarning = kernel.kmemTruncationWarning();
    }

    public boolean isSystemRam(String dax) {
        return bound.containsKey(dax);
    }

    /**
     * daxctl reconfigure-device --mode=system-ram: refused when the kernel will auto-online and daxctl was
     * asked for movable memory (its default) or no onlining; then kmem probes and daxctl onlines the blocks.
     *
     * @param online   not --no-online
     * @param movable  not --no-movable
     */
    public void toSystemRam(DevDax dax, int nid, boolean online, boolean movable, boolean force)
            throws NdException {
        if ((!online || movable) && !force && mhp.defaultOnline() != OnlineType.OFFLINE) {
            throw new NdException(Errno.EBUSY, HotplugRules.DAXCTL_AUTO_ONLINE,
                    dax.name() + ": error: kernel policy will auto-online memory, aborting");
        }
        if (!bound.containsKey(dax.name())) {
            probe(dax, nid);
        }
        if (online) {
            onlineMemory(dax, movable);
        }
    }

    /** dev_dax_kmem_probe: the memory-block-aligned part of the range becomes System RAM. */
    private void probe(DevDax dax, int nid) throws NdException {
        long bs = mhp.blockSize();
        long start = (dax.start() + bs - 1) / bs * bs;
        long end = (dax.end() + 1) / bs * bs - 1;
        if (start >= end) {
            throw new NdException(Errno.EINVAL, HotplugRules.DAX_KMEM,
                    dax.name() + ": rejecting DAX region without any memory after alignment");
        }
        long trimmed = dax.end() - dax.start() - (end - start);
        if (truncationWarning && trimmed > 0) {
            mhp.dmesgKernel("kmem " + dax.name() + ": DAX region truncated by " + StringHelpers.sizeUnits2(trimmed)
                    + " due to alignment");
        }
        // device_dax lets go of the data range when it unbinds
        mhp.iomem().find(dax.name(), dax.start(), dax.end()).ifPresent(mhp.iomem()::release);
        Iomem.Resource res = mhp.iomem().request(dax.name(), start, end, Iomem.SYSTEM_RAM).orElseThrow(() ->
                new NdException(Errno.EBUSY, HotplugRules.DAX_KMEM, dax.name() + ": could not reserve region"));
        Iomem.Resource ram;
        try {
            ram = driverManaged ? mhp.addMemoryDriverManaged(nid, start, end - start + 1, "System RAM (kmem)")
                    : mhp.addMemory(nid, start, end - start + 1);
        } catch (NdException e) {
            mhp.iomem().release(res);
            throw e;
        }
        mhp.dmesgApplied(HotplugRules.DAX_KMEM);
        bound.put(dax.name(), new Kmem(res, ram));
    }

    /** daxctl online-memory: every offline block of the device, movable unless --no-movable. */
    public void onlineMemory(DevDax dax, boolean movable) throws NdException {
        Kmem k = kmem(dax);
        long bs = mhp.blockSize();
        for (long b = k.ram.start() / bs; b <= k.ram.end() / bs; b++) {
            if (!mhp.isOnline(b)) {
                mhp.setState(b, movable ? OnlineType.ONLINE_MOVABLE : OnlineType.ONLINE);
            }
        }
    }

    /** daxctl offline-memory: every online block; a block the kernel cannot empty stops it with -EBUSY. */
    public void offlineMemory(DevDax dax) throws NdException {
        Kmem k = kmem(dax);
        long bs = mhp.blockSize();
        for (long b = k.ram.start() / bs; b <= k.ram.end() / bs; b++) {
            if (mhp.isOnline(b)) {
                mhp.setState(b, OnlineType.OFFLINE);
            }
        }
    }

    /**
     * daxctl reconfigure-device --mode=devdax: refused while memory is online unless --force, which offlines it
     * first; kmem's remove then takes the memory out (dev_dax_kmem_remove) and device_dax binds again.
     */
    public void toDevDax(DevDax dax, boolean force) throws NdException {
        Kmem k = bound.get(dax.name());
        if (k == null) {
            return; // "dax0.0 was already in devdax mode"
        }
        if (force) {
            offlineMemory(dax);
        }
        if (mhp.onlineBlocks(k.ram.start(), k.ram.end() - k.ram.start() + 1) > 0) {
            throw new NdException(Errno.EBUSY, HotplugRules.DAXCTL_ONLINE_BUSY,
                    dax.name() + ": memory is online, refusing to change modes");
        }
        mhp.removeMemory(k.ram.start(), k.ram.end() - k.ram.start() + 1);
        mhp.iomem().release(k.dax);
        bound.remove(dax.name());
        mhp.dmesgApplied(HotplugRules.DAX_KMEM_REMOVE);
        mhp.iomem().request(dax.name(), dax.start(), dax.end(), Iomem.BUSY);
    }

    private Kmem kmem(DevDax dax) throws NdException {
        Kmem k = bound.get(dax.name());
        if (k == null) {
            throw new NdException(Errno.ENXIO, HotplugRules.DAX_KMEM, dax.name() + " is not in system-ram mode");
        }
        return k;
    }

    /** What `daxctl list -M` shows for the device, plus the iomem name of its memory. */
    public Map<String, Object> values(DevDax dax) {
        Map<String, Object> v = new LinkedHashMap<>();
        Kmem k = bound.get(dax.name());
        v.put("chardev", dax.name());
        v.put("dax_mode", k == null ? "devdax" : "system-ram");
        v.put("mapping_start", dax.start());
        v.put("mapping_end", dax.end());
        if (k != null) {
            long size = k.ram.end() - k.ram.start() + 1;
            v.put("online_memblocks", mhp.onlineBlocks(k.ram.start(), size));
            v.put("total_memblocks", mhp.presentBlocks(k.ram.start(), size));
            v.put("movable", mhp.state(k.ram.start(), size).equals("online_movable"));
            v.put("memory_resource", k.ram.name());
            v.put("memory_start", k.ram.start());
            v.put("memory_end", k.ram.end());
        }
        return v;
    }
}
