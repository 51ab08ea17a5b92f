package org.pmdl.model.hotplug;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pmdl.model.kernel.Errno;
import org.pmdl.model.kernel.KernelProfile;
import org.pmdl.model.kernel.StringHelpers;
import org.pmdl.model.libnvdimm.NdException;
import org.pmdl.model.libnvdimm.PmemResources.DevDax;

/**
 * dax devices in system-ram mode: drivers/dax/kmem.c bound instead of device_dax, as daxctl asks. One instance
 * per booted kernel; every device starts in devdax mode.
 */
final class DaxKmem {
    /** A dax device kmem owns: the "daxX.Y" resource it requested and the System RAM under it. */
    private record Kmem(Iomem.Resource dax, Iomem.Resource ram) {
    }

    private final MemoryHotplug mhp;
    private final boolean driverManaged;
    private final boolean truncationWarning;
    private final Map<String, Kmem> bound = new HashMap<>();

    /** kmem's release-dependent behaviour comes from the profile (kmemDriverManaged, kmemTruncationWarning). */
    DaxKmem(MemoryHotplug mhp, KernelProfile kernel) {
        this.mhp = mhp;
        this.driverManaged = kernel.kmemDriverManaged();
        this.truncationWarning = kernel.kmemTruncationWarning();
    }

    boolean isSystemRam(String dax) {
        return bound.containsKey(dax);
    }

    /** dev_dax_kmem_probe: the memory-block-aligned part of the range becomes System RAM. */
    void probe(DevDax dax, int nid) throws NdException {
        long bs = mhp.blockSize();
        long start = (dax.start() + bs - 1) / bs * bs;
        long end = (dax.end() + 1) / bs * bs - 1;
        if (start >= end) {
            throw new NdException(Errno.EINVAL, HotplugRules.DAX_KMEM, HotplugRules.DAX_KMEM.message(dax.name(),
                    "rejecting DAX region without any memory after alignment"));
        }
        long trimmed = dax.end() - dax.start() - (end - start);
        if (truncationWarning && trimmed > 0) {
            mhp.dmesgKernel("kmem " + dax.name() + ": DAX region truncated by " + StringHelpers.sizeUnits2(trimmed)
                    + " due to alignment");
        }
        // device_dax lets go of the data range when it unbinds
        mhp.iomem().find(dax.name(), dax.start(), dax.end()).ifPresent(mhp.iomem()::release);
        Iomem.Resource res = mhp.iomem().request(dax.name(), start, end, Iomem.SYSTEM_RAM).orElseThrow(() ->
                new NdException(Errno.EBUSY, HotplugRules.DAX_KMEM,
                        HotplugRules.DAX_KMEM.message(dax.name(), "could not reserve region")));
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

    /** The System RAM kmem added for the device, if it is bound (system-ram mode). */
    Optional<Iomem.Resource> systemRam(DevDax dax) {
        return Optional.ofNullable(bound.get(dax.name())).map(Kmem::ram);
    }

    /** The System RAM of a device that daxctl needs in system-ram mode; ENXIO when kmem does not hold it. */
    Iomem.Resource requireSystemRam(DevDax dax) throws NdException {
        return systemRam(dax).orElseThrow(() -> new NdException(Errno.ENXIO, HotplugRules.DAXCTL_NOT_SYSTEM_RAM,
                HotplugRules.DAXCTL_NOT_SYSTEM_RAM.message(dax.name())));
    }

    /**
     * dev_dax_kmem_remove() as device_dax binds again (daxctl reconfigure-device --mode=devdax, memory offline by
     * now): device_dax takes the whole range.
     */
    void remove(DevDax dax) throws NdException {
        unbind(dax.name());
        mhp.iomem().request(dax.name(), dax.start(), dax.end(), Iomem.BUSY);
    }

    /**
     * dev_dax_kmem_remove(): kmem lets the device go. Offline memory is removed and the "daxX.Y" request
     * released; memory still online cannot be removed (remove_memory's -EBUSY) and stays System RAM, with its
     * request, until the next reboot.
     */
    void unbind(String dax) {
        Kmem k = bound.remove(dax);
        try {
            mhp.removeMemory(k.ram.start(), k.ram.end() - k.ram.start() + 1);
        } catch (NdException e) {
            mhp.dmesgApplied(HotplugRules.DAX_KMEM_REMOVE);
            mhp.dmesgKernel(String.format("removing memory fails, because memory [%#018x-%#018x] is onlined",
                    k.ram.start(), k.ram.end()));
            mhp.dmesgKernel(String.format("kmem %s: mapping0: %#x-%#x cannot be hotremoved until the next reboot",
                    dax, k.ram.start(), k.ram.end()));
            return;
        }
        mhp.iomem().release(k.dax);
        mhp.dmesgApplied(HotplugRules.DAX_KMEM_REMOVE);
    }

    /** The devices kmem holds now. */
    Set<String> boundDevices() {
        return Set.copyOf(bound.keySet());
    }
}
