package org.pmdl.model.libnvdimm;

import java.util.Map;
import java.util.TreeMap;

/**
 * Poisoned system-physical ranges (drivers/nvdimm/badrange.c: what ARS reported, kept on the bus and turned into
 * 512-byte badblocks of the regions and namespaces over them). Ranges are merged; bytes are counted in whole
 * 512-byte sectors, as badblocks_set() records them.
 */
public final class Badrange {
    static final long SECTOR = 512;
    /** start -> end (exclusive), SPA bytes, sector-aligned, not overlapping. */
    private final TreeMap<Long, Long> ranges = new TreeMap<>();

    /** badrange_add(): the sectors covering [start, start + length). */
    public void add(long start, long length) {
        long s = Align.down(start, SECTOR);
        long e = Align.up(start + length, SECTOR);
        Map.Entry<Long, Long> before = ranges.floorEntry(s);
        if (before != null && before.getValue() >= s) {
            s = before.getKey();
            e = Math.max(e, before.getValue());
        }
        for (Map.Entry<Long, Long> next = ranges.ceilingEntry(s); next != null && next.getKey() <= e;
                next = ranges.ceilingEntry(s)) {
            e = Math.max(e, next.getValue());
            ranges.remove(next.getKey());
        }
        ranges.put(s, e);
    }

    /** badrange_forget(): whole sectors of [start, start + length) are no longer bad. */
    public void forget(long start, long length) {
        long s = Align.up(start, SECTOR);
        long e = Align.down(start + length, SECTOR);
        if (e <= s) {
            return;
        }
        Map.Entry<Long, Long> before = ranges.lowerEntry(s);
        if (before != null && before.getValue() > s) {
            ranges.put(before.getKey(), s);
            if (before.getValue() > e) {
                ranges.put(e, before.getValue());
            }
        }
        for (Map.Entry<Long, Long> in = ranges.ceilingEntry(s); in != null && in.getKey() < e;
                in = ranges.ceilingEntry(s)) {
            ranges.remove(in.getKey());
            if (in.getValue() > e) {
                ranges.put(e, in.getValue());
            }
        }
    }

    /** Forgets each range lying wholly within [start, start + length); a range that crosses its ends stays. */
    public void forgetContained(long start, long length) {
        long end = start + length;
        ranges.entrySet().removeIf(r -> r.getKey() >= start && r.getValue() <= end);
    }

    /** The bad 512-byte sectors within [start, start + length). */
    public long sectorsIn(long start, long length) {
        long end = start + length;
        long bytes = 0;
        Map.Entry<Long, Long> first = ranges.floorEntry(start);
        for (Map.Entry<Long, Long> r : ranges.tailMap(first == null ? start : first.getKey()).entrySet()) {
            if (r.getKey() >= end) {
                break;
            }
            bytes += Math.max(0, Math.min(end, r.getValue()) - Math.max(start, r.getKey()));
        }
        return (bytes + SECTOR - 1) / SECTOR;
    }

    /** is_bad_pmem(): whether any of [start, start + length) is bad. */
    public boolean any(long start, long length) {
        return sectorsIn(start, length) > 0;
    }
}
