package org.pmdl.model.libnvdimm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.pmdl.model.kernel.Errno;
import org.pmdl.model.platform.PlatformFacts;
import org.pmdl.model.topology.PersistenceDomain;
import org.pmdl.model.topology.RegionSpec;

/** A booted pmem region: struct nd_region and the capacity functions of region_devs.c / dimm_devs.c. */
public final class Region {
    /** ND_DEVICE_NAMESPACE_IO / _PMEM (include/uapi/linux/ndctl.h). */
    public static final int NSTYPE_IO = 4;
    static final int NSTYPE_PMEM = 5;
    /** region_devs.c MEMREMAP_COMPAT_ALIGN_MAX. */
    static final long MEMREMAP_COMPAT_ALIGN_MAX = 16 * PlatformFacts.M;

    private final RegionSpec spec;
    private final int id;
    /** The device name, fixed at registration (name lookups read it). */
    private final String dev;
    private final List<Mapping> mappings;
    private final PersistenceDomain persistence;
    private final PlatformFacts facts;
    private long align;
    /** nd_region->ro: the provider's at creation (a read-only region, an unarmed DIMM), then regionN/read_only. */
    private boolean ro;
    /** Whether nd_region is bound to its driver: ndctl disable-region unbinds it. */
    private boolean enabled = true;
    /** The scenario's names of the namespaces a disable took away, by media key, for the enable that finds them. */
    Map<Object, String> namesWhileDisabled = Map.of();
    private final List<Namespace> namespaces = new ArrayList<>();
    /**
     * The namespaces by user name and by device name, the first in registration order winning as in a scan;
     * null after any change. Name lookups run on every namespace step and expectation of a scenario.
     */
    private Map<String, Namespace> byName;
    /** ns_seed: the idle namespace ndctl configures next (null for a label-less region). */
    Namespace seed;
    /** Ids in use per claim device kind ("btt", "pfn", "dax"): the seed's and those of live devices (their ida). */
    private final Map<String, Set<Integer>> claimIds = new LinkedHashMap<>();
    private final Map<String, Integer> claimSeed = new LinkedHashMap<>();

    Region(RegionSpec spec, int id, List<Mapping> mappings, PersistenceDomain persistence, PlatformFacts facts,
            Dmesg dmesg) {
        this.spec = spec;
        this.id = id;
        this.dev = "region" + id;
        this.mappings = List.copyOf(mappings);
        this.persistence = persistence;
        this.facts = facts;
        this.align = defaultAlign(dmesg);
        this.ro = spec.readOnly();
    }

    public String name() {
        return spec.name();
    }

    public String dev() {
        return dev;
    }

    int id() {
        return id;
    }

    public List<Mapping> mappings() {
        return mappings;
    }

    /** The registered namespaces, in registration order (read-only: the methods below change them). */
    public List<Namespace> namespaces() {
        return Collections.unmodifiableList(namespaces); // a view made per call: a copied run gets its own
    }

    /** A new namespace comes last, so it only takes the names nobody holds yet. */
    void addNamespace(Namespace ns) {
        namespaces.add(ns);
        if (byName != null) {
            index(ns);
        }
    }

    void removeNamespace(Namespace ns) {
        namespaces.remove(ns);
        byName = null;
    }

    void clearNamespaces() {
        namespaces.clear();
        byName = null;
    }

    /**
     * A namespace's user name changed from {@code previous}: a first name nobody holds joins the index (the
     * create path); losing or changing a name, or sharing one, makes the index rebuild on the next lookup.
     */
    void renamed(Namespace ns, String previous) {
        if (byName == null || ns.userName() == null && previous == null) {
            return;
        }
        if (previous != null || byName.putIfAbsent(ns.userName(), ns) != null) {
            byName = null;
        }
    }

    /** The first namespace whose user name or device name this is, or null. */
    Namespace namespace(String name) {
        if (byName == null) {
            byName = new HashMap<>();
            namespaces.forEach(this::index);
        }
        return byName.get(name);
    }

    private void index(Namespace ns) {
        if (ns.userName() != null) {
            byName.putIfAbsent(ns.userName(), ns);
        }
        byName.putIfAbsent(ns.dev(), ns);
    }

    public long start() {
        return spec.spaBase();
    }

    public long size() {
        return spec.size();
    }

    public long align() {
        return align;
    }

    public boolean readOnly() {
        return ro;
    }

    /**
     * region_devs.c read_only_store(): kstrtobool() of what is written, here a number's decimal text, so its
     * first digit decides (1: read-only, 0: read-write, anything else EINVAL).
     */
    void readOnlyStore(long value, Dmesg dmesg) throws NdException {
        dmesg.applied(LibnvdimmRules.REGION_READ_ONLY_STORE);
        char first = Long.toString(value).charAt(0);
        if (first != '0' && first != '1') {
            throw new NdException(Errno.EINVAL, LibnvdimmRules.REGION_READ_ONLY_STORE,
                    LibnvdimmRules.REGION_READ_ONLY_STORE.message(value, dev()));
        }
        ro = first == '1';
    }

