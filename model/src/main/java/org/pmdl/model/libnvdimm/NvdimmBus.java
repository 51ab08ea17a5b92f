package org.pmdl.model.libnvdimm;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pmdl.model.kernel.Errno;
import org.pmdl.model.platform.PlatformFacts;
import org.pmdl.model.rules.Rule;
import org.pmdl.model.rules.Rules;
import org.pmdl.model.scenario.Action;
import org.pmdl.model.scenario.NamespaceMode;
import org.pmdl.model.scenario.PfnMap;
import org.pmdl.model.topology.MappingSpec;
import org.pmdl.model.topology.NvdimmSpec;
import org.pmdl.model.topology.PersistenceDomain;
import org.pmdl.model.topology.PlatformSpec;
import org.pmdl.model.topology.RegionSpec;

/**
 * One booted kernel's libnvdimm: the DIMMs, regions and namespaces it registered from a platform and the
 * media, and the sysfs operations ndctl performs on them. A new boot builds a new bus from the same media.
 */
public final class NvdimmBus {
    private final PlatformFacts facts;
    private final Media media;
    private final Dmesg dmesg;
    private final Map<String, Nvdimm> dimms = new LinkedHashMap<>();
    private final List<Region> regions = new ArrayList<>();
    /** The regions by name and by device name, the first registered winning as in a scan; every step looks one up. */
    private final Map<String, Region> regionsByName = new HashMap<>();
    /** The regions each DIMM maps, in registration order: a label change reprobes them, so no scan of all regions. */
    private final Map<Nvdimm, List<Region>> regionsByDimm = new IdentityHashMap<>();

    private NvdimmBus(PlatformFacts facts, Media media, Dmesg dmesg) {
        this.facts = facts;
        this.media = media;
        this.dmesg = dmesg;
    }

