package org.pmdl.model.libnvdimm;

import org.pmdl.model.kernel.Errno;
import org.pmdl.model.platform.PlatformFacts;

/** drivers/nvdimm/btt.c: attaching a BTT to a namespace, and its layout arithmetic (create_arenas, alloc_arena). */
public final class Btt {
    private Btt() {
    }

    /** btt_devs.c btt_lbasize_supported. */
    public static final java.util.List<Long> LBASIZES = java.util.List.of(512L, 520L, 528L, 4096L, 4104L, 4160L, 4224L);
    static final long ARENA_MIN_SIZE = 16 * PlatformFacts.M;
    static final long ARENA_MAX_SIZE = 512 * PlatformFacts.G;
    private static final long BTT_PG_SIZE = 4096;
    /** BTT_DEFAULT_NFREE = ND_MAX_LANES (nd.h). */
    private static final long NFREE = 256;
    /** sizeof(struct log_group): four 16-byte log entries. */
    private static final long LOG_GRP_SIZE = 64;
    private static final long MAP_ENT_SIZE = 4;
    /** nd.h INT_LBASIZE_ALIGNMENT. */
    private static final long INT_LBASIZE_ALIGNMENT = 64;

    /**
     * nvdimm_namespace_attach_btt(): the raw size after the initial offset must hold one arena; the BTT on the
     * media is used, or btt_init() lays the arenas out.
     */
    static void attach(Namespace ns, Infoblock.Btt sb, String prefix, Media media, Dmesg dmesg) throws NdException {
        long rawsize = ns.size - sb.initialOffset();
        dmesg.applied(LibnvdimmRules.BTT_MIN_SIZE);
        if (rawsize < ARENA_MIN_SIZE) {
            String msg = LibnvdimmRules.BTT_MIN_SIZE.message(ns.dev(), ARENA_MIN_SIZE + sb.initialOffset());
            dmesg.kernel(prefix + ": " + msg);
            throw new NdException(Errno.ENXIO, LibnvdimmRules.BTT_MIN_SIZE, msg);
        }
        dmesg.applied(LibnvdimmRules.BTT_CAPACITY);
        if (media.infoblock(ns.mediaKey()).orElse(null) != sb) {
            // discover_arenas() found none: btt_init() lays the arenas out
            dmesg.kernel(prefix + ": No existing arenas");
            dmesg.kernel(prefix + ": init: " + arenas(rawsize) + " arenas for " + rawsize + " rawsize");
        }
        ns.infoblock = sb;
        ns.bttSize = capacity(rawsize, sb.lbasize());
    }

    /** btt_init(): rawsize / ARENA_MAX_SIZE, rounded up. */
    private static long arenas(long rawsize) {
        return (rawsize + ARENA_MAX_SIZE - 1) / ARENA_MAX_SIZE;
    }

    /** btt_init(): the exported sector size. */
    static long sectorSize(long lbasize) {
        return lbasize >= 4096 ? 4096 : 512;
    }

    /** nd_btt->size = nlba * sector_size over the arenas create_arenas() lays out in rawsize bytes. */
    private static long capacity(long rawsize, long lbasize) {
        long nlba = 0;
        long remaining = rawsize;
        while (remaining > 0) {
            long arenaSize = Math.min(ARENA_MAX_SIZE, remaining);
            remaining -= arenaSize;
            if (arenaSize < ARENA_MIN_SIZE) {
                break;
            }
            nlba += arenaExternalNlba(arenaSize, lbasize);
        }
        return nlba * sectorSize(lbasize);
    }

    /**
     * Where LBA {@code lba}'s data lies within the namespace in a fresh first arena: alloc_arena() puts the data
     * (dataoff) after the arena's 4K info block, which starts at the initial offset (nd_btt_version: 4K for a
     * v1.1 BTT, 0 for v2.0); btt_map_init() leaves every map entry as "the LBA itself".
     */
    static long dataOffset(Infoblock.Btt sb, long lba) {
        return sb.initialOffset() + BTT_PG_SIZE + lba * Align.up(sb.lbasize(), INT_LBASIZE_ALIGNMENT);
    }

    /** alloc_arena(): two info pages, the log, then the split between map and data. */
    private static long arenaExternalNlba(long size, long lbasize) {
        long internalLbasize = Align.up(lbasize, INT_LBASIZE_ALIGNMENT);
        long available = Align.down(size, BTT_PG_SIZE) - 2 * BTT_PG_SIZE;
        available -= Align.up(NFREE * LOG_GRP_SIZE, BTT_PG_SIZE);
        long internalNlba = (available - BTT_PG_SIZE) / (internalLbasize + MAP_ENT_SIZE);
        return internalNlba - NFREE;
    }
}