    public boolean enabled() {
        return enabled;
    }

    void enabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** ND_REGION_PAGEMAP: a legacy e820 range, without DIMMs. */
    boolean pagemap() {
        return spec.pagemap();
    }

    /** nd_region_to_nstype(): labelled namespaces if any mapping DIMM has NDD_LABELING. */
    public int nstype() {
        for (Mapping m : mappings) {
            if (m.dimm().labeling()) {
                return NSTYPE_PMEM;
            }
        }
        return NSTYPE_IO;
    }

    /** Whether regionX/align exists: it came with the 5.7 cross-arch alignment series. */
    public boolean hasAlignAttribute() {
        return facts.kernel().crossArchAlign();
    }

    /**
     * region_devs.c default_align(); before regionX/align existed, __size_store()'s granule PAGE_SIZE x ways
     * plays its part (the removed line of seed S1:5574 v4 5/5: div_u64_rem(val, PAGE_SIZE * ndr_mappings)).
     */
    private long defaultAlign(Dmesg dmesg) {
        int ways = Math.max(1, mappings.size());
        if (!hasAlignAttribute()) {
            dmesg.applied(LibnvdimmRules.ALIGN_PAGE_WAYS);
            return facts.pageSize() * ways;
        }
        dmesg.applied(LibnvdimmRules.ALIGN_REGION_DEFAULT);
        long a = MEMREMAP_COMPAT_ALIGN_MAX;
        if (facts.kernel().smallRegionAlignFallback() && size() < MEMREMAP_COMPAT_ALIGN_MAX) {
            a = facts.pageSize();
        }
        if (a % ways != 0) {
            a *= ways;
        }
        return a;
    }

    /** region_devs.c align_store(): checks the per-mapping share, then stores under the bus lock. */
    void alignStore(long val, Dmesg dmesg) throws NdException {
        if (!hasAlignAttribute()) {
            dmesg.applied(LibnvdimmRules.ALIGN_PAGE_WAYS);
            throw new NdException(Errno.ENOENT, LibnvdimmRules.ALIGN_PAGE_WAYS,
                    LibnvdimmRules.ALIGN_PAGE_WAYS.message(dev(), facts.kernel().name()));
        }
        dmesg.applied(LibnvdimmRules.ALIGN_REGION_STORE);
        if (mappings.isEmpty() && !facts.kernel().regionAlignWithoutMappings()) {
            throw new NdException(Errno.ENXIO, LibnvdimmRules.ALIGN_REGION_STORE, LibnvdimmRules.ALIGN_REGION_STORE
                    .message(dev(), "needs interleave mappings on kernel " + facts.kernel().name()));
        }
        int ways = Math.max(1, mappings.size());
        long dpa = val / ways;
        long remainder = val % ways;
        if (!Align.isPowerOf2(dpa) || dpa < facts.pageSize() || val > size() || remainder != 0) {
            throw new NdException(Errno.EINVAL, LibnvdimmRules.ALIGN_REGION_STORE, LibnvdimmRules.ALIGN_REGION_STORE
                    .message(dev(), Align.hex(val) + " refused (per-mapping " + dpa + ", region size " + size() + ")"));
        }
        align = val;
    }

    /**
     * dimm_devs.c dpa_align(): the per-DIMM granule. Its "invalid region align" guard cannot fire here:
     * default_align() and align_store() only ever set an align that the mapping count divides.
     */
    long dpaAlign() {
        return align / mappings.size();
    }

    /** region_devs.c nd_region_available_dpa(): available_size. */
    long availableDpa(Dmesg dmesg) {
        dmesg.applied(LibnvdimmRules.REGION_AVAILABLE);
        long available = 0;
        for (Mapping m : mappings) {
            if (!m.dimm().hasDriverData()) {
                return 0;
            }
            available += pmemAvailableDpa(m, dmesg);
        }
        return available;
    }

    /** dimm_devs.c nd_pmem_available_dpa(): busy extents count expanded outward to the DPA granule. */
    private long pmemAvailableDpa(Mapping m, Dmesg dmesg) {
        long a = dpaAlign();
        long busy = 0;
        for (Nvdimm.DpaResource res : m.dimm().resources()) {
            long start = Align.down(res.start(), a);
            long end = Align.up(res.end() + 1, a) - 1;
            if (start >= m.start() && start < m.end()) {
                if (end > m.end()) {
                    dmesg.kernel("nd " + dev() + ": " + m.dimm().name() + ": misaligned to iset");
                    return 0;
                }
                busy += end - start + 1;
            } else if (end >= m.start() && end <= m.end()) {
                busy += end - start + 1;
            } else if (m.start() > start && m.start() < end) {
                busy += m.size();
            }
        }
        return busy < m.size() ? Align.down(m.size() - busy, a) : 0;
    }

