package org.pmdl.model.engine;

import java.util.Optional;
import org.pmdl.model.libnvdimm.NvdimmBus;
import org.pmdl.model.libnvdimm.Region;
import org.pmdl.model.persistence.PersistenceModel;
import org.pmdl.model.topology.PersistenceDomain;
import org.pmdl.model.topology.PlatformSpec;
import org.pmdl.model.topology.RegionSpec;

/** The booted kernel's namespaces and regions as the persistence model needs them (sysfs values + topology). */
record PmemTargets(NvdimmBus bus, PlatformSpec platform) implements PersistenceModel.Targets {

    @Override
    public Optional<PersistenceModel.Target> namespace(String name) {
        return bus.namespace(name).map(ns -> target(name, ns.region(), size(bus.values(ns).get("size"))));
    }

    @Override
    public Optional<PersistenceModel.Target> region(String name) {
        return bus.region(name).map(r -> target(r.name(), r, size(bus.values(r).get("size"))));
    }

    private PersistenceModel.Target target(String name, Region r, long capacity) {
        Optional<RegionSpec> spec = platform.regions().stream().filter(s -> s.name().equals(r.name())).findFirst();
        String domain = String.valueOf(bus.values(r).get("persistence_domain"));
        return new PersistenceModel.Target(name, r.name(), capacity,
                PersistenceDomain.valueOf(domain.toUpperCase(java.util.Locale.ROOT)),
                spec.map(RegionSpec::async).orElse(false), spec.map(RegionSpec::flushHints).orElse(0));
    }

    private static long size(Object size) {
        return size instanceof Number n ? n.longValue() : 0;
    }
}
