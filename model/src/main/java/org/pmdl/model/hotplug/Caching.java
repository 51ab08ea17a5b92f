package org.pmdl.model.hotplug;

import java.util.ArrayList;
import java.util.List;
import org.pmdl.model.kernel.Errno;
import org.pmdl.model.libnvdimm.NdException;

/**
 * Caching of hot-added memory: the pgprot in struct mhp_params and what each architecture's arch_add_memory()
 * does with it, the pgprot memremap_pages() picks per pagemap type, the effective x86 memory type, and the
 * device-visible ordering of stores to write-combining memory (seed-rules-B §2.2, §2.3; SM-4, SM-5).
 */
public final class Caching {
    private Caching() {
    }

    /** The MEMORY_HOTPLUG architectures of the pgprot series (seed 001 L6240-6245). */
    public enum HotplugArch { X86_64, X86_32, ARM64, POWERPC, S390, IA64, SH }

    /** pgprot constructors: none (zero), PAGE_KERNEL (PAT WB), pgprot_writecombine (WC), pgprot_noncached (UC). */
    public enum Pgprot { ZERO, PAGE_KERNEL, WRITECOMBINE, NONCACHED }

    /** struct dev_pagemap types that matter here. */
    public enum PgmapType { DEVDAX, PCI_P2PDMA }

    /** Effective memory types on x86 (PAT combined with MTRR). */
    public enum MemType {
        WB, WC, UC, UC_MINUS;

        /** WB, WC, UC, UC- (PAT's UC_MINUS). */
        public String label() {
            return this == UC_MINUS ? "UC-" : name();
        }
    }

    /**
     * arch_add_memory() then __add_pages(): s390 refuses an altmap before anything else (B-24); s390, ia64 and sh
     * accept only PAGE_KERNEL (B-23); every arch refuses a zero pgprot in __add_pages (B-22).
     */
    public static void archAddMemory(HotplugArch arch, Pgprot pgprot, boolean altmap) throws NdException {
        if (arch == HotplugArch.S390 && altmap) {
            throw new NdException(Errno.EINVAL, HotplugRules.ARCH_PGPROT,
                    HotplugRules.ARCH_PGPROT.message("s390", "altmap"));
        }
        boolean pageKernelOnly = arch == HotplugArch.S390 || arch == HotplugArch.IA64 || arch == HotplugArch.SH;
        if (pageKernelOnly && pgprot != Pgprot.PAGE_KERNEL) {
            throw new NdException(Errno.EINVAL, HotplugRules.ARCH_PGPROT,
                    HotplugRules.ARCH_PGPROT.message(arch.name().toLowerCase(), "pgprot is not PAGE_KERNEL"));
        }
        if (pgprot == Pgprot.ZERO) {
            throw new NdException(Errno.EINVAL, HotplugRules.PGPROT_UNSET, HotplugRules.PGPROT_UNSET.message());
        }
    }

    /** memremap_pages(): PAGE_KERNEL, made noncached for a P2PDMA pagemap (mm/memremap.c; B-29). */
    public static Pgprot memremapPgprot(PgmapType type) {
        return type == PgmapType.PCI_P2PDMA ? Pgprot.NONCACHED : Pgprot.PAGE_KERNEL;
    }

    /**
     * The memory type a CPU access gets: on x86 PAT's type, except that PAGE_KERNEL (WB) under a firmware MTRR
     * marking the range UC becomes UC- (B-27); arches without MTRRs take the pgprot as it is.
     */
    public static MemType effective(HotplugArch arch, Pgprot pgprot, boolean mtrrUncached) {
        MemType pat = switch (pgprot) {
            case WRITECOMBINE -> MemType.WC;
            case NONCACHED -> MemType.UC;
            default -> MemType.WB;
        };
        boolean x86 = arch == HotplugArch.X86_64 || arch == HotplugArch.X86_32;
        return x86 && mtrrUncached && pat == MemType.WB ? MemType.UC_MINUS : pat;
    }

    /** A PCI BAR must never be accessed cached (B-27, B-28): empty when the mapping is safe. */
    public static List<Handover.Note> checkBar(HotplugArch arch, Pgprot pgprot, boolean mtrrUncached, boolean altmapInBar) {
        List<Handover.Note> notes = new ArrayList<>();
        MemType t = effective(arch, pgprot, mtrrUncached);
        if (t == MemType.WB) {
            notes.add(new Handover.Note(HotplugRules.BAR_WB,
                    HotplugRules.BAR_WB.message("WB: a cached access to MMIO may machine-check")));
        } else if (pgprot == Pgprot.PAGE_KERNEL) {
            notes.add(new Handover.Note(HotplugRules.BAR_WB,
                    HotplugRules.BAR_WB.message("PAGE_KERNEL works only because the MTRR makes it " + t.label())));
        }
        if (altmapInBar) {
            notes.add(new Handover.Note(HotplugRules.P2PDMA_ALTMAP, HotplugRules.P2PDMA_ALTMAP.message()));
        }
        return notes;
    }

    /** One CPU operation on a device mapping, in program order. */
    public enum Op { STORE, WMB, DOORBELL, LOCK, UNLOCK, ATOMIC }

    /**
     * What the device may observe for these operations on memory of this type: on WC, a doorbell (MMIO writel)
     * after stores with no wmb() between may overtake them (B-33), and stores inside a lock are not ordered
     * against another CPU's (B-32); a CPU atomic on P2PDMA memory is broken whatever the type (B-35).
     */
    public static List<Handover.Note> ordering(MemType type, List<Op> ops, boolean p2pdma) {
        List<Handover.Note> notes = new ArrayList<>();
        boolean unfencedStore = false;
        boolean locked = false;
        for (Op op : ops) {
            switch (op) {
                case STORE -> {
                    unfencedStore = true;
                    if (locked && type == MemType.WC) {
                        notes.add(new Handover.Note(HotplugRules.WC_LOCK, HotplugRules.WC_LOCK.message()));
                    }
                }
                case WMB -> unfencedStore = false;
                case DOORBELL -> {
                    if (unfencedStore && type == MemType.WC) {
                        notes.add(new Handover.Note(HotplugRules.WC_DOORBELL,
                                HotplugRules.WC_DOORBELL.message()));
                    }
                    unfencedStore = false;
                }
                case LOCK -> locked = true;
                case UNLOCK -> locked = false;
                case ATOMIC -> {
                    if (p2pdma) {
                        notes.add(new Handover.Note(HotplugRules.P2PDMA_ATOMIC,
                                HotplugRules.P2PDMA_ATOMIC.message(type.label())));
                    }
                }
            }
        }
        return notes;
    }
}
