package org.pmdl.model.libnvdimm;

import java.util.Optional;
import org.pmdl.model.kernel.Errno;
import org.pmdl.model.platform.PlatformFacts;
import org.pmdl.model.rules.Rule;
import org.pmdl.model.topology.Arch;

/** The fsdax/devdax infoblock checks of drivers/nvdimm/pfn_devs.c, in the kernel's order. */
public final class Pfn {
    private Pfn() {
    }

    static final long SZ_4K = 4096;
    public static final long SZ_8K = 8192;
    /** nd.h MAX_STRUCT_PAGE_SIZE; sizeof(struct page) is 64 in production configs. */
    public static final int MAX_STRUCT_PAGE_SIZE = 64;

    /**
     * The live nd_pfn/nd_dax device: the prefix of its log lines ("nd_pmem pfn0.0"), its signature, and the
     * settings ndctl wrote (uuid null and the default align when the probe path creates it).
     */
    record Device(String prefix, String signature, String uuid, long align, Infoblock.PfnMode mode) {
    }

    /**
     * nd_pfn_validate(): returns normally when the infoblock on media is usable by this kernel, throws ENODEV
     * when there is none (or it belongs to another namespace or setting), EOPNOTSUPP when it is
     * self-consistent but unusable here. {@code live.uuid() == null} is the probe path that adopts the
     * infoblock's settings.
     */
    static Infoblock.Pfn validate(Device live, Namespace ns, Optional<Infoblock> onMedia, PlatformFacts facts,
            Dmesg dmesg) throws NdException {
        if (!(onMedia.orElse(null) instanceof Infoblock.Pfn sb) || !sb.signature().equals(live.signature())
                || !sb.parentUuid().equals(ns.parentUuid())) {
            throw noInfoblock();
        }
        long align = sb.align() == 0 ? Align.rounddownPowerOf2(sb.dataoff()) : sb.align();
        if (sb.pageSize() > facts.pageSize() && sb.mode() == Infoblock.PfnMode.PMEM) {
            throw unusable(live, facts, dmesg, LibnvdimmRules.PFN_VALIDATE_PAGE_SIZE, null,
                    LibnvdimmRules.PFN_VALIDATE_PAGE_SIZE.message(sb.pageSize()));
        }
        if (!facts.supportedPfnAlignments().contains(align) && sb.signature().equals(Infoblock.DAX_SIG)) {
            throw unusable(live, facts, dmesg, LibnvdimmRules.PFN_VALIDATE_ALIGNMENT, null,
                    LibnvdimmRules.PFN_VALIDATE_ALIGNMENT.message(live.align(), align));
        }
        // A live device configured by ndctl has a fresh uuid, so an older infoblock never matches it; only a
        // device given the infoblock's own uuid by hand (`claim ... infoblock-uuid`) can disagree on settings.
        if (live.uuid() != null && !live.uuid().equals(sb.uuid())) {
            throw noInfoblock();
        }
        if (live.uuid() != null && (live.align() != align || live.mode() != sb.mode())) {
            NdException e = unusable(live, facts, dmesg, LibnvdimmRules.PFN_VALIDATE_SETTINGS, Errno.EINVAL,
                    LibnvdimmRules.PFN_VALIDATE_SETTINGS.message());
            dmesg.kernel(live.prefix() + ": align: " + Long.toHexString(live.align()) + ":" + Long.toHexString(align)
                    + " mode: " + pfnModeNumber(live.mode()) + ":" + pfnModeNumber(sb.mode()));
            throw e;
        }
        if (align > ns.size) {
            throw unusable(live, facts, dmesg, LibnvdimmRules.PFN_VALIDATE_CAPACITY, Errno.EINVAL,
                    LibnvdimmRules.PFN_VALIDATE_CAPACITY.message(Long.toHexString(align), Long.toHexString(ns.size)));
        }
        if (sb.dataoff() >= ns.size) {
            throw unusable(live, facts, dmesg, LibnvdimmRules.PFN_VALIDATE_DATAOFF, Errno.EBUSY,
                    LibnvdimmRules.PFN_VALIDATE_DATAOFF.message(ns.dev()));
        }
        if (!Align.is(ns.start + sb.dataoff() + sb.startPad(), align) || !Align.is(sb.dataoff(), facts.pageSize())) {
            throw unusable(live, facts, dmesg, LibnvdimmRules.PFN_VALIDATE_OFFSET, Errno.ENXIO,
                    LibnvdimmRules.PFN_VALIDATE_OFFSET.message(Align.hex(sb.dataoff()), Align.hex(align)));
        }
        if (!facts.kernel().crossArchAlign()) {
            return sb;
        }
        long compat = facts.memremapCompatAlign();
        if (!Align.is(ns.start + sb.startPad(), compat)) {
            throw unusable(live, facts, dmesg, LibnvdimmRules.PFN_VALIDATE_COMPAT, null,
                    LibnvdimmRules.PFN_VALIDATE_COMPAT.message("start"));
        }
        if (!Align.is(ns.start + ns.size - sb.endTrunc(), compat)) {
            throw unusable(live, facts, dmesg, LibnvdimmRules.PFN_VALIDATE_COMPAT, null,
                    LibnvdimmRules.PFN_VALIDATE_COMPAT.message("end"));
        }
        if (facts.kernel().pfnZeroSizeChecks() && sb.dataoff() >= ns.size - sb.startPad() - sb.endTrunc()) {
            throw unusable(live, facts, dmesg, LibnvdimmRules.PFN_VALIDATE_SMALL, null,
                    LibnvdimmRules.PFN_VALIDATE_SMALL.message());
        }
        return sb;
    }

