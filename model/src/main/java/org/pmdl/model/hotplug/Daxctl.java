package org.pmdl.model.hotplug;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pmdl.model.kernel.Errno;
import org.pmdl.model.libnvdimm.NdException;
import org.pmdl.model.libnvdimm.PmemResources.DevDax;
import org.pmdl.model.scenario.Action;

/**
 * daxctl (ndctl's daxctl/device.c) as PMDL's steps use it: user space in front of drivers/dax (bus.c's regions
 * and devices, kmem.c). It checks the kernel's auto-online policy, has {@link DaxKmem} bind or unbind a dax
 * device, onlines or offlines the device's memory blocks through sysfs, binds and unbinds device_dax, and sizes,
 * creates and deletes the devices of a dynamic {@link DaxRegion}. Every device starts in devdax mode.
 */
final class Daxctl {
    /**
     * The device a step names: its range, and for a dynamic region's device the region and the device in it
     * (both null for a devdax namespace's, whose region is static).
     */
    record Target(DevDax dax, DaxRegion region, DaxRegion.Dev dev) {
    }

    private final MemoryHotplug mhp;
    private final DaxKmem kmem;
    /** dax devices no driver is bound to: unbound by daxctl, or created and not (yet) enabled. */
    private final Set<String> disabled = new HashSet<>();

    Daxctl(MemoryHotplug mhp, DaxKmem kmem) {
        this.mhp = mhp;
        this.kmem = kmem;
    }

    /** daxctl reconfigure-device / online-memory / offline-memory / enable-, disable-, destroy-device. */
    void run(Action.Daxctl a, Target t) throws NdException {
        DevDax dax = t.dax();
        switch (a.command()) {
            case "online-memory" -> onlineMemory(dax, !a.noMovable());
            case "offline-memory" -> offlineMemory(dax);
            case "enable-device" -> enableDevdax(statusTarget(t));
            case "disable-device" -> disabled.add(statusTarget(t).dax().name());
            case "destroy-device" -> destroy(t, a.force());
            default -> {
                if (a.size() != null) {
                    setSize(t, a.size());
                } else if ("system-ram".equals(a.mode())) {
                    toSystemRam(dax, 0, !a.noOnline(), !a.noMovable(), a.force());
                } else {
                    toDevDax(t, a.force());
                }
            }
        }
    }

    /** do_xble(): enable-device and disable-device act on a device in devdax mode only. */
    private Target statusTarget(Target t) throws NdException {
        if (kmem.isSystemRam(t.dax().name())) {
            throw new NdException(Errno.ENXIO, HotplugRules.DAXCTL_STATUS_DEVDAX,
                    HotplugRules.DAXCTL_STATUS_DEVDAX.message(t.dax().name()));
        }
        return t;
    }

    /**
     * daxctl_dev_enable_devdax(): device_dax binds an unbound device; dax_bus_probe() refuses one without a size,
     * and a dynamic region's seed that binds stops being its seed.
     */
    private void enableDevdax(Target t) throws NdException {
        String name = t.dax().name();
        if (!disabled.contains(name)) {
            return;
        }
        if (t.dev() != null) {
            t.region().probe(t.dev());
        }
        disabled.remove(name);
    }

    /**
     * daxctl create-device (do_create): "create" on the region, then the seed is aligned, sized (all that is
     * available unless --size) and enabled; a refusal after "create" leaves the zero-size seed behind.
     */
    DaxRegion.Dev create(Target owner, Long size, Long align) throws NdException {
        DaxRegion region = owner.region();
        if (region == null) { // a static region has no "create" to write: daxctl returns -ENOSPC
            throw new NdException(Errno.ENOSPC, HotplugRules.DAX_REGION_STATIC, HotplugRules.DAX_REGION_STATIC.message(
                    owner.dax().name(), "static dax region, error creating devices: " + Errno.ENOSPC.strerror()));
        }
        disabled.add(region.name(region.create()));
        DaxRegion.Dev seed = region.seed();
        Target t = new Target(region.devDax(seed), region, seed);
        if (align != null) {
            sysfsWrite(t, "align", () -> region.alignStore(seed, align));
        }
        setSize(t, size != null ? size : region.availableSize());
        enableDevdax(new Target(region.devDax(seed), region, seed));
        return seed;
    }

