package org.pmdl.model.hotplug;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.pmdl.model.kernel.Errno;
import org.pmdl.model.libnvdimm.NdException;
import org.pmdl.model.libnvdimm.PmemResources.DevDax;

/**
 * A dynamic dax region (drivers/dax/bus.c, a dax_region without IORESOURCE_DAX_STATIC): hmem's over soft-reserved
 * memory. Its devices are carved out of its range by writes to their size; "create" adds a zero-size seed,
 * "delete" removes a disabled zero-size device but never daxR.0. The model keeps one range per device.
 * (pmem's dax regions are static: one device of fixed size, see {@link HotplugRules#DAX_REGION_STATIC}.)
 */
final class DaxRegion {
    /** x86 memremap_compat_align(): SUBSECTION_SIZE, the least a device's size moves by (alloc_is_aligned). */
    private static final long SUBSECTION = 2L << 20;
    /** dax_align_valid() on x86_64: PAGE_SIZE, PMD_SIZE, PUD_SIZE. */
    private static final long[] VALID_ALIGNS = {4L << 10, 2L << 20, 1L << 30};

    /** One dev_dax: its ida id, its align, and its range (start > end while it has no size). */
    static final class Dev {
        final int id;
        long align;
        long start;
        long end = -1;

        Dev(int id, long align) {
            this.id = id;
            this.align = align;
        }

        long size() {
            return end - start + 1;
        }
    }

    private final int id;
    private final long start;
    private final long end;
    private final TreeMap<Integer, Dev> devs = new TreeMap<>();
    private Dev seed;

    /** hmem's probe: the region and daxR.0 over all of it (dax_hmem's region_idle off). */
    DaxRegion(int id, long start, long end, long align) {
        this.id = id;
        this.start = start;
        this.end = end;
        Dev first = new Dev(0, align);
        first.start = start;
        first.end = end;
        devs.put(0, first);
    }

    String name(Dev d) {
        return "dax" + id + "." + d.id;
    }

    Dev first() {
        return devs.get(0);
    }

    Optional<Dev> dev(String name) {
        return devs.values().stream().filter(d -> name(d).equals(name)).findFirst();
    }

    Collection<Dev> devs() {
        return devs.values();
    }

    /** The device as kmem and daxctl see it: its name and range. */
    DevDax devDax(Dev d) {
        return new DevDax(name(d), null, d.start, d.end, null);
    }

    /** dax_region_avail_size(): the region's size less every device's. */
    long availableSize() {
        return end - start + 1 - devs.values().stream().mapToLong(Dev::size).sum();
    }

    /**
     * create_store(): a zero-size device with the lowest free id (ida_alloc); the first one not yet probed stays
     * the region's seed, which is what daxctl sizes.
     */
    Dev create() throws NdException {
        if (availableSize() == 0) {
            throw new NdException(Errno.ENOSPC, HotplugRules.DAX_REGION_CREATE,
                    HotplugRules.DAX_REGION_CREATE.message("dax region " + id, "no available_size"));
        }
        int next = 0;
        while (devs.containsKey(next)) {
            next++;
        }
        Dev d = new Dev(next, first().align);
        devs.put(next, d);
        if (seed == null) {
            seed = d;
        }
        return d;
    }

    Dev seed() {
        return seed;
    }

    /** dax_bus_probe(): a device without a size does not bind (ENXIO); one that binds is no longer the seed. */
    void probe(Dev d) throws NdException {
        if (d.size() == 0) {
            throw new NdException(Errno.ENXIO, HotplugRules.DAX_REGION_CREATE,
                    HotplugRules.DAX_REGION_CREATE.message(name(d), "failed to enable"));
        }
        if (seed == d) {
            seed = null;
        }
    }

    /** align_store() on an unbound device: a valid page-table size its range is aligned to. */
    void alignStore(Dev d, long align) throws NdException {
        boolean valid = Arrays.stream(VALID_ALIGNS).anyMatch(a -> a == align);
        if (!valid || d.size() > 0 && (d.start % align != 0 || d.size() % align != 0)) {
            throw new NdException(Errno.EINVAL, HotplugRules.DAX_DEV_ALIGN,
                    HotplugRules.DAX_DEV_ALIGN.message(name(d), align));
        }
        d.align = align;
    }

    /**
     * size_store() → dev_dax_resize(): only an unbound device changes size; it shrinks from its end; it grows into the region's
     * first free space, by extending its range when that space follows it (adjust_ok) and by a range of its own
     * otherwise (a device of several ranges: not modelled).
     */
    void resize(Dev d, long size, boolean bound) throws NdException {
        if (bound) {
            throw new NdException(Errno.EBUSY, HotplugRules.DAX_DEV_RESIZE,
                    HotplugRules.DAX_DEV_RESIZE.message(name(d), " is enabled"));
        }
        if (size % Math.max(d.align, SUBSECTION) != 0) {
            throw new NdException(Errno.EINVAL, HotplugRules.DAX_DEV_RESIZE,
                    HotplugRules.DAX_DEV_RESIZE.message(name(d), ": size " + size + " misaligned"));
        }
        long now = d.size();
        if (size > now && size - now > availableSize()) {
            throw new NdException(Errno.ENOSPC, HotplugRules.DAX_DEV_RESIZE,
                    HotplugRules.DAX_DEV_RESIZE.message(name(d), ": " + (size - now)
                            + " bytes more than available_size"));
        }
        if (size <= now) {
            d.end = d.start + size - 1;
            return;
        }
        long gapStart = firstGap();
        long gapEnd = gapEnd(gapStart);
        if (now > 0 && gapStart != d.end + 1 || gapEnd - gapStart + 1 < size - now) {
            throw new NdException(null, HotplugRules.DAX_MULTI_RANGE,
                    HotplugRules.DAX_MULTI_RANGE.message(name(d), size));
        }
        if (now == 0) {
            d.start = gapStart;
        }
        d.end = d.start + size - 1;
    }

    /** The start of the region's first free byte (dev_dax_resize walks the region's children in order). */
    private long firstGap() {
        long at = start;
        for (Dev d : sorted()) {
            if (d.start > at) {
                return at;
            }
            at = d.end + 1;
        }
        return at;
    }

    /** The end of the free space that begins at {@code at}: the next device's start, or the region's end. */
    private long gapEnd(long at) {
        return sorted().stream().filter(d -> d.start >= at).mapToLong(d -> d.start - 1).findFirst().orElse(end);
    }

    private List<Dev> sorted() {
        return devs.values().stream().filter(d -> d.size() > 0).sorted(Comparator.comparingLong(d -> d.start))
                .toList();
    }

    /**
     * delete_store(): only a device with no driver and no size goes, and never daxR.0 (kept so that /sys/bus/dax
     * stays populated while the region is registered).
     */
    void delete(Dev d, boolean bound) throws NdException {
        if (bound || d.size() > 0 || d.id == 0) {
            throw new NdException(Errno.EBUSY, HotplugRules.DAX_DEV_DELETE,
                    HotplugRules.DAX_DEV_DELETE.message(name(d)));
        }
        devs.remove(d.id);
        if (seed == d) {
            seed = null;
        }
    }
}