    /**
     * The pfn device maps its range: devm_memremap_pages(). Since 5.7 the checks above keep ranges misaligned
     * to memremap_compat_align() away from it; before, ppc64 crashed on them (seed S1:5826-5838) and the model
     * stops predicting there. A legacy start_pad maps, but DAX through it is broken (D-30).
     */
    static void map(Namespace ns, Infoblock.Pfn sb, PlatformFacts facts, Dmesg dmesg) throws NdException {
        long compat = facts.memremapCompatAlign();
        if (!facts.kernel().crossArchAlign() && facts.arch() == Arch.PPC64 && !(Align.is(ns.start + sb.startPad(),
                compat) && Align.is(ns.start + ns.size - sb.endTrunc(), compat))) {
            String msg = LibnvdimmRules.PFN_PRE57_PPC64_OOPS.message(ns.dev(), Align.hex(compat),
                    facts.kernel().name());
            dmesg.kernel("BUG: Unable to handle kernel data access");
            dmesg.advise(LibnvdimmRules.PFN_PRE57_PPC64_OOPS, msg);
            throw new NdException(null, LibnvdimmRules.PFN_PRE57_PPC64_OOPS, msg);
        }
        if (sb.startPad() != 0) {
            dmesg.advise(LibnvdimmRules.PFN_START_PAD_DAX,
                    LibnvdimmRules.PFN_START_PAD_DAX.message(ns.dev(), Align.hex(sb.startPad())));
        }
    }

    /** enum nd_pfn_mode: PFN_MODE_NONE 0, PFN_MODE_RAM 1, PFN_MODE_PMEM 2. */
    private static int pfnModeNumber(Infoblock.PfnMode mode) {
        return mode == null ? 0 : mode == Infoblock.PfnMode.RAM ? 1 : 2;
    }

    private static NdException noInfoblock() {
        return new NdException(Errno.ENODEV, LibnvdimmRules.PFN_INIT_LAYOUT, LibnvdimmRules.PFN_INIT_LAYOUT.message());
    }