    /**
     * daxctl destroy-device (dev_destroy): an enabled device only with --force, which unbinds it whatever its
     * mode (kmem keeps memory that is still online, until the next reboot); then size 0 and "delete".
     */
    private void destroy(Target t, boolean force) throws NdException {
        String name = t.dax().name();
        if (!disabled.contains(name)) {
            if (!force) {
                throw new NdException(Errno.ENXIO, HotplugRules.DAXCTL_DESTROY_ACTIVE,
                        HotplugRules.DAXCTL_DESTROY_ACTIVE.message(name));
            }
            if (kmem.isSystemRam(name)) {
                kmem.unbind(name);
            }
            disabled.add(name);
        }
        setSize(t, 0);
        t.region().delete(t.dev(), false);
        disabled.remove(name);
    }

    /** daxctl_dev_set_size(): any refusal of the sysfs write is ENXIO, "failed to set size". */
    private void setSize(Target t, long size) throws NdException {
        if (t.region() == null) { // the size of a static region's device is read-only (0444)
            throw new NdException(Errno.ENXIO, HotplugRules.DAX_REGION_STATIC,
                    HotplugRules.DAX_REGION_STATIC.message(t.dax().name(), "failed to set size"));
        }
        sysfsWrite(t, "size", () -> t.region().resize(t.dev(), size, enabled(t.dax().name())));
    }

    private interface SysfsWrite {
        void run() throws NdException;
    }

    /** libdaxctl's attribute writes: the kernel's errno becomes ENXIO, "failed to set ATTRIBUTE". */
    private static void sysfsWrite(Target t, String attribute, SysfsWrite write) throws NdException {
        try {
            write.run();
        } catch (NdException e) {
            if (e.errno() == null) {
                throw e; // not modelled: no outcome to report
            }
            throw new NdException(Errno.ENXIO, e.rule(), t.dax().name() + ": failed to set " + attribute + " ("
                    + e.errno().strerror() + ")");
        }
    }

    /** Devices gone from the kernel (their namespace went away) leave nothing unbound behind. */
    void forgetAllBut(Set<String> live) {
        disabled.retainAll(live);
    }

    boolean enabled(String name) {
        return !disabled.contains(name);
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
                    HotplugRules.DAXCTL_AUTO_ONLINE.message(dax.name()));
        }
        if (!kmem.isSystemRam(dax.name())) {
            kmem.probe(dax, nid);
            disabled.remove(dax.name());
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
     * first; then kmem lets the device go and device_dax binds it (an unbound devdax device is just enabled).
     */
    private void toDevDax(Target t, boolean force) throws NdException {
        DevDax dax = t.dax();
        Optional<Iomem.Resource> ram = kmem.systemRam(dax);
        if (ram.isEmpty()) {
            enableDevdax(t); // "dax0.0 was already in devdax mode" when it is bound
            return;
        }
        if (force) {
            offlineMemory(dax);
        }
        if (mhp.onlineBlocks(ram.get().start(), ram.get().end() - ram.get().start() + 1) > 0) {
            throw new NdException(Errno.EBUSY, HotplugRules.DAXCTL_ONLINE_BUSY,
                    HotplugRules.DAXCTL_ONLINE_BUSY.message(dax.name()));
        }
        kmem.remove(dax);
    }


    /** What `daxctl list -M` shows for the device, plus the iomem name of its memory. */
    Map<String, Object> list(DevDax dax) {
        Map<String, Object> v = new LinkedHashMap<>();
        Optional<Iomem.Resource> ram = kmem.systemRam(dax);
        v.put("chardev", dax.name());
        v.put("dax_mode", ram.isEmpty() ? "devdax" : "system-ram");
        v.put("dax_enabled", enabled(dax.name()));
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
