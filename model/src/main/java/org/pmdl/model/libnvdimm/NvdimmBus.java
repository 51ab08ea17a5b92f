package org.pmdl.model.libnvdimm;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.pmdl.model.kernel.Errno;
import org.pmdl.model.platform.PlatformFacts;
import org.pmdl.model.rules.Rule;
import org.pmdl.model.scenario.NamespaceMode;
import org.pmdl.model.topology.MappingSpec;
import org.pmdl.model.topology.NfitFirmware;
import org.pmdl.model.topology.NvdimmSpec;
import org.pmdl.model.topology.PersistenceDomain;
import org.pmdl.model.topology.PlatformSpec;
import org.pmdl.model.topology.RegionSpec;

/**
 * One booted kernel's libnvdimm bus (drivers/nvdimm/bus.c): the DIMMs and regions it registered from a platform
 * and the media, their probes, and the lookups and state every step reads. What the other files of
 * drivers/nvdimm do hangs off it: {@link #labels()}, {@link #namespaceDevs()}, {@link #pmem()}. A new boot builds
 * a new bus from the same media.
 */
public final class NvdimmBus {
    private final PlatformFacts facts;
    private final Media media;
    private final Dmesg dmesg;
    private final Map<String, Nvdimm> dimms = new LinkedHashMap<>();
    private final List<Region> regions = new ArrayList<>();
    /** The regions by name and by device name, the first registered winning as in a scan; every step looks one up. */
    private final Map<String, Region> regionsByName = new HashMap<>();
    private final Labels labels;
    private final NamespaceDevs namespaceDevs;
    private final Pmem pmem;
    /** The regions each DIMM maps, in registration order: a label change reprobes them, so no scan of all regions. */
    private final Map<Nvdimm, List<Region>> regionsByDimm = new IdentityHashMap<>();
    private NfitFirmware nfit = NfitFirmware.NONE;

    private NvdimmBus(PlatformFacts facts, Media media, Dmesg dmesg) {
        this.facts = facts;
        this.media = media;
        this.dmesg = dmesg;
        this.labels = new Labels(media, dmesg);
        this.namespaceDevs = new NamespaceDevs(facts, dmesg, labels);
        this.pmem = new Pmem(facts, media, dmesg, namespaceDevs);
    }

    /** Boot: register every DIMM (nvdimm_probe), then every region (nd_region_create, nd_region_probe). */
    public static NvdimmBus boot(PlatformSpec platform, PlatformFacts facts, Media media, Dmesg dmesg) {
        NvdimmBus bus = new NvdimmBus(facts, media, dmesg);
        bus.nfit = platform.nfit() == null ? NfitFirmware.NONE : platform.nfit();
        for (NvdimmSpec spec : platform.nvdimms()) {
            bus.nvdimmProbe(spec);
        }
        for (RegionSpec spec : platform.regions()) {
            // the provider sets ND_REGION_PERSIST_CACHE / _MEMCTRL; persistence_domain_show() reports them
            dmesg.applied(LibnvdimmRules.PERSISTENCE_DOMAIN);
            PersistenceDomain domain = spec.pagemap() ? PersistenceDomain.UNKNOWN // e820.c sets no PERSIST flag
                    : spec.persistence() != null ? spec.persistence()
                    : platform.persistence() != null ? platform.persistence() : facts.defaultPersistence();
            bus.ndRegionCreate(spec, domain).ifPresent(bus::ndRegionProbe);
        }
        return bus;
    }

    /**
     * A provider that binds its memory itself (papr_scm) registers one DIMM (with NDD_LABELING) and one region
     * on the booted bus: nvdimm_create(), then nvdimm_pmem_region_create() or nvdimm_volatile_region_create(); the region probes
     * like a declared one. Empty when nd_region_create() refuses the region.
     */
    public Optional<Region> registerRegion(NvdimmSpec dimm, RegionSpec spec, PersistenceDomain domain) {
        Nvdimm created = new Nvdimm(dimm, true); // papr_scm sets NDD_LABELING at nvdimm_create()
        nvdimmProbe(created);
        dimms.put(dimm.name(), created);
        dmesg.applied(LibnvdimmRules.PERSISTENCE_DOMAIN);
        Optional<Region> region = ndRegionCreate(spec, domain);
        region.ifPresent(this::ndRegionProbe);
        return region;
    }

    /**
     * nvdimm_bus_unregister() of a provider's own bus (ocxlpmem_remove()): its region, namespaces and DIMM are
     * unregistered; the media keep their labels and infoblocks for the next probe.
     */
    public void unregister(Region region) {
        regions.remove(region);
        regionsByName.clear();
        regions.forEach(this::indexRegion);
        region.mappings().forEach(m -> regionsByDimm.get(m.dimm()).remove(region));
        region.mappings().forEach(m -> dimms.remove(m.dimm().name()));
    }

    /** The kernel's name for the next DIMM a provider creates: nmem<N>, the lowest N not taken. */
    public String nextDimmName() {
        int n = 0;
        while (dimms.containsKey("nmem" + n)) {
            n++;
        }
        return "nmem" + n;
    }

    public PlatformFacts facts() {
        return facts;
    }