    /**
     * A self-consistent infoblock this kernel cannot use: EOPNOTSUPP, which fails the probe. Before 5.7's
     * "Prevent raw mode fallback" (seed S1:5947-6003) four of the checks returned {@code before57} instead,
     * which nd_pmem_probe() answers by exposing the namespace raw; null: EOPNOTSUPP on every kernel.
     */
    private static NdException unusable(Device live, PlatformFacts facts, Dmesg dmesg, Rule rule, Errno before57,
            String message) {
        dmesg.kernel(live.prefix() + ": " + message);
        dmesg.applied(rule);
        if (before57 != null && !facts.kernel().crossArchAlign()) {
            dmesg.applied(LibnvdimmRules.PMEM_PROBE_RAW_FALLBACK);
            return new NdException(before57, rule, message);
        }
        dmesg.applied(LibnvdimmRules.PMEM_PROBE_NO_FALLBACK);
        return new NdException(Errno.EOPNOTSUPP, rule, message);
    }

    /**
     * nd_pfn_init(): keeps a valid infoblock; otherwise, on -ENODEV only, lays out and writes a new one
     * (version 1.4, start_pad 0).
     */
    static Infoblock.Pfn init(Device live, Namespace ns, Media media, PlatformFacts facts, Dmesg dmesg)
            throws NdException {
        try {
            return validate(live, ns, media.infoblock(ns.mediaKey()), facts, dmesg);
        } catch (NdException e) {
            if (e.errno() != Errno.ENODEV) {
                throw e;
            }
        }
        Region region = ns.region();
        if (region.readOnly()) {
            dmesg.kernel(live.prefix() + ": " + region.dev() + " is read-only, unable to init metadata");
            throw new NdException(Errno.ENXIO, LibnvdimmRules.PFN_INIT_CAPACITY,
                    LibnvdimmRules.PFN_INIT_CAPACITY.message(region.dev(), "is read-only"));
        }
        long start = ns.start;
        long size = ns.size;
        long npfns = (size - SZ_8K) / facts.pageSize();
        // before 5.7 the layout aligned to SUBSECTION_SIZE and took any start (seed S1:5820-5940, v4 3/5)
        boolean compatChecked = facts.kernel().crossArchAlign();
        long compat = compatChecked ? facts.memremapCompatAlign() : PlatformFacts.SUBSECTION_SIZE;
        long align = Math.max(live.align(), compat);
        if (compatChecked) {
            dmesg.applied(LibnvdimmRules.PFN_INIT_START);
        }
        if (compatChecked && !Align.is(start, compat)) {
            String msg = LibnvdimmRules.PFN_INIT_START.message(ns.dev(), Align.pa(start), Align.hex(compat));
            dmesg.kernel(live.prefix() + ": " + msg);
            throw new NdException(Errno.EINVAL, LibnvdimmRules.PFN_INIT_START, msg);
        }
        long endTrunc = start + size - Align.down(start + size, align);
        long offset = live.mode() == Infoblock.PfnMode.PMEM
                ? Align.up(start + SZ_8K + MAX_STRUCT_PAGE_SIZE * npfns, align) - start
                : Align.up(start + SZ_8K, align) - start;
        // 6.5+ counts the end_trunc cut too: before, dataoff inside it gave a device with no data (KernelProfile)
        if (offset >= size - (facts.kernel().pfnZeroSizeChecks() ? endTrunc : 0)) {
            String msg = LibnvdimmRules.PFN_INIT_CAPACITY.message(ns.dev(), "unable to satisfy requested alignment");
            dmesg.kernel(live.prefix() + ": " + msg);
            throw new NdException(Errno.ENXIO, LibnvdimmRules.PFN_INIT_CAPACITY, msg);
        }
        dmesg.applied(LibnvdimmRules.PFN_INIT_LAYOUT);
        npfns = (size - offset - endTrunc) / facts.pageSize();
        Infoblock.Pfn sb = new Infoblock.Pfn(live.signature(), live.uuid(), ns.parentUuid(), 4, live.mode(), offset,
                npfns, 0, endTrunc, live.align(), facts.pageSize(), MAX_STRUCT_PAGE_SIZE);
        media.writeInfoblock(ns.mediaKey(), sb);
        return sb;
    }

    /** The smallest namespace a pfn/dax device can claim (claim.c nd_namespace_store). */
    static final long MIN_CLAIM_SIZE = 16 * PlatformFacts.M;
}
