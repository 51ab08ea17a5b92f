package org.pmdl.model.hotplug;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The /proc/iomem resource tree (kernel/resource.c iomem_resource): named ranges with inclusive ends,
 * nested where a request falls inside a non-busy resource.
 */
public final class Iomem {
    /** IORESOURCE_BUSY: a driver owns the range; nothing nests inside it. */
    public static final int BUSY = 0x80000000;
    /** IORESOURCE_SYSTEM_RAM (IORESOURCE_MEM | IORESOURCE_SYSRAM). */
    public static final int SYSTEM_RAM = 0x01000200;
    /** IORESOURCE_SYSRAM_DRIVER_MANAGED (include/linux/ioport.h). */
    public static final int SYSRAM_DRIVER_MANAGED = 0x02000000;
    /** IORESOURCE_SYSRAM_MERGEABLE: set by merge_system_ram_resource (MHP_MERGE_RESOURCE). */
    public static final int SYSRAM_MERGEABLE = 0x04000000;

    /** One struct resource. */
    public static final class Resource {
        private final String name;
        private long start;
        private long end;
        private int flags;
        private final Resource parent;
        private final List<Resource> children = new ArrayList<>();

        private Resource(String name, long start, long end, int flags, Resource parent) {
            this.name = name;
            this.start = start;
            this.end = end;
            this.flags = flags;
            this.parent = parent;
        }

        public String name() { return name; }

        public long start() { return start; }

        /** Inclusive, as /proc/iomem prints it. */
        public long end() { return end; }

        public int flags() { return flags; }

        public void setFlags(int flags) { this.flags = flags; }

        /** Null for a root resource (a child of iomem_resource). */
        public Resource parent() { return parent; }

        public boolean isSystemRam() { return (flags & SYSTEM_RAM) == SYSTEM_RAM; }

        public boolean isDriverManaged() { return (flags & SYSRAM_DRIVER_MANAGED) != 0; }

        boolean contains(long s, long e) { return start <= s && e <= end; }

        boolean overlaps(long s, long e) { return start <= e && s <= end; }
    }

    private final Resource root = new Resource("iomem", 0, -1L, 0, null);

    /**
     * __request_region(): descend into the resource that contains the range while it is not busy; fail if the
     * range overlaps a sibling it does not fit in, or lands in a busy one.
     *
     * @return the new resource, or empty on a conflict (the caller's -EBUSY/-EEXIST)
     */
    public Optional<Resource> request(String name, long start, long end, int flags) {
        Resource parent = root;
        while (true) {
            int at = insertionIndex(parent, start);
            // siblings are sorted and disjoint: only the one before the insertion point and the one at it can overlap
            Resource conflict = at > 0 && parent.children.get(at - 1).overlaps(start, end) ? parent.children.get(at - 1)
                    : at < parent.children.size() && parent.children.get(at).overlaps(start, end)
                    ? parent.children.get(at) : null;
            if (conflict == null) {
                Resource r = new Resource(name, start, end, flags, parent == root ? null : parent);
                parent.children.add(at, r);
                return Optional.of(r);
            }
            if (!conflict.contains(start, end) || (conflict.flags & BUSY) != 0) {
                return Optional.empty();
            }
            parent = conflict;
        }
    }

    /** The first child that starts at or after {@code start} (a binary search: a boot requests one per region). */
    private static int insertionIndex(Resource parent, long start) {
        int lo = 0;
        int hi = parent.children.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (parent.children.get(mid).start < start) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** release_resource(): children of a released resource go with it. */
    public void release(Resource r) {
        (r.parent == null ? root : r.parent).children.remove(r);
    }

    private List<Resource> siblings(Resource r) {
        return (r.parent == null ? root : r.parent).children;
    }

    /**
     * merge_system_ram_resource() (kernel/resource.c, 5.10+): r is flagged mergeable and absorbs the next sibling,
     * then the previous one absorbs it, when they have the same flags and name, touch and have no children.
     *
     * @return the resource that now holds r's range
     */
    public Resource mergeSystemRam(Resource r) {
        r.flags |= SYSRAM_MERGEABLE;
        List<Resource> sib = siblings(r);
        int i = sib.indexOf(r);
        if (i + 1 < sib.size() && mergeable(r, sib.get(i + 1))) {
            r.end = sib.remove(i + 1).end;
        }
        if (i > 0 && mergeable(sib.get(i - 1), r)) {
            sib.get(i - 1).end = r.end;
            sib.remove(i);
            return sib.get(i - 1);
        }
        return r;
    }

    private static boolean mergeable(Resource a, Resource b) {
        return a.flags == b.flags && a.end + 1 == b.start && a.name.equals(b.name) && a.children.isEmpty()
                && b.children.isEmpty();
    }

    /**
     * release_mem_region_adjustable(): [start, end] leaves the busy System RAM resource that holds it, which is
     * released, trimmed or split in two.
     */
    public void releaseAdjustable(long start, long end) {
        Optional<Resource> holder = all().stream().filter(r -> r.isSystemRam() && (r.flags & BUSY) != 0
                && r.contains(start, end)).findFirst();
        if (holder.isEmpty()) {
            return;
        }
        Resource r = holder.get();
        if (r.start == start && r.end == end) {
            release(r);
        } else if (r.start == start) {
            r.start = end + 1;
        } else if (r.end == end) {
            r.end = start - 1;
        } else {
            List<Resource> sib = siblings(r);
            sib.add(sib.indexOf(r) + 1, new Resource(r.name, end + 1, r.end, r.flags, r.parent));
            r.end = start - 1;
        }
    }

    /** The resource with exactly this name and range, if any. */
    public Optional<Resource> find(String name, long start, long end) {
        return all().stream().filter(r -> r.name.equals(name) && r.start == start && r.end == end).findFirst();
    }

    /** Every resource, depth first, as /proc/iomem lists them. */
    public List<Resource> all() {
        List<Resource> out = new ArrayList<>();
        walk(root, out);
        return out;
    }

    private static void walk(Resource r, List<Resource> out) {
        for (Resource c : r.children) {
            out.add(c);
            walk(c, out);
        }
    }

    /** /proc/iomem as root reads it (kernel/resource.c r_show: "%*s%0*llx-%0*llx : %s", two spaces a level). */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        for (Resource r : all()) {
            int depth = 0;
            for (Resource p = r.parent; p != null; p = p.parent) {
                depth++;
            }
            out.add("  ".repeat(depth) + String.format("%08x-%08x : %s", r.start, r.end, r.name));
        }
        return out;
    }
}
