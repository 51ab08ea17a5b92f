package org.pmdl.model.libnvdimm;

import java.util.List;

/** DPA space allocation of drivers/nvdimm/namespace_devs.c: scan_allocate, space_valid, scan_free. */
final class DpaAllocator {
    private DpaAllocator() {
    }

    /** The label id of the free-space reservation __reserve_free_pmem() makes. */
    static final String RESERVE = "pmem-reserve";

    /** nd_label_gen_id() for a pmem namespace. */
    static String labelId(String uuid) {
        return "pmem-" + uuid;
    }

    private enum Loc { NONE, BEFORE, MID, AFTER }

    /**
     * A candidate free range; {@code end < start} once space_valid() rejects it. One per scan, reused. Bounds
     * and size are the kernel's resource_size_t, compared unsigned (see {@link #spaceValid}).
     */
    private static final class Valid {
        long start;
        long end;

        Valid at(long start, long end) {
            this.start = start;
            this.end = end;
            return this;
        }

        long size() {
            return end - start + 1;
        }
    }

    /**
     * space_valid(): trims free space inward to align/mappings; a reservation takes any non-empty range, a
     * namespace needs all n bytes contiguous and adjacent to its existing extent, if any.
     *
     * <p>Linux 6.1 computes {@code valid->end = ALIGN_DOWN(valid->end + 1, align) - 1} unsigned: a gap that ends
     * below the first align boundary (an allocation starting under the region align, e.g. a 2M raw namespace at
     * DPA 0 with the boot-time 16M align) wraps to the top of the address space and passes {@code start >= end};
     * scan_allocate() then tries the whole request at ALIGN(start) over the next allocation and fails -EBUSY
     * (observation p03: "pmem reserve underrun: 0x0 of 0xbe000000 bytes", max_available_extent 0).
     */
    private static void spaceValid(Region region, String labelId, Nvdimm.DpaResource exist, long n, Valid valid) {
        long align = region.dpaAlign();
        valid.start = Align.up(valid.start, align);
        valid.end = Align.down(valid.end + 1, align) - 1;
        boolean ok = Long.compareUnsigned(valid.start, valid.end) < 0
                && (labelId.equals(RESERVE)
                || Long.compareUnsigned(valid.size(), n) >= 0 && (exist == null
                        || valid.start == exist.end() + 1 || valid.end == exist.start() - 1));
        if (!ok) {
            valid.end = valid.start - 1;
        }
    }

    /** scan_allocate(): grows labelId's allocation in one mapping by n bytes; returns the bytes it could not. */
    static long scanAllocate(Region region, Mapping m, String labelId, long n) {
        List<Nvdimm.DpaResource> resources = m.dimm().resources();
        Nvdimm.DpaResource exist = null;
        for (Nvdimm.DpaResource res : resources) {
            if (res.ownedBy(labelId)) {
                exist = res;
            }
        }
        long toAllocate = n;
        Valid valid = new Valid();
        boolean retry = true;
        while (retry) {
            retry = false;
            boolean first = true;
            for (int i = 0; i < resources.size() && !retry; i++) {
                Nvdimm.DpaResource res = resources.get(i);
                Nvdimm.DpaResource next = i + 1 < resources.size() ? resources.get(i + 1) : null;
                if (res.start() > m.end() || res.end() < m.start()) {
                    continue; // outside this mapping
                }
                Loc loc = Loc.NONE;
                if (first && res.start() > m.start()) {
                    spaceValid(region, labelId, exist, toAllocate, valid.at(m.start(), res.start() - 1));
                    loc = valid.size() != 0 ? Loc.BEFORE : Loc.NONE;
                }
                first = false;
                if (loc == Loc.NONE && next != null) {
                    spaceValid(region, labelId, exist, toAllocate,
                            valid.at(res.end() + 1, Math.min(m.end(), next.start() - 1)));
                    loc = valid.size() != 0 ? Loc.MID : Loc.NONE;
                }
                if (loc == Loc.NONE && next == null) {
                    spaceValid(region, labelId, exist, toAllocate, valid.at(res.end() + 1, m.end()));
                    loc = valid.size() != 0 ? Loc.AFTER : Loc.NONE;
                }
                if (loc == Loc.NONE) {
                    continue;
                }
                long allocate = Long.compareUnsigned(valid.size(), n) < 0 ? valid.size() : n;
                if (loc == Loc.BEFORE && res.ownedBy(labelId)) {
                    res.adjust(res.start() - allocate, res.size() + allocate); // cur grow up
                } else if (loc == Loc.MID && next.ownedBy(labelId)) {
                    next.adjust(next.start() - allocate, next.size() + allocate); // next grow up
                } else if (loc != Loc.BEFORE && res.ownedBy(labelId)) {
                    res.adjust(res.start(), res.size() + allocate); // grow down
                } else if (busy(m, valid.start, allocate)) {
                    return n; // nvdimm_allocate_dpa(): __request_region() conflict, -EBUSY ends the scan
                } else {
                    m.dimm().allocate(labelId, valid.start, allocate);
                }
                n -= allocate;
                if (n == 0) {
                    return 0;
                }
                retry = true; // rescan with the new resource in place
            }
        }
        return n == toAllocate ? initDpaAllocation(m, labelId, n) : n;
    }

    /** Whether [start, start + size) overlaps a DPA resource of the DIMM (__request_region() would refuse it). */
    private static boolean busy(Mapping m, long start, long size) {
        long end = start + size - 1;
        return m.dimm().resources().stream().anyMatch(r -> r.start() <= end && r.end() >= start);
    }

    /** init_dpa_allocation(): the first extent of this id in the mapping, at the mapping start. */
    private static long initDpaAllocation(Mapping m, String labelId, long n) {
        if (busy(m, m.start(), n)) {
            return n; // __request_region() conflict: -EBUSY
        }
        m.dimm().allocate(labelId, m.start(), n);
        return 0;
    }

    /** scan_free(): releases n bytes of labelId's allocation in one mapping, from its last extent down. */
    static void scanFree(Mapping m, String labelId, long n) {
        while (n > 0) {
            Nvdimm.DpaResource last = null;
            for (Nvdimm.DpaResource res : m.dimm().resources()) {
                if (res.ownedBy(labelId)) {
                    last = res;
                }
            }
            if (last == null) {
                return;
            }
            if (n >= last.size()) {
                n -= last.size();
                m.dimm().free(last);
                continue;
            }
            last.adjust(last.start(), last.size() - n);
            return;
        }
    }

    /** nvdimm_allocated_dpa(): the bytes labelId holds on one DIMM. */
    static long allocated(Mapping m, String labelId) {
        long allocated = 0;
        for (Nvdimm.DpaResource res : m.dimm().resources()) {
            if (res.ownedBy(labelId)) {
                allocated += res.size();
            }
        }
        return allocated;
    }
}
