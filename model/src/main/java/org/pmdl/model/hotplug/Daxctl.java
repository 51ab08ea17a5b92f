package org.pmdl.model.hotplug;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.pmdl.model.kernel.Errno;
import org.pmdl.model.libnvdimm.NdException;
import org.pmdl.model.libnvdimm.PmemResources.DevDax;
import org.pmdl.model.scenario.Action;

/**
 * daxctl (ndctl's daxctl/device.c) as PMDL's steps use it: user space in front of drivers/dax/kmem.c. It checks
 * the kernel's auto-online policy, has {@link DaxKmem} bind or unbind a dax device, and onlines or offlines the
 * device's memory blocks through sysfs. Every device starts in devdax mode.
 */
final class Daxctl {
    private final MemoryHotplug mhp;
    private final DaxKmem kmem;

    Daxctl(MemoryHotplug mhp, DaxKmem kmem) {
        this.mhp = mhp;
        this.kmem = kmem;
    }

    /** daxctl reconfigure-device / online-memory / offline-memory on the dax device. */
    void run(Action.Daxctl a, DevDax dax) throws NdException {
        switch (a.command()) {
            case "online-memory" -> onlineMemory(dax, !a.noMovable());
            case "offline-memory" -> offlineMemory(dax);
            default -> {
                if ("system-ram".equals(a.mode())) {
                    toSystemRam(dax, 0, !a.noOnline(), !a.noMovable(), a.force());
                } else {
                    toDevDax(dax, a.force());
                }
            }
        }
    }

    /**
     * daxctl reconfigure-device --mode=system-ram: refused when the kernel will auto-online and daxctl was
     * asked for movable memory (its default) or no onlining; then kmem probes and daxctl onlines the blocks.
     *
     * @param online   not --no-online
     * @param movable  not --no-movable
     */
    private void toSystemRam(DevDax dax, int nid, boolean online, boolean movable, boolean force)
            throws NdException {
        if ((!online || movable) && !force && mhp.defaultOnline() != OnlineType.OFFLINE) {
            throw new NdException(Errno.EBUSY, HotplugRules.DAXCTL_AUTO_ONLINE,
                    dax.name() + ": error: kernel policy will auto-online memory, aborting");
        }
        if (!kmem.isSystemRam(dax.name())) {
            kmem.probe(dax, nid);
        }
        if (online) {
            onlineMemory(dax, movable);
        }
    }

    /** daxctl online-memory: every offline block of the device, movable unless --no-movable. */
    private void onlineMemory(DevDax dax, boolean movable) throws NdException {
        Iomem.Resource ram = kmem.requireSystemRam(dax);
        long bs = mhp.blockSize();
        for (long b = ram.start() / bs; b <= ram.end() / bs; b++) {
            if (!mhp.isOnline(b)) {
                mhp.setState(b, movable ? OnlineType.ONLINE_MOVABLE : OnlineType.ONLINE);
            }
        }
    }

    /** daxctl offline-memory: every online block; a block the kernel cannot empty stops it with -EBUSY. */
    private void offlineMemory(DevDax dax) throws NdException {
        Iomem.Resource ram = kmem.requireSystemRam(dax);
        long bs = mhp.blockSize();
        for (long b = ram.start() / bs; b <= ram.end() / bs; b++) {
            if (mhp.isOnline(b)) {
                mhp.setState(b, OnlineType.OFFLINE);
            }
        }
    }

    /**
     * daxctl reconfigure-device --mode=devdax: refused while memory is online unless --force, which offlines it
     * first; then kmem lets the device go.
     */
    private void toDevDax(DevDax dax, boolean force) throws NdException {
        Optional<Iomem.Resource> ram = kmem.systemRam(dax);
        if (ram.isEmpty()) {
            return; // "dax0.0 was already in devdax mode"
        }
        if (force) {
            offlineMemory(dax);
        }
        if (mhp.onlineBlocks(ram.get().start(), ram.get().end() - ram.get().start() + 1) > 0) {
            throw new NdException(Errno.EBUSY, HotplugRules.DAXCTL_ONLINE_BUSY,
                    dax.name() + ": memory is online, refusing to change modes");
        }
        kmem.remove(dax);
    }


    /** What `daxctl list -M` shows for the device, plus the iomem name of its memory. */
    Map<String, Object> list(DevDax dax) {
        Map<String, Object> v = new LinkedHashMap<>();
        Optional<Iomem.Resource> ram = kmem.systemRam(dax);
        v.put("chardev", dax.name());
        v.put("dax_mode", ram.isEmpty() ? "devdax" : "system-ram");
        v.put("mapping_start", dax.start());
        v.put("mapping_end", dax.end());
        ram.ifPresent(r -> {
            long size = r.end() - r.start() + 1;
            v.put("online_memblocks", mhp.onlineBlocks(r.start(), size));
            v.put("total_memblocks", mhp.presentBlocks(r.start(), size));
            v.put("movable", mhp.state(r.start(), size).equals("online_movable"));
            v.put("memory_resource", r.name());
            v.put("memory_start", r.start());
            v.put("memory_end", r.end());
        });
        return v;
    }
}