    /** region_devs.c nd_region_allocatable_dpa(): max_available_extent. */
    public long allocatableDpa(Dmesg dmesg) {
        dmesg.applied(LibnvdimmRules.REGION_AVAILABLE);
        long avail = 0;
        for (Mapping m : mappings) {
            long contiguous = pmemMaxContiguousDpa(m, dmesg);
            avail = avail == 0 ? contiguous : (contiguous == 0 ? avail : Math.min(avail, contiguous));
        }
        return avail * mappings.size();
    }

    /**
     * dimm_devs.c nd_pmem_max_contiguous_dpa(): reserve all free space as "pmem-reserve" (__reserve_free_pmem),
     * measure the largest reserved extent trimmed inward to the granule, release the reservation.
     */
    private long pmemMaxContiguousDpa(Mapping m, Dmesg dmesg) {
        if (!m.dimm().hasDriverData()) {
            return 0;
        }
        long a = dpaAlign();
        long n = pmemAvailableDpa(m, dmesg);
        if (n == 0) {
            return 0;
        }
        long rem = DpaAllocator.scanAllocate(this, m, DpaAllocator.RESERVE, n);
        if (rem != 0) { // namespace_devs.c __reserve_free_pmem(): dev_WARN_ONCE, -ENXIO, and no extent at all
            dmesg.kernel("nd_region " + dev() + ": pmem reserve underrun: 0x" + Long.toHexString(n - rem) + " of 0x"
                    + Long.toHexString(n) + " bytes");
            m.dimm().freeAll(DpaAllocator.RESERVE);
            return 0;
        }
        long max = 0;
        for (Nvdimm.DpaResource res : m.dimm().resources()) {
            if (!res.ownedBy(DpaAllocator.RESERVE)) {
                continue;
            }
            long start = Align.up(res.start(), a);
            long end = Align.down(res.end() + 1, a) - 1;
            if (end >= start) {
                max = Math.max(max, end - start + 1);
            }
        }
        m.dimm().freeAll(DpaAllocator.RESERVE);
        return max;
    }

    /** nd_region_probe(): fresh btt/pfn/dax seeds, each taking id 0 of its ida. */
    void createClaimSeeds() {
        for (String kind : List.of("btt", "pfn", "dax")) {
            claimIds.put(kind, new TreeSet<>());
            claimSeed.put(kind, allocateClaimId(kind));
        }
    }

    /** The seed device of a kind, which ndctl configures next: "pfn0.0". */
    public String claimSeed(String kind) {
        return kind + id + "." + claimSeed.get(kind);
    }

    /** nd_pfn_probe() and friends: a device for an infoblock found on media takes the lowest free id. */
    String allocateClaimDevice(String kind) {
        return kind + id + "." + allocateClaimId(kind);
    }

    /** nd_region_advance_seeds(): the enabled seed becomes a device; a new seed takes the lowest free id. */
    void advanceClaimSeed(String kind) {
        claimSeed.put(kind, allocateClaimId(kind));
    }

    /** The claim device is unregistered and its id returns to the ida. */
    void releaseClaimDevice(String dev) {
        String kind = dev.substring(0, 3);
        claimIds.get(kind).remove(Integer.parseInt(dev.substring(dev.indexOf('.') + 1)));
    }

    private int allocateClaimId(String kind) {
        Set<Integer> used = claimIds.get(kind);
        int next = 0;
        while (used.contains(next)) {
            next++;
        }
        used.add(next);
        return next;
    }

    /** The namespace_seed attribute: the idle namespace ndctl configures next, or null. */
    public Namespace seed() {
        return seed;
    }

    PersistenceDomain persistence() {
        return persistence;
    }

    /** What sysfs and ndctl list show; reading decides nothing, so it records no rule and no log line. */
    Map<String, Object> values() {
        Dmesg reading = new Dmesg();
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("dev", dev());
        v.put("size", size());
        if (hasAlignAttribute()) {
            v.put("align", align);
        }
        // libndctl ndctl_region_get_available_size(): 0 for a label-less (IO) region, whatever sysfs says
        boolean labelled = nstype() == NSTYPE_PMEM;
        v.put("available_size", labelled ? availableDpa(reading) : 0L);
        v.put("max_available_extent", labelled ? allocatableDpa(reading) : 0L);
        v.put("type", "pmem");
        v.put("nstype", (long) nstype());
        v.put("mappings", (long) mappings.size());
        v.put("persistence_domain", persistence.keyword());
        v.put("read_only", ro ? 1L : 0L); // read_only_show(): "%d"
        v.put("state", enabled ? "enabled" : "disabled"); // ndctl list: "state":"disabled" when unbound
        return v;
    }
}
