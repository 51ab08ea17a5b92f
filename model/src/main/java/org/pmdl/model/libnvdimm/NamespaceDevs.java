package org.pmdl.model.libnvdimm;

import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import org.pmdl.model.kernel.Errno;
import org.pmdl.model.platform.PlatformFacts;
import org.pmdl.model.rules.Rule;

/**
 * drivers/nvdimm/namespace_devs.c: a region's namespace devices: found from labels at probe, their uuid and
 * size attributes with the DPA allocation behind them, the seed, and the checks every namespace probe shares.
 */
public final class NamespaceDevs {
    /** pmem_lbasize_supported: the sector sizes a pmem namespace offers. */
    public static final List<Long> PMEM_LBASIZES = List.of(512L, 4096L);

    private final PlatformFacts facts;
    private final Dmesg dmesg;
    private final Labels labels;

    NamespaceDevs(PlatformFacts facts, Dmesg dmesg, Labels labels) {
        this.facts = facts;
        this.dmesg = dmesg;
        this.labels = labels;
    }

    /**
     * nd_region_register_namespaces(): one namespace_io covering a label-less region; in a labelled one
     * scan_labels() makes a namespace per label set in DPA order, or one empty seed when there is none, and
     * the first is the region's seed.
     */
    void register(Region region) {
        dmesg.applied(LibnvdimmRules.REGION_NSTYPE);
        if (region.nstype() == Region.NSTYPE_IO) {
            Namespace ns = new Namespace(region, 0, true);
            ns.start = region.start();
            ns.size = region.size();
            region.addNamespace(ns);
            return;
        }
        // scan_labels() reads mapping 0's labels only; a DIMM there without an index has none
        Mapping m0 = region.mappings().get(0);
        List<LabelIndex.Label> found = m0.dimm().labelIndex().map(LabelIndex::labels).orElse(List.of())
                .stream().filter(l -> l.dpa() >= m0.start() && l.dpa() <= m0.end())
                .sorted(Comparator.comparingLong(LabelIndex.Label::dpa)).toList();
        for (LabelIndex.Label label : found) {
            Namespace ns = new Namespace(region, region.namespaces().size(), false);
            ns.uuid = label.uuid();
            ns.lbasize = label.lbasize(); // create_namespace_pmem(): from label0
            ns.altName = label.name();
            ns.size = label.rawsize() * region.mappings().size();
            setResource(ns);
            region.addNamespace(ns);
        }
        if (found.isEmpty()) {
            dmesg.kernel("nd_region " + region.dev() + ": discovered 0 "
                    + (facts.kernel().blkNamespaces() ? "pmem " : "") + "namespaces");
            region.addNamespace(new Namespace(region, 0, false));
            seedProbed(region.namespaces().get(0));
        }
        region.seed = region.namespaces().get(0);
    }

    /** uuid_store → namespace_update_uuid(): an existing allocation follows the new uuid. */
    public void uuidStore(Namespace ns, String uuid) {
        if (ns.uuid != null) {
            String oldId = DpaAllocator.labelId(ns.uuid);
            for (Mapping m : ns.region().mappings()) {
                m.dimm().resources().stream().filter(r -> r.ownedBy(oldId)).toList().forEach(r -> {
                    m.dimm().free(r);
                    m.dimm().allocate(DpaAllocator.labelId(uuid), r.start(), r.size());
                });
                m.dimm().labelIndex().ifPresent(i -> i.labels().replaceAll(l -> l.uuid().equals(ns.uuid)
                        ? l.withUuid(uuid) : l));
            }
        }
        ns.uuid = uuid;
    }

    /**
     * sector_size_store() of a pmem namespace: nd_size_select_store() takes one of pmem_lbasize_supported, then
     * nd_namespace_label_update() writes it into the labels. ndctl writes it only to an idle namespace (the
     * kernel's EBUSY for a bound or claimed one is never reached) and only a supported size.
     */
    public void sectorSizeStore(Namespace ns, long lbasize) throws NdException {
        ns.lbasize = lbasize;
        labelUpdate(ns);
    }

    /**
     * alt_name_store() → __alt_name_store(): the name, stripped of surrounding blanks (strim), then the label update.
     * ndctl writes it only to an idle pmem namespace and refuses a name of NSLABEL_NAME_LEN or more itself, so the
     * kernel's ENXIO (namespace_io), EBUSY and EINVAL are never reached.
     */
    public void altNameStore(Namespace ns, String name) throws NdException {
        ns.altName = name.strip();
        labelUpdate(ns);
    }

    /**
     * force_raw_store(): any namespace, enabled or not, takes the flag at once; it only changes what the next probe
     * does (nd_btt_probe, nd_pfn_probe and nd_dax_probe return -ENODEV, pmem_should_map_pages() is false). It lives
     * in the device, not in the labels: a reboot clears it.
     */
    public void forceRawStore(Namespace ns, boolean forceRaw) {
        ns.forceRaw = forceRaw;
    }

