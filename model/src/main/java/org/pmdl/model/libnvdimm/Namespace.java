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
    /** Its pmem or BTT disk is read-only (get_disk_ro): set on attach and by a region read_only write. */
    boolean diskReadOnly;
    /** nspm->lbasize: the sector_size attribute of a pmem namespace, 512 or 4096; 0 until set. */
    long lbasize;
    /** nspm->alt_name: the alt_name attribute, "" until set. */
    String altName = "";
    /** ndns->force_raw: the next probe attaches the raw block device whatever infoblock the media hold. */
    boolean forceRaw;
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
            Infoblock infoblock, long bttSize, boolean enabled, long lbasize, String altName, boolean forceRaw) {
        /** Compared field by field: every step's state asks each namespace of its region, most unchanged. */
        boolean of(Namespace ns) {
            return Objects.equals(uuid, ns.uuid) && start == ns.start && size == ns.size && mode == ns.mode
                    && Objects.equals(claimDev, ns.claimDev) && Objects.equals(infoblock, ns.infoblock)
                    && bttSize == ns.bttSize && enabled == ns.enabled && lbasize == ns.lbasize
                    && altName.equals(ns.altName) && forceRaw == ns.forceRaw;
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

    /** The sector_size attribute: nspm->lbasize, 0 while none is selected (always 0 for namespace_io). */
    public long lbasize() {
        return lbasize;
    }

    /** The alt_name attribute ("" when none was written; namespace_io has none). */
    public String altName() {
        return altName;
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
     * A namespace no btt/pfn/dax device claims, on a legacy (PAGEMAP) region and not force_raw:
     * pmem_should_map_pages() gives it struct pages, sysfs mode_show() says "memory", and ndctl reports it as fsdax with map mem.
     */
    boolean mappedRaw() {
        return mode == NamespaceMode.RAW && region.pagemap() && !forceRaw;
    }

    /** The mode ndctl_namespace_get_mode() reads. */
    public NamespaceMode ndctlMode() {
        return mappedRaw() ? NamespaceMode.FSDAX : mode;
    }

    /**
     * Where the data a pfn or dax device exposes starts: its "resource" (pfn_devs.c resource_show: the
     * namespace's start + start_pad + dataoff); the namespace's own start otherwise.
     */
    public long dataStart() {
        if (infoblock instanceof Infoblock.Pfn pfn && mode != NamespaceMode.SECTOR && enabled) {
            return start + pfn.startPad() + pfn.dataoff();
        }
        return start;
    }

    /** The capacity ndctl list reports as "size": after infoblock or BTT metadata. */
    public long usableSize() {
        if (infoblock instanceof Infoblock.Pfn pfn && mode != NamespaceMode.SECTOR && enabled) {
            // pfn_devs.c size_show
            return size - pfn.startPad() - pfn.endTrunc() - pfn.dataoff();
        }
        return mode == NamespaceMode.SECTOR ? bttSize : size;
    }

    /** The uuid of the btt, pfn or dax device claiming the namespace, or null. */
    String claimUuid() {
        return claimDev == null ? null : infoblock instanceof Infoblock.Btt btt ? btt.uuid()
                : infoblock instanceof Infoblock.Pfn pfn ? pfn.uuid() : null;
    }

    Map<String, Object> values() {
        if (lastReading == null || !lastReading.of(this)) {
            lastReading = new Reading(uuid, start, size, mode, claimDev, infoblock, bttSize, enabled, lbasize,
                    altName, forceRaw);
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
        v.put("force_raw", forceRaw ? 1L : 0L); // force_raw_show: "%d"
        if (!io) {
            v.put("resource", start);
        }
        // ndctl/json.c util_namespace_to_json: "uuid" is the claiming btt/pfn/dax device's when there is one
        // ("raw_uuid", with -v, the namespace's own), else a pmem namespace's
        String claimUuid = claimUuid();
        if (claimUuid != null) {
            v.put("uuid", claimUuid);
            v.put("raw_uuid", uuid);
        } else if (uuid != null) {
            v.put("uuid", uuid);
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
        } else if (mode != NamespaceMode.DEVDAX) {
            // ndctl/json.c util_namespace_to_json: the namespace's sector_size, 512 when it has none selected
            // (namespace_io, or a pmem namespace whose lbasize was never set)
            v.put("sector_size", lbasize == 0 ? 512L : lbasize);
        }
        if (!altName.isEmpty()) {
            v.put("name", altName); // util_namespace_to_json: only a non-empty alt_name
        }
        if (claimDev != null) {
            v.put("claim", claimDev);
        }
        return v;
    }
}