    /** The NFIT firmware's root _DSM functions: ARS and error injection. */
    public NfitFirmware nfit() {
        return nfit;
    }

    public Media media() {
        return media;
    }

    public Dmesg dmesg() {
        return dmesg;
    }

    /** label.c of this kernel. */
    public Labels labels() {
        return labels;
    }

    /** namespace_devs.c of this kernel: the namespaces' uuid and size attributes. */
    public NamespaceDevs namespaceDevs() {
        return namespaceDevs;
    }

    /** pmem.c of this kernel: binding and unbinding namespaces and their claim devices. */
    public Pmem pmem() {
        return pmem;
    }

    private void nvdimmProbe(NvdimmSpec spec) {
        Nvdimm dimm = new Nvdimm(spec);
        nvdimmProbe(dimm);
        dimms.put(spec.name(), dimm);
    }

    /** dimm.c nvdimm_probe(): with a valid label index the DIMM gets NDD_LABELING and its labels reserve DPA. */
    private void nvdimmProbe(Nvdimm dimm) {
        dimm.probe(dimm.hasDriverData() ? media.labelIndex(dimm.name()) : Optional.empty());
        labels.reserveDpa(dimm);
    }

    /**
     * ndctl disable-region / enable-region around a label-area change: the regions' namespaces go away,
     * the DIMM re-reads its labels, and the regions probe again. The region align survives (it is set in
     * nd_region_create(), not on probe).
     */
    public void reprobe(Nvdimm dimm) {
        List<Region> affected = regionsOf(dimm);
        affected.forEach(r -> {
            r.clearNamespaces();
            r.seed = null;
        });
        nvdimmProbe(dimm);
        affected.forEach(this::ndRegionProbe);
    }

    /** nd_region_create(): every mapping's DPA start and size must be PAGE_SIZE aligned. */
    private Optional<Region> ndRegionCreate(RegionSpec spec, PersistenceDomain domain) {
        List<Mapping> mappings = new ArrayList<>();
        for (int i = 0; i < spec.mappings().size(); i++) {
            MappingSpec m = spec.mappings().get(i);
            Optional<Rule> misaligned = MappingAlign.misaligned(m.dpa() | m.size(), facts.pageSize());
            if (misaligned.isPresent()) {
                dmesg.kernel("nd_bus ndbus0: nvdimm_pmem_region_create: " + m.nvdimm() + " mapping" + i
                        + " is not " + facts.pageSize() + " aligned");
                dmesg.applied(misaligned.get());
                return Optional.empty();
            }
            mappings.add(new Mapping(dimms.get(m.nvdimm()), m.dpa(), m.size()));
        }
        Region region = new Region(spec, regions.size(), mappings, domain, facts, dmesg);
        regions.add(region);
        indexRegion(region);
        for (Mapping m : mappings) {
            List<Region> of = regionsByDimm.computeIfAbsent(m.dimm(), d -> new ArrayList<>());
            if (!of.contains(region)) { // two mappings of one DIMM: the region once, as the scan found it
                of.add(region);
            }
        }
        return Optional.of(region);
    }

    private void indexRegion(Region region) {
        regionsByName.putIfAbsent(region.name(), region);
        regionsByName.putIfAbsent(region.dev(), region);
    }

    /**
     * nd_region_probe() → nd_region_register_namespaces(): one namespace_io for a label-less region; for a
     * labelled one a namespace per label set in DPA order (or an empty seed), then the btt/pfn/dax seeds, then
     * (asynchronously) each namespace's nd_pmem probe.
     */
    private void ndRegionProbe(Region region) {
        namespaceDevs.register(region);
        region.createClaimSeeds();
        for (Namespace ns : List.copyOf(region.namespaces())) {
            if (ns.size > 0) {
                pmem.probe(ns);
            }
        }
    }

    // ---- lookups ----

    public Optional<Region> region(String name) {
        return Optional.ofNullable(regionsByName.get(name));
    }

    public Optional<Nvdimm> nvdimm(String name) {
        return Optional.ofNullable(dimms.get(name));
    }

    /** The first namespace, in region and then registration order, with this user name or device name. */
    public Optional<Namespace> namespace(String name) {
        for (Region r : regions) {
            Namespace ns = r.namespace(name);
            if (ns != null) {
                return Optional.of(ns);
            }
        }
        return Optional.empty();
    }

    /** The scenario's names of the namespaces, by where their data lives (stable across boots). */
    public Map<Object, String> userNames() {
        Map<Object, String> names = new LinkedHashMap<>();
        regions.forEach(r -> r.namespaces().stream().filter(n -> n.userName() != null && n.configured())
                .forEach(n -> names.put(n.mediaKey(), n.userName())));
        return names;
    }

    /** After a boot: the namespaces found where named ones were keep their names. */
    public void restoreUserNames(Map<Object, String> names) {
        regions.forEach(r -> r.namespaces().stream().filter(Namespace::configured)
                .forEach(n -> n.userName(names.get(n.mediaKey()))));
    }

    public List<Region> regionsOf(Nvdimm dimm) {
        return List.copyOf(regionsByDimm.getOrDefault(dimm, List.of()));
    }