    /** nd_namespace_label_update(): a namespace without a uuid has no label to write yet. */
    private void labelUpdate(Namespace ns) throws NdException {
        if (ns.uuid != null) {
            labels.update(ns);
        }
    }

    /**
     * size_store(): __size_store(), then the label update, then "<val> fail|success (<rc>)". Size 0 is
     * "delete namespace": the uuid goes too.
     */
    public void sizeStore(Namespace ns, long val) throws NdException {
        try {
            sizeStoreChecked(ns, val);
            labels.update(ns);
            if (val == 0) {
                ns.uuid = null;
            }
            dmesg.kernel("nd " + ns.dev() + ": " + Long.toHexString(val) + " success (0)");
        } catch (NdException e) {
            dmesg.kernel("nd " + ns.dev() + ": " + Long.toHexString(val) + " fail (-" + e.errno().number() + ")");
            throw e;
        }
    }

    /** __size_store(). */
    private void sizeStoreChecked(Namespace ns, long val) throws NdException {
        Region region = ns.region();
        if (ns.enabled || ns.claimDev != null) {
            throw new NdException(Errno.EBUSY, LibnvdimmRules.NS_SIZE_BUSY,
                    LibnvdimmRules.NS_SIZE_BUSY.message(ns.dev()));
        }
        if (ns.uuid == null) {
            dmesg.kernel("nd " + ns.dev() + ": __size_store: uuid not set");
            throw new NdException(Errno.ENXIO, LibnvdimmRules.NS_SIZE_UUID,
                    LibnvdimmRules.NS_SIZE_UUID.message(ns.dev()));
        }
        dmesg.applied(LibnvdimmRules.ALIGN_NS_SIZE);
        if (val % region.align() != 0) {
            String msg = LibnvdimmRules.ALIGN_NS_SIZE.message(ns.dev(), val, region.align() / 1024);
            dmesg.kernel("nd " + msg);
            throw new NdException(Errno.EINVAL, LibnvdimmRules.ALIGN_NS_SIZE, msg);
        }
        String labelId = DpaAllocator.labelId(ns.uuid);
        long allocated = 0;
        for (Mapping m : region.mappings()) {
            if (!m.dimm().hasDriverData()) {
                // every DIMM of the interleave set must be enabled for the size to change
                throw new NdException(Errno.ENXIO, LibnvdimmRules.NS_SIZE_DIMM_DISABLED,
                        LibnvdimmRules.NS_SIZE_DIMM_DISABLED.message(ns.dev(), m.dimm().name()));
            }
            allocated += DpaAllocator.allocated(m, labelId);
        }
        long available = region.allocatableDpa(dmesg);
        dmesg.applied(LibnvdimmRules.NS_NO_SPACE);
        if (val > available + allocated) {
            throw new NdException(Errno.ENOSPC, LibnvdimmRules.NS_NO_SPACE, LibnvdimmRules.NS_NO_SPACE.message(
                    ns.dev(), val + " exceeds the largest free extent " + available));
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
                throw new NdException(Errno.ENXIO, LibnvdimmRules.NS_NO_SPACE,
                        LibnvdimmRules.NS_NO_SPACE.message(region.dev(), "allocation underrun"));
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

    /**
     * btt_claim_class(): v1.1 labels (or a DIMM without driver data) mean BTT v1.1 at 4K; v1.2 labels or no
     * index at all mean BTT v2.0 at 0; a region without mappings (legacy e820) never enters the loop and gets
     * BTT v1.1.
     */
    static int bttClaimClass(Namespace ns) {
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

    /**
     * region_devs.c nd_region_advance_seeds() → nd_region_create_ns_seed(): the seed became active, so a new
     * empty namespace takes the lowest free id.
     */
    void advanceSeed(Namespace ns) {
        Region region = ns.region();
        if (region.seed != ns) {
            return;
        }
        Namespace seed = new Namespace(region, lowestFreeId(region), false);
        region.addNamespace(seed);
        region.seed = seed;
        seedProbed(seed);
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

    /**
     * nvdimm_namespace_common_probe(): a raw namespace that pmem_should_map_pages() maps with struct pages
     * (a legacy PAGEMAP region) must start and end on memremap_compat_align(); no fallback exposes it. Returns the
     * rule that refuses the probe, or null when the namespace is aligned.
     */
    Rule pagemapMisaligned(Namespace ns) {
        dmesg.applied(LibnvdimmRules.PAGEMAP_COMPAT_ALIGN);
        long end = ns.start + ns.size;
        if (Align.is(ns.start | end, facts.memremapCompatAlign())) {
            return null;
        }
        dmesg.kernel("nd_pmem " + ns.dev() + ": " + Align.memResource(ns.start, end - 1)
                + " misaligned, unable to map");
        dmesg.kernel("nd_pmem: probe of " + ns.dev() + " failed with error -" + Errno.EOPNOTSUPP.number());
        return LibnvdimmRules.PAGEMAP_COMPAT_ALIGN;
    }
}
