package org.pmdl.model.libnvdimm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pmdl.model.scenario.NamespaceMode;

/**
 * What libnvdimm leaves in /proc/iomem and hands to device-dax, for the memory-hotplug model
 * (org.pmdl.model.hotplug). Addresses are physical; ends are inclusive, as /proc/iomem prints them.
 */
public final class PmemResources {
    private PmemResources() {
    }

    /** One iomem resource; {@code parent} is the name of the region resource it nests in, or null at root. */
    public record Claim(String name, long start, long end, Claim parent) {
    }

    /**
     * A device-dax instance over a devdax namespace (drivers/dax/pmem.c __dax_pmem_probe): its name
     * {@code daxR.N} comes from {@code namespaceR.N}; its data range starts {@code dataoff} after the namespace
     * (plus start_pad) and ends before end_trunc; the infoblock/memmap part stays claimed by the namespace.
     */
    public record DevDax(String name, String namespaceDev, long start, long end, Claim metadata) {
    }

    /**
     * The region resources and the ranges their enabled namespaces claim: "Persistent Memory" for an NFIT
     * region, "Persistent Memory (legacy)" for an E820 type-12 range (arch/x86/kernel/e820.c
     * e820_type_to_string); a namespace claims all of itself (devm_nsio_enable), a devdax one only its
     * metadata [start, start + dataoff) (dax/pmem.c devm_request_mem_region) and its dax device the data.
     */
    public static List<Claim> iomem(NvdimmBus bus) {
        List<Claim> claims = new ArrayList<>();
        for (Region r : bus.regions()) {
            Claim region = new Claim(r.pagemap() ? "Persistent Memory (legacy)" : "Persistent Memory", r.start(),
                    r.start() + r.size() - 1, null);
            claims.add(region);
            for (Namespace ns : r.namespaces()) {
                if (!ns.enabled || ns.size == 0) {
                    continue;
                }
                Optional<DevDax> dax = devDax(ns);
                long claimed = dax.map(d -> d.metadata().end() - ns.start + 1).orElse(ns.size);
                claims.add(new Claim(ns.dev(), ns.start, ns.start + claimed - 1, region));
                // drivers/dax/device.c dev_dax_probe claims the data range while device_dax is bound
                dax.ifPresent(d -> claims.add(new Claim(d.name(), d.start(), d.end(), region)));
            }
        }
        return claims;
    }

    /** The device-dax instance of the named namespace, if it is an enabled devdax namespace. */
    public static Optional<DevDax> devDax(NvdimmBus bus, String namespace) {
        return bus.namespace(namespace).flatMap(PmemResources::devDax);
    }

    /** The dax device over a namespace, if it is an enabled devdax namespace. */
    public static Optional<DevDax> devDax(Namespace ns) {
        if (!ns.enabled || ns.mode != NamespaceMode.DEVDAX || !(ns.infoblock instanceof Infoblock.Pfn pfn)) {
            return Optional.empty();
        }
        long start = ns.start + pfn.startPad() + pfn.dataoff();
        long end = ns.start + ns.size - pfn.endTrunc() - 1;
        Claim metadata = new Claim(ns.dev(), ns.start, ns.start + pfn.dataoff() - 1, null);
        return Optional.of(new DevDax("dax" + ns.region().id() + "." + ns.id(), ns.dev(), start, end, metadata));
    }
}