    /** Every object's readable attributes, by the name a scenario uses for it. */
    public Map<String, Map<String, Object>> state() {
        Map<String, Map<String, Object>> state = new LinkedHashMap<>();
        dimms.values().forEach(d -> state.put(d.name(), values(d)));
        state.putAll(state(regions));
        return state;
    }

    /** The readable attributes of these regions, their configured namespaces and their DIMMs, by name. */
    public Map<String, Map<String, Object>> state(Collection<Region> scope) {
        Map<String, Map<String, Object>> state = new LinkedHashMap<>();
        for (Region r : scope) {
            state.putAll(ownState(r));
            forEachNamespaceState(r, state::put);
        }
        return state;
    }

    /** The part of {@link #state(Collection)} a region's size does not change: its DIMMs and its own attributes. */
    public Map<String, Map<String, Object>> ownState(Region r) {
        Map<String, Map<String, Object>> state = new LinkedHashMap<>();
        r.mappings().forEach(m -> state.put(m.dimm().name(), values(m.dimm())));
        state.put(r.name(), r.values());
        return state;
    }

    /**
     * The rest of {@link #state(Collection)}: each configured namespace of the region, in registration order, by the
     * name a scenario uses for it. A namespace whose attributes did not change hands out the same map as before.
     */
    public void forEachNamespaceState(Region r, BiConsumer<String, Map<String, Object>> each) {
        for (Namespace ns : r.namespaces()) {
            if (ns.configured()) {
                each.accept(ns.userName() != null ? ns.userName() : ns.dev(), ns.values());
            }
        }
    }

    public List<Region> regions() {
        return List.copyOf(regions);
    }

    public Map<String, Object> values(Region r) {
        return r.values();
    }

    /**
     * A namespace's attributes; with ARS (nfit/scrub) also {@code badblock_count}, the bad 512-byte blocks of
     * its data, as ndctl list --media-errors counts them (util_namespace_to_json).
     */
    public Map<String, Object> values(Namespace ns) {
        if (!nfit.ars()) {
            return ns.values();
        }
        Map<String, Object> v = new LinkedHashMap<>(ns.values());
        long length = ns.ndctlMode() == NamespaceMode.SECTOR ? ns.size() : ns.usableSize(); // a BTT: all of it
        v.put("badblock_count", media.poison().sectorsIn(ns.dataStart(), length));
        return v;
    }

    public Map<String, Object> values(Nvdimm d) {
        return d.values(facts.kernel());
    }

    // ---- sysfs writes, in the order ndctl performs them ----

    /**
     * A namespace's uuid attribute (namespace_devs.c uuid_store → namespace_update_uuid): nd_is_uuid_unique() walks
     * every region of the bus, and a uuid another namespace or btt/pfn/dax device holds is EINVAL.
     */
    public void namespaceUuidStore(Namespace ns, String uuid) throws NdException {
        for (Region r : regions) {
            for (Namespace other : r.namespaces()) {
                if (uuid.equals(other.uuid()) || uuid.equals(other.claimUuid())) {
                    dmesg.applied(LibnvdimmRules.NS_UUID_UNIQUE);
                    throw new NdException(Errno.EINVAL, LibnvdimmRules.NS_UUID_UNIQUE,
                            LibnvdimmRules.NS_UUID_UNIQUE.message(uuid, other.dev()));
                }
            }
        }
        namespaceDevs.uuidStore(ns, uuid);
    }

    /** regionX/align. */
    public void alignStore(Region region, long val) throws NdException {
        region.alignStore(val, dmesg);
    }

    /**
     * regionX/read_only: read_only_store() sets nd_region->ro and (5.12+) tells every child device's driver
     * (NVDIMM_REVALIDATE_REGION), so nd_pmem's disks follow it.
     */
    public void readOnlyStore(Region region, long value) throws NdException {
        region.readOnlyStore(value, dmesg);
        if (facts.kernel().regionRoNotify()) {
            region.namespaces().forEach(pmem::revalidateRegion);
        }
    }

    /**
     * Unbinding nd_region (region.c nd_region_remove()): its namespaces and btt/pfn/dax seeds are unregistered
     * and the seeds cleared; the DIMMs keep their labels and DPA. The caller has disabled the namespaces.
     */
    public void regionDisable(Region region) {
        if (!region.enabled()) {
            return;
        }
        Map<Object, String> names = new LinkedHashMap<>();
        region.namespaces().stream().filter(n -> n.userName() != null && n.configured())
                .forEach(n -> names.put(n.mediaKey(), n.userName()));
        region.namesWhileDisabled = names;
        region.clearNamespaces();
        region.seed = null;
        region.enabled(false);
    }

    /** Binding nd_region again: nd_region_probe() registers the namespaces its labels describe, and probes them. */
    public void regionEnable(Region region) {
        if (region.enabled()) {
            return;
        }
        region.enabled(true);
        ndRegionProbe(region);
        region.namespaces().stream().filter(Namespace::configured)
                .forEach(n -> n.userName(region.namesWhileDisabled.get(n.mediaKey())));
        region.namesWhileDisabled = Map.of();
    }

}
