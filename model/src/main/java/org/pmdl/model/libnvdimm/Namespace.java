package org.pmdl.model.libnvdimm;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.pmdl.model.scenario.NamespaceMode;
import org.pmdl.model.scenario.PfnMap;

/**
 * A namespace device: a label-less namespace_io covering its region, or a labelled namespace_pmem with a
 * DPA allocation; plus the personality (btt/pfn/dax) that claims it, if any.
 */
public final class Namespace {
    private final Region region;
    private final int id;
    private final boolean io;
    /** The device name, fixed at registration (name lookups and every step's state read it). */
    private final String dev;
    /** nspm->uuid; null for namespace_io and for an unconfigured seed. */
    String uuid;
    /** nsio->res: start and size (size 0: no capacity yet). */
    long start;
    long size;
    /** What ndctl list shows: raw unless a btt/pfn/dax device claims the namespace and is enabled. */
    NamespaceMode mode = NamespaceMode.RAW;
    /** The device claiming the namespace (btt0.0, pfn0.0, dax0.0), enabled or stuck after a failed enable. */
    String claimDev;
    Infoblock infoblock;
    /** Sector-mode usable capacity (btt size). */
    long bttSize;
    /** Bound to a driver: raw nd_pmem, or through its claim device. */
    boolean enabled;
    /** The user's name for it in the scenario, if the scenario created it. */
    private String userName;
    /** What {@link #values()} last read, and the map it made of it. */
    private Reading lastReading;
    private Map<String, Object> lastValues;

    /**
     * Every mutable field {@link #values()} may read (all but the user name, which it does not show). While
     * they stay the same, values() hands out the same unmodifiable map: a scenario's per-step state then
     * shares one map per unchanged namespace instead of a copy per step.
     */
    private record Reading(String uuid, long start, long size, NamespaceMode mode, String claimDev,
            Infoblock infoblock, long bttSize, boolean enabled) {
        /** Compared field by field: every step's state asks each namespace of its region, most unchanged. */
        boolean of(Namespace ns) {
            return Objects.equals(uuid, ns.uuid) && start == ns.start && size == ns.size && mode == ns.mode
                    && Objects.equals(claimDev, ns.claimDev) && Objects.equals(infoblock, ns.infoblock)
                    && bttSize == ns.bttSize && enabled == ns.enabled;
        }
    }

    Namespace(Region region, int id, boolean io) {
        this.region = region;
        this.id = id;
        this.io = io;
        this.dev = "namespace" + region.id() + "." + id;
    }

    public String dev() {
        return dev;
    }

    public Region region() {
        return region;
    }

    /** The uuid attribute (nspm->uuid): null for namespace_io and for an unconfigured seed. */
    public String uuid() {
        return uuid;
    }

    /** The resource attribute: where the namespace starts in system physical address space. */
    public long start() {
        return start;
    }

    /** The size attribute: the raw capacity (0: none yet). */
    public long size() {
        return size;
    }

    /** Bound to a driver, itself or through its claim device. */
    public boolean enabled() {
        return enabled;
    }

    /** The infoblock of the personality claiming it, if any. */
    public Infoblock infoblock() {
        return infoblock;
    }

    public String userName() {
        return userName;
    }

    /** Names (or, with null, unnames) it; the region's name index follows. */
    public void userName(String name) {
        String previous = userName;
        userName = name;
        region.renamed(this, previous);
    }

    public int id() {
        return id;
    }

    public boolean io() {
        return io;
    }

    /** ndctl_namespace_is_configured(): a pmem namespace with capacity and a uuid; an io one always. */
    public boolean configured() {
        return io || (size > 0 && uuid != null);
    }

    /** nd_dev_to_uuid(): the uuid an infoblock's parent_uuid must match; null uuid for namespace_io. */
    public String parentUuid() {
        return io ? "" : uuid;
    }

    /** Where the namespace's first bytes are on media: its first extent on the first mapping's DIMM. */
    public MediaKey mediaKey() {
        if (region.pagemap()) {
            return new MediaKey(region.name(), 0); // a legacy range is its own medium
        }
        Mapping m0 = region.mappings().get(0);
        long dpa = io ? m0.start() : m0.start() + (start - region.start()) / region.mappings().size();
        return new MediaKey(m0.dimm().name(), dpa);
    }

    /**
     * A namespace no btt/pfn/dax device claims, on a legacy (PAGEMAP) region: pmem_should_map_pages() gives it
     * struct pages, sysfs mode_show() says "memory", and ndctl reports it as fsdax with map mem.
     */
    boolean mappedRaw() {
        return mode == NamespaceMode.RAW && region.pagemap();
    }

    /** The mode ndctl_namespace_get_mode() reads. */
    public NamespaceMode ndctlMode() {
        return mappedRaw() ? NamespaceMode.FSDAX : mode;
    }

    /** The capacity ndctl list reports as "size": after infoblock or BTT metadata. */
    long usableSize() {
        if (infoblock instanceof Infoblock.Pfn pfn && mode != NamespaceMode.SECTOR && enabled) {
            // pfn_devs.c size_show
            return size - pfn.startPad() - pfn.endTrunc() - pfn.dataoff();
        }
        return mode == NamespaceMode.SECTOR ? bttSize : size;
    }

    Map<String, Object> values() {
        if (lastReading == null || !lastReading.of(this)) {
            lastReading = new Reading(uuid, start, size, mode, claimDev, infoblock, bttSize, enabled);
            lastValues = Collections.unmodifiableMap(read());
        }
        return lastValues;
    }

    private Map<String, Object> read() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("dev", dev());
        v.put("mode", ndctlMode().keyword());
        v.put("size", usableSize());
        v.put("raw_size", size);
        v.put("enabled", enabled);
        if (!io) {
            v.put("resource", start);
        }
        if (infoblock instanceof Infoblock.Pfn pfn && (mode == NamespaceMode.FSDAX || mode == NamespaceMode.DEVDAX)) {
            v.put("map", (pfn.mode() == Infoblock.PfnMode.PMEM ? PfnMap.DEV : PfnMap.MEM).keyword());
            v.put("align", pfn.align());
            v.put("dataoff", pfn.dataoff());
            v.put("npfns", pfn.npfns());
            v.put("end_trunc", pfn.endTrunc());
        }
        if (mappedRaw()) {
            v.put("map", PfnMap.MEM.keyword());
        }
        if (infoblock instanceof Infoblock.Btt btt && mode == NamespaceMode.SECTOR) {
            // btt_devs.c sector_size_show: the BTT's lbasize
            v.put("sector_size", btt.lbasize());
        }
        if (claimDev != null) {
            v.put("claim", claimDev);
        }
        return v;
    }
}