    /** Boot: register every DIMM (nvdimm_probe), then every region (nd_region_create, nd_region_probe). */
    public static NvdimmBus boot(PlatformSpec platform, PlatformFacts facts, Media media, Dmesg dmesg) {
        NvdimmBus bus = new NvdimmBus(facts, media, dmesg);
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

    /**
     * label.c nd_label_data_init(): what the DIMM's probe reads from its label area: both index blocks (sized
     * for the first guess of 128-byte labels), then every active label.
     */
    public long labelAreaReadAtProbe(String dimm, long configSize) {
        long bytes = 2 * LabelIndex.indexSize(configSize, 128) + media.labelIndex(dimm)
                .map(i -> (long) i.labels().size() * i.labelSize()).orElse(0L);
        return Math.min(bytes, configSize);
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

    Media media() {
        return media;
    }

    Dmesg dmesg() {
        return dmesg;
    }

    private void nvdimmProbe(NvdimmSpec spec) {
        Nvdimm dimm = new Nvdimm(spec);
        nvdimmProbe(dimm);
        dimms.put(spec.name(), dimm);
    }

    /** nvdimm_probe(): with a valid label index the DIMM gets NDD_LABELING and its labels reserve DPA. */
    private void nvdimmProbe(Nvdimm dimm) {
        Optional<LabelIndex> index = dimm.hasDriverData() ? media.labelIndex(dimm.name()) : Optional.empty();
        dimm.probe(index);
        index.ifPresent(i -> i.labels().forEach(
                l -> dimm.allocate(DpaAllocator.labelId(l.uuid()), l.dpa(), l.rawsize())));
    }

    /**
     * ndctl disable-region / enable-region around a label-area change: the regions' namespaces go away,
     * the DIMM re-reads its labels, and the regions probe again. The region align survives (it is set in
     * nd_region_create(), not on probe).
     */
    void reprobe(Nvdimm dimm) {
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
            if (!Align.is(m.dpa() | m.size(), facts.pageSize())) {
                dmesg.kernel("nd_bus ndbus0: nvdimm_pmem_region_create: " + m.nvdimm() + " mapping" + i
                        + " is not " + facts.pageSize() + " aligned");
                dmesg.applied(Rules.MAPPING_ALIGN);
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
        dmesg.applied(LibnvdimmRules.REGION_NSTYPE);
        if (region.nstype() == Region.NSTYPE_IO) {
            Namespace ns = new Namespace(region, 0, true);
            ns.start = region.start();
            ns.size = region.size();
            region.addNamespace(ns);
        } else {
            // scan_labels() reads mapping 0's labels only; a DIMM there without an index has none
            Mapping m0 = region.mappings().get(0);
            List<LabelIndex.Label> labels = m0.dimm().labelIndex().map(LabelIndex::labels).orElse(List.of())
                    .stream().filter(l -> l.dpa() >= m0.start() && l.dpa() <= m0.end())
                    .sorted(Comparator.comparingLong(LabelIndex.Label::dpa)).toList();
            for (LabelIndex.Label label : labels) {
                Namespace ns = new Namespace(region, region.namespaces().size(), false);
                ns.uuid = label.uuid();
                ns.size = label.rawsize() * region.mappings().size();
                setResource(ns);
                region.addNamespace(ns);
            }
            if (labels.isEmpty()) {
                dmesg.kernel("nd_region " + region.dev() + ": discovered 0 "
                        + (facts.kernel().blkNamespaces() ? "pmem " : "") + "namespaces");
                region.addNamespace(new Namespace(region, 0, false));
                seedProbed(region.namespaces().get(0));
            }
            region.seed = region.namespaces().get(0);
        }
        region.createClaimSeeds();
        for (Namespace ns : List.copyOf(region.namespaces())) {
            if (ns.size > 0) {
                ndPmemProbe(ns);
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
            r.mappings().forEach(m -> state.put(m.dimm().name(), values(m.dimm())));
            state.put(r.name(), r.values());
            for (Namespace ns : r.namespaces()) {
                if (ns.configured()) {
                    state.put(stateName(ns), ns.values());
                }
            }
        }
        return state;
    }

    /** The names {@link #state(Collection)} shows this region's namespaces under. */
    public List<String> namespaceNames(Region r) {
        return r.namespaces().stream().filter(Namespace::configured).map(NvdimmBus::stateName).toList();
    }

    private static String stateName(Namespace ns) {
        return ns.userName() != null ? ns.userName() : ns.dev();
    }

    public List<Region> regions() {
        return List.copyOf(regions);
    }

    public Map<String, Object> values(Region r) {
        return r.values();
    }

    public Map<String, Object> values(Namespace ns) {
        return ns.values();
    }

    public Map<String, Object> values(Nvdimm d) {
        return d.values(facts.kernel());
    }

    // ---- sysfs writes, in the order ndctl performs them ----

    /** regionX/align. */
    public void alignStore(Region region, long val) throws NdException {
        region.alignStore(val, dmesg);
    }

    /** namespace_devs.c uuid_store → namespace_update_uuid(): an existing allocation follows the new uuid. */
    void uuidStore(Namespace ns, String uuid) {
        if (ns.uuid != null) {
            String oldId = DpaAllocator.labelId(ns.uuid);
            for (Mapping m : ns.region().mappings()) {
                m.dimm().resources().stream().filter(r -> r.owner.equals(oldId)).toList().forEach(r -> {
                    m.dimm().free(r);
                    m.dimm().allocate(DpaAllocator.labelId(uuid), r.start(), r.size());
                });
                m.dimm().labelIndex().ifPresent(i -> i.labels().replaceAll(l -> l.uuid().equals(ns.uuid)
                        ? new LabelIndex.Label(uuid, l.dpa(), l.rawsize()) : l));
            }
        }
        ns.uuid = uuid;
    }

    /** size_store(): __size_store(), then the label update, then "<val> fail|success (<rc>)". */
    void sizeStore(Namespace ns, long val) throws NdException {
        try {
            sizeStoreChecked(ns, val);
            labelUpdate(ns);
            dmesg.kernel("nd " + ns.dev() + ": " + Long.toHexString(val) + " success (0)");
        } catch (NdException e) {
            dmesg.kernel("nd " + ns.dev() + ": " + Long.toHexString(val) + " fail (-" + e.errno().number() + ")");
            throw e;
        }
    }

    /** namespace_devs.c __size_store(). */
    private void sizeStoreChecked(Namespace ns, long val) throws NdException {
        Region region = ns.region();
        if (ns.enabled || ns.claimDev != null) {
            throw new NdException(Errno.EBUSY, LibnvdimmRules.ALIGN_NS_SIZE, ns.dev() + " is active or claimed");
        }
        if (ns.uuid == null) {
            dmesg.kernel("nd " + ns.dev() + ": __size_store: uuid not set");
            throw new NdException(Errno.ENXIO, LibnvdimmRules.ALIGN_NS_SIZE, ns.dev() + ": uuid not set");
        }
        dmesg.applied(LibnvdimmRules.ALIGN_NS_SIZE);
        if (val % region.align() != 0) {
            String msg = val + " is not " + region.align() / 1024 + "K aligned";
            dmesg.kernel("nd " + ns.dev() + ": " + msg);
            throw new NdException(Errno.EINVAL, LibnvdimmRules.ALIGN_NS_SIZE, ns.dev() + ": " + msg);
        }
        String labelId = DpaAllocator.labelId(ns.uuid);
        long allocated = 0;
        for (Mapping m : region.mappings()) {
            if (!m.dimm().hasDriverData()) {
                // every DIMM of the interleave set must be enabled for the size to change
                throw new NdException(Errno.ENXIO, LibnvdimmRules.ALIGN_NS_SIZE,
                        ns.dev() + ": " + m.dimm().name() + " has no driver data");
            }
            allocated += DpaAllocator.allocated(m, labelId);
        }
        long available = region.allocatableDpa(dmesg);
        dmesg.applied(LibnvdimmRules.NS_NO_SPACE);
        if (val > available + allocated) {
            throw new NdException(Errno.ENOSPC, LibnvdimmRules.NS_NO_SPACE, ns.dev() + ": " + val
                    + " exceeds the largest free extent " + available);
        }
        if (val == allocated) {
            return;
        }
        int ways = region.mappings().size();
        long perDimm = val / ways;
        long allocatedPerDimm = allocated / ways;
        for (Mapping m : region.mappings()) {
            if (perDimm < allocatedPerDimm) {
                DpaAllocator.scanFree(m, labelId, allocatedPerDimm - perDimm);
            } else if (DpaAllocator.scanAllocate(region, m, labelId, perDimm - allocatedPerDimm) != 0) {
                throw new NdException(Errno.ENXIO, LibnvdimmRules.NS_NO_SPACE, region.dev() + ": allocation underrun");
            }
        }
        ns.size = perDimm * ways;
        setResource(ns);
        if (val == 0 && ns.id() != 0 && region.seed != ns) {
            region.removeNamespace(ns); // nd_device_unregister(): the id returns to the ida
        }
    }

    /** nd_namespace_pmem_set_resource(): the SPA offset follows the DPA offset of the first extent. */
    private static void setResource(Namespace ns) {
        Region region = ns.region();
        Mapping m0 = region.mappings().get(0);
        long offset = m0.dimm().firstExtent(DpaAllocator.labelId(ns.uuid))
                .map(r -> (r.start() - m0.start()) * region.mappings().size()).orElse(0L);
        ns.start = region.start() + offset;
    }

    /** label.c nd_pmem_namespace_label_update(): one label per DIMM; a new one needs a free slot. */
    private void labelUpdate(Namespace ns) throws NdException {
        String labelId = DpaAllocator.labelId(ns.uuid);
        for (Mapping m : ns.region().mappings()) {
            if (ns.size == 0) {
                m.dimm().labelIndex().ifPresent(i -> i.labels().removeIf(l -> l.uuid().equals(ns.uuid)));
                continue; // del_labels()
            }
            LabelIndex index = initLabels(m);
            boolean existing = index.labels().removeIf(l -> l.uuid().equals(ns.uuid));
            dmesg.applied(LibnvdimmRules.NS_LABEL_SLOTS);
            if (!existing && index.free() == 0) {
                throw new NdException(Errno.ENXIO, LibnvdimmRules.NS_LABEL_SLOTS,
                        m.dimm().name() + ": no free label slot");
            }
            long dpa = m.dimm().firstExtent(labelId).orElseThrow().start();
            index.labels().add(new LabelIndex.Label(ns.uuid, dpa, ns.size / ns.region().mappings().size()));
        }
    }

    /**
     * label.c init_labels(): a DIMM of the set without a valid index (ns_current == -1) gets one written now.
     * Its label size is the one nd_label_validate() tried last, 256 bytes, so the index is v1.2.
     */
    private LabelIndex initLabels(Mapping m) {
        Nvdimm dimm = m.dimm();
        if (dimm.labelIndex().isEmpty()) {
            LabelIndex fresh = LabelIndex.initialized(dimm.spec().labelAreaSize(), 2);
            media.writeLabelIndex(dimm.name(), fresh);
            dimm.indexWritten(fresh);
        }
        return dimm.labelIndex().orElseThrow();
    }

    /** ndctl_namespace_delete(): size 0 frees the DPA and the labels; a non-seed, non-0 namespace goes away. */
    void deleteNamespace(Namespace ns) throws NdException {
        sizeStore(ns, 0);
        ns.uuid = null;
    }

    /**
     * Unbinds the namespace (and the device claiming it), as ndctl_namespace_disable_safe() does. An fsdax pfn
     * device without data (npfns 0, which kernels before "Prevent the creation of zero-sized namespaces" let
     * nd_pfn_init() write) takes the kernel down: nd_pmem's release of its empty pgmap faults in memunmap_pages()
     * (t612c; a devdax one unbinds cleanly).
     */
    void disable(Namespace ns) throws NdException {
        if (ns.enabled && ns.mode == NamespaceMode.FSDAX && ns.infoblock instanceof Infoblock.Pfn pfn
                && pfn.npfns() == 0 && !facts.kernel().pfnZeroSizeChecks()) {
            String msg = ns.claimDev + ": unbinding an fsdax device without data crashes kernel "
                    + facts.kernel().name() + " in memunmap_pages; not modelled past this";
            dmesg.kernel("BUG: unable to handle page fault");
            dmesg.advise(LibnvdimmRules.PFN_ZERO_SIZE_OOPS, msg);
            throw new NdException(null, LibnvdimmRules.PFN_ZERO_SIZE_OOPS, msg);
        }
        if (ns.claimDev != null) {
            ns.region().releaseClaimDevice(ns.claimDev);
        }
        ns.enabled = false;
        ns.mode = NamespaceMode.RAW;
        ns.claimDev = null;
        ns.infoblock = null;
        ns.bttSize = 0;
    }

    /** ndctl zero_info_block(): the namespace's first 8K are zeroed; says whether they held an infoblock. */
    boolean zeroInfoblock(Namespace ns) {
        forceRawEnable(ns);
        boolean had = media.infoblock(ns.mediaKey()).isPresent();
        media.zeroInfoblock(ns.mediaKey());
        return had;
    }

    /** ndctl writes a namespace's first bytes through a force_raw enable of it (no infoblock probing). */
    void forceRawEnable(Namespace ns) {
        attachDisk(ns.region(), ns.dev());
    }

    /** Binds nd_pmem to the namespace itself (ndctl_namespace_enable); a failed probe is ENXIO to ndctl. */
    void enableRaw(Namespace ns) throws NdException {
        Rule refused = ndPmemProbe(ns);
        if (!ns.enabled) {
            throw new NdException(Errno.ENXIO, refused, ns.dev() + ": failed to enable");
        }
    }

    /**
     * The pfn/dax seed claims the namespace (claim.c nd_namespace_store) and is enabled: nd_pmem (fsdax) or
     * dax_pmem (devdax) probe it, and nvdimm_setup_pfn() → nd_pfn_init() validates or writes the infoblock.
     */
    void enablePfn(Namespace ns, NamespaceMode mode, Infoblock.PfnMode location, long align, String uuid)
            throws NdException {
        boolean dax = mode == NamespaceMode.DEVDAX;
        String kind = dax ? "dax" : "pfn";
        String dev = ns.region().claimSeed(kind);
        namespaceStore(dev, ns);
        Pfn.Device live = new Pfn.Device((dax ? "dax_pmem " : "nd_pmem ") + dev,
                dax ? Infoblock.DAX_SIG : Infoblock.PFN_SIG, uuid, align, location);
        try {
            Infoblock.Pfn sb = Pfn.init(live, ns, media, facts, dmesg);
            Pfn.map(ns, sb, facts, dmesg);
            ns.infoblock = sb;
        } catch (NdException e) {
            probeFailed(dax ? "dax_pmem" : "nd_pmem", dev, e);
            throw e;
        }
        if (!dax) {
            attachDisk(ns.region(), dev);
        }
        ns.region().advanceClaimSeed(kind);
        claimed(ns, mode, dev);
    }

    /**
     * The {@code claim} step: by hand in sysfs, the pfn/dax seed gets a uuid (the media infoblock's, or a fresh
     * one), mode, align and the namespace, and is bound. A namespace nd_pmem holds cannot be claimed.
     */
    public void claim(Namespace ns, Action.Claim a) throws NdException {
        dmesg.applied(LibnvdimmRules.CLAIM_ACTIVE);
        if (ns.enabled) {
            throw new NdException(Errno.EBUSY, LibnvdimmRules.CLAIM_ACTIVE, ns.dev() + " is enabled");
        }
        String uuid = a.infoblockUuid() && media.infoblock(ns.mediaKey()).orElse(null) instanceof Infoblock.Pfn sb
                ? sb.uuid() : media.newUuid();
        enablePfn(ns, a.mode() == null ? NamespaceMode.FSDAX : a.mode(),
                a.map() == PfnMap.MEM ? Infoblock.PfnMode.RAM : Infoblock.PfnMode.PMEM,
                a.align() == null ? facts.defaultPfnAlign() : a.align(), uuid);
    }

    /** The btt seed claims the namespace and nd_pmem probes it: nvdimm_namespace_attach_btt(). */
    void enableBtt(Namespace ns, long lbasize, String uuid) throws NdException {
        String dev = ns.region().claimSeed("btt");
        namespaceStore(dev, ns);
        Infoblock.Btt sb = new Infoblock.Btt(uuid, ns.parentUuid(), bttVersion(ns), lbasize);
        try {
            attachBtt(ns, sb, "nd_pmem " + dev);
        } catch (NdException e) {
            probeFailed("nd_pmem", dev, e);
            ns.claimDev = dev; // ndctl has no way to detach a btt: its claim stays and blocks size changes
            throw e;
        }
        media.writeInfoblock(ns.mediaKey(), sb);
        ns.region().advanceClaimSeed("btt");
        claimed(ns, NamespaceMode.SECTOR, dev);
    }

    /**
     * namespace_devs.c btt_claim_class(): v1.1 labels (or a DIMM without driver data) mean BTT v1.1 at 4K;
     * v1.2 labels or no index at all mean BTT v2.0 at 0; a region without mappings (legacy e820) never enters
     * the loop and gets BTT v1.1.
     */
    private static int bttVersion(Namespace ns) {
        if (ns.region().mappings().isEmpty()) {
            return 1;
        }
        for (Mapping m : ns.region().mappings()) {
            if (!m.dimm().hasDriverData()) {
                return 1;
            }
            if (m.dimm().labelIndex().map(i -> i.versionMinor() == 1).orElse(false)) {
                return 1;
            }
        }
        return 2;
    }

    /** claim.c nd_namespace_store(): a claim device needs a namespace of at least 16M. */
    private void namespaceStore(String dev, Namespace ns) throws NdException {
        dmesg.applied(LibnvdimmRules.NS_CLAIM_SIZE);
        if (ns.size < Pfn.MIN_CLAIM_SIZE) {
            dmesg.kernel("nd " + dev + ": " + ns.dev() + " too small to host");
            throw new NdException(Errno.ENXIO, LibnvdimmRules.NS_CLAIM_SIZE, ns.dev() + " too small to host");
        }
    }

    /** btt.c nvdimm_namespace_attach_btt(): the raw size after the initial offset must hold one arena. */
    private void attachBtt(Namespace ns, Infoblock.Btt sb, String prefix) throws NdException {
        long rawsize = ns.size - sb.initialOffset();
        dmesg.applied(LibnvdimmRules.BTT_MIN_SIZE);
        if (rawsize < Btt.ARENA_MIN_SIZE) {
            String msg = ns.dev() + " must be at least " + (Btt.ARENA_MIN_SIZE + sb.initialOffset()) + " bytes";
            dmesg.kernel(prefix + ": " + msg);
            throw new NdException(Errno.ENXIO, LibnvdimmRules.BTT_MIN_SIZE, msg);
        }
        dmesg.applied(LibnvdimmRules.BTT_CAPACITY);
        if (media.infoblock(ns.mediaKey()).orElse(null) != sb) {
            // discover_arenas() found none: btt_init() lays the arenas out
            dmesg.kernel(prefix + ": No existing arenas");
            dmesg.kernel(prefix + ": init: " + Btt.arenas(rawsize) + " arenas for " + rawsize + " rawsize");
        }
        ns.infoblock = sb;
        ns.bttSize = Btt.capacity(rawsize, sb.lbasize());
    }

    /** A claim device is enabled: it holds the namespace, and the region advances its seeds. */
    private void claimed(Namespace ns, NamespaceMode mode, String dev) {
        ns.mode = mode;
        ns.claimDev = dev;
        ns.enabled = true;
        advanceNamespaceSeed(ns);
    }

    /** nd_region_advance_seeds(): the seed became active, so a new empty namespace takes the lowest free id. */
    private void advanceNamespaceSeed(Namespace ns) {
        Region region = ns.region();
        if (region.seed != ns) {
            return;
        }
        Namespace seed = new Namespace(region, lowestFreeId(region), false);
        region.addNamespace(seed);
        region.seed = seed;
        seedProbed(seed);
    }

    /**
     * bus.c nvdimm_bus_probe(): a probe that ends -EOPNOTSUPP advances the seeds as a success does ("the
     * namespace is there, only this kernel cannot use it"), so the region offers a new idle namespace (observed on
     * Linux 6.1.192 pseries: namespace0.2 after namespace0.0's devdax infoblock was refused, p04).
     */
    private void unusableProbed(Namespace ns) {
        dmesg.applied(LibnvdimmRules.PROBE_EOPNOTSUPP_SEED);
        advanceNamespaceSeed(ns);
    }

    /** nvdimm_namespace_common_probe() refuses every new empty seed namespace. */
    private void seedProbed(Namespace seed) {
        dmesg.kernel("nd_pmem " + seed.dev() + ": " + Align.pa(0) + ", too small must be at least "
                + Align.hex(facts.pageSize()));
    }

    /** The namespace ida of the region: the lowest id no namespace holds, in one pass over them. */
    private static int lowestFreeId(Region region) {
        BitSet used = new BitSet(region.namespaces().size());
        for (Namespace n : region.namespaces()) {
            used.set(n.id());
        }
        return used.nextClearBit(0);
    }

    /** drivers/base/dd.c really_probe(): -ENODEV/-ENXIO are a quiet "rejects match", others a warning. */
    private void probeFailed(String driver, String dev, NdException e) {
        if (!e.kernelCrashed() && e.errno() != Errno.ENXIO && e.errno() != Errno.ENODEV) {
            dmesg.kernel(driver + ": probe of " + dev + " failed with error -" + e.errno().number());
        }
    }

    /**
     * pmem.c nd_pmem_probe() on a namespace: a BTT, pfn or dax infoblock makes that personality take it;
     * an infoblock this kernel cannot use fails the probe (-EOPNOTSUPP, no raw fallback); none means raw.
     */
    private Rule ndPmemProbe(Namespace ns) {
        if (ns.size < facts.pageSize()) {
            return LibnvdimmRules.NDCTL_ENABLE; // nvdimm_namespace_common_probe(): -ENODEV, too small
        }
        Optional<Infoblock> onMedia = media.infoblock(ns.mediaKey());
        Region region = ns.region();
        if (onMedia.orElse(null) instanceof Infoblock.Btt btt && btt.parentUuid().equals(ns.parentUuid())) {
            String dev = region.allocateClaimDevice("btt");
            try {
                attachBtt(ns, btt, "nd_pmem " + dev);
                claimed(ns, NamespaceMode.SECTOR, dev);
                return null;
            } catch (NdException e) {
                region.releaseClaimDevice(dev);
                probeFailed("nd_pmem", dev, e);
                return e.rule();
            }
        }
        for (NamespaceMode mode : List.of(NamespaceMode.FSDAX, NamespaceMode.DEVDAX)) {
            boolean dax = mode == NamespaceMode.DEVDAX;
            String dev = region.allocateClaimDevice(dax ? "dax" : "pfn");
            // the probe's device is not registered on the bus yet: dev_err() prints it with an empty prefix
            // (" pfn1.1: bad offset: ...", observed on Linux 6.1.192, docs/kernel-observations t14)
            Pfn.Device probing = new Pfn.Device(" " + dev, dax ? Infoblock.DAX_SIG : Infoblock.PFN_SIG, null,
                    facts.defaultPfnAlign(), null);
            try {
                Infoblock.Pfn sb = Pfn.validate(probing, ns, onMedia, facts, dmesg);
                Pfn.map(ns, sb, facts, dmesg);
                ns.infoblock = sb;
                if (!dax) {
                    attachDisk(region, dev);
                }
                claimed(ns, mode, dev);
                return null;
            } catch (NdException e) {
                region.releaseClaimDevice(dev);
                if (e.kernelCrashed()) {
                    return e.rule(); // nothing falls back
                }
                if (e.errno() == Errno.EOPNOTSUPP) {
                    probeFailed("nd_pmem", ns.dev(), e);
                    unusableProbed(ns);
                    return e.rule();
                }
            }
        }
        // the compat check of nvdimm_namespace_common_probe() came with 5.7 (seed S1:5820, v4 3/5)
        if (region.pagemap() && facts.kernel().crossArchAlign() && !pagemapAligned(ns)) {
            unusableProbed(ns);
            return LibnvdimmRules.PAGEMAP_COMPAT_ALIGN;
        }
        attachDisk(region, ns.dev());
        ns.enabled = true;
        ns.mode = NamespaceMode.RAW;
        advanceNamespaceSeed(ns);
        return null;
    }

    /** ndctl enable-namespace: nd_pmem probes the namespace; says which rule refused it, or null. */
    Rule enable(Namespace ns) {
        return ns.enabled ? null : ndPmemProbe(ns);
    }

    /**
     * nvdimm_namespace_common_probe(): a raw namespace that pmem_should_map_pages() maps with struct pages
     * (a legacy PAGEMAP region) must start and end on memremap_compat_align(); no fallback exposes it.
     */
    private boolean pagemapAligned(Namespace ns) {
        dmesg.applied(LibnvdimmRules.PAGEMAP_COMPAT_ALIGN);
        long end = ns.start + ns.size;
        if (Align.is(ns.start | end, facts.memremapCompatAlign())) {
            return true;
        }
        dmesg.kernel("nd_pmem " + ns.dev() + ": " + Align.memResource(ns.start, end - 1)
                + " misaligned, unable to map");
        dmesg.kernel("nd_pmem: probe of " + ns.dev() + " failed with error -" + Errno.EOPNOTSUPP.number());
        return false;
    }

    /** pmem.c pmem_attach_disk(): nvdimm_has_flush() is -ENXIO for a region without DIMM mappings. */
    private void attachDisk(Region region, String dev) {
        if (region.mappings().isEmpty()) {
            dmesg.applied(LibnvdimmRules.FLUSH_UNKNOWN);
            dmesg.kernel("nd_pmem " + dev + ": unable to guarantee persistence of writes");
        }
    }
}
