package org.pmdl.model.libnvdimm;

import java.util.List;
import org.pmdl.model.kernel.Errno;
import org.pmdl.model.rules.Rule;
import org.pmdl.model.scenario.Action;
import org.pmdl.model.scenario.NamespaceMode;
import org.pmdl.model.scenario.PfnMap;

/**
 * ndctl 76.1 as PMDL's steps use it: its own checks (ndctl/namespace.c validate_namespace_options and
 * setup_namespace) and then the kernel's sysfs writes in ndctl's order, with ndctl's defaults (autolabel and
 * autorecover on). {@code force} is ndctl's -f: it lifts only check_dax_align() (and the refusal to touch an
 * active namespace); ndctl's size checks stay. Messages go to the log prefixed "ndctl: " as ndctl prints them:
 * err() lines carry the command name and suppress the final "failed to ..." line, error() lines do not.
 */
public final class Ndctl {
    private static final long SZ_16M = 16L << 20;
    /** ndctl/namespace.c set_defaults(): sector mode defaults to 4096-byte sectors. */
    private static final long DEFAULT_BTT_SECTOR = 4096;
    /** namespace_devs.c pmem_lbasize_supported. */
    private static final List<Long> PMEM_LBASIZES = List.of(512L, 4096L);
    /** ndctl/namespace.c SUBSECTION_SIZE (1 << 21) for write-infoblock, whatever the architecture. */
    private static final long WRITE_INFOBLOCK_SUBSECTION = 2L << 20;

    private final NvdimmBus bus;
    private final Dmesg dmesg;
    private String cmd;
    private int errCount;

    public Ndctl(NvdimmBus bus) {
        this.bus = bus;
        this.dmesg = bus.dmesg();
    }

    /** What validate_namespace_options() settles before setup_namespace() writes sysfs. */
    private record Params(NamespaceMode mode, long size, long align, Infoblock.PfnMode loc, long sectorSize,
            boolean force) {
    }

    /** ndctl create-namespace -r REGION -m MODE [-s SIZE] [-a ALIGN] [-M MAP] [-l SECTOR] [-f]. */
    public Namespace createNamespace(Region region, Action.CreateNamespace a) throws NdException {
        begin("create namespace");
        return finish("create", () -> {
            Params p = validate(region, null, a.mode(), a.size(), a.align(), a.map(), a.sectorSize(), a.force());
            Namespace ns = regionGetNamespace(region);
            if (ns == null) {
                dmesg.applied(LibnvdimmRules.NDCTL_NO_SEED);
                throw new NdException(Errno.ENOSPC, LibnvdimmRules.NDCTL_NO_SEED,
                        region.dev() + ": no idle namespace seed");
            }
            try {
                setupNamespace(region, ns, p, a.name());
            } catch (NdException e) {
                if (!e.kernelCrashed()) { // ndctl, killed under the crash, recovers nothing
                    autorecover(ns);
                }
                throw e;
            }
            return ns;
        });
    }

    /** namespace_create() with autorecover: a namespace that failed to come up gives its capacity back. */
    private void autorecover(Namespace ns) {
        if (ns.io() || ns.uuid == null) {
            return;
        }
        try {
            namespaceDelete(ns);
            ns.userName(null);
        } catch (NdException e) {
            // "failed to reclaim" is only a debug message: the namespace keeps its capacity
        }
    }

    /**
     * ndctl create-namespace -f -e NAMESPACE -m MODE ...: same capacity, new personality. PMDL's reconfigure
     * always carries -f (language.md), so an active namespace is taken down and check_dax_align() is skipped.
     */
    public Namespace reconfigure(Namespace ns, Action.Reconfigure a) throws NdException {
        begin("create namespace");
        return finish("reconfigure", () -> {
            Region region = ns.region();
            Params p = validate(region, ns, a.mode(), null, a.align(), a.map(), a.sectorSize(), true);
            prepReconfig(ns);
            Namespace target = ns;
            if (region.nstype() == Region.NSTYPE_IO && enableLabels(region)) {
                target = regionGetNamespace(region);
                if (target == null) {
                    throw new NdException(Errno.ENODEV, LibnvdimmRules.NDCTL_NO_SEED,
                            region.dev() + ": no idle namespace seed");
                }
            }
            setupNamespace(region, target, p, ns.userName());
            return target;
        });
    }

    /**
     * ndctl destroy-namespace -f NAMESPACE: disable, zero the infoblock, delete a labelled allocation. A
     * label-less namespace cannot be deleted; it counts as destroyed only if an infoblock was zeroed.
     */
    public void destroy(Namespace ns) throws NdException {
        begin("destroy namespace");
        boolean zeroed = prepReconfig(ns);
        int destroyed = 1;
        if (ns.io()) {
            destroyed = zeroed ? 1 : 0;
        } else {
            namespaceDelete(ns);
            ns.userName(null);
        }
        dmesg.ndctl("destroyed " + destroyed + " namespace" + (destroyed == 1 ? "" : "s"));
    }

    /**
     * ndctl disable-region, init-labels DIMM (ndctl/dimm.c: label version 1.1 by default), enable-region: the
     * DIMM's regions come back labelled, with one empty seed namespace.
     */
    /** ndctl disable-namespace: the namespace and the device claiming it are unbound; the media keep all. */
    public void disableNamespace(Namespace ns) throws NdException {
        bus.pmem().disable(ns);
        dmesg.ndctl("disabled 1 namespace");
    }

    /** ndctl enable-namespace: the kernel probes the namespace with whatever infoblock its media hold. */
    public void enableNamespace(Namespace ns) throws NdException {
        Rule refused = bus.pmem().enable(ns);
        if (!ns.enabled) {
            dmesg.ndctl("libndctl: ndctl_namespace_enable: " + ns.dev() + ": failed to enable");
            dmesg.ndctl("error enabling namespaces: " + Errno.ENXIO.strerror());
            dmesg.ndctl("enabled 0 namespaces");
            dmesg.applied(LibnvdimmRules.NDCTL_ENABLE);
            throw new NdException(Errno.ENXIO, refused, ns.dev() + ": failed to enable");
        }
        dmesg.ndctl("enabled 1 namespace");
    }

    /**
     * ndctl write-infoblock (namespace_rw_infoblock, write_pfn_sb): on a disabled namespace, through a raw
     * enable, a version 1.4 pfn or dax infoblock whose start_pad and end_trunc are taken against --offset
     * rather than the namespace base, so legacy (pre-5.7) layouts can be reproduced.
     */
    public void writeInfoblock(Namespace ns, Action.WriteInfoblock a) throws NdException {
        dmesg.applied(LibnvdimmRules.NDCTL_INFOBLOCK_BUSY);
        if (ns.enabled) {
            throw new NdException(Errno.EBUSY, LibnvdimmRules.NDCTL_INFOBLOCK_BUSY,
                    ns.dev() + " enabled, must be disabled");
        }
        bus.pmem().forceRawEnable(ns); // gives ndctl a block device to write to
        long pageSize = bus.facts().pageSize();
        long size = ns.size;
        long start = a.offset() == null ? 0 : a.offset();
        long pfnAlign = a.align() == null ? pageSize : a.align();
        long align = Math.max(pfnAlign, WRITE_INFOBLOCK_SUBSECTION);
        long startPad = Align.up(start, align) - start;
        long endTrunc = start + size - Align.down(start + size, align);
        Infoblock.PfnMode mode = a.map() == PfnMap.MEM ? Infoblock.PfnMode.RAM : Infoblock.PfnMode.PMEM;
        long npfns = (size - Pfn.SZ_8K) / pageSize;
        long offset = mode == Infoblock.PfnMode.PMEM
                ? Align.up(start + Pfn.SZ_8K + Pfn.MAX_STRUCT_PAGE_SIZE * npfns, align) - start
                : Align.up(start + Pfn.SZ_8K, align) - start;
        dmesg.applied(LibnvdimmRules.NDCTL_INFOBLOCK_LAYOUT);
        if (offset >= size) {
            dmesg.ndctl("Error: unable to satisfy requested alignment");
            throw new NdException(Errno.ENXIO, LibnvdimmRules.NDCTL_INFOBLOCK_LAYOUT,
                    "unable to satisfy requested alignment");
        }
        npfns = (size - offset - endTrunc - startPad) / pageSize;
        String signature = a.mode() == NamespaceMode.DEVDAX ? Infoblock.DAX_SIG : Infoblock.PFN_SIG;
        bus.media().writeInfoblock(ns.mediaKey(), new Infoblock.Pfn(signature, bus.media().newUuid(),
                ns.parentUuid(), 4, mode, offset, npfns, startPad, endTrunc, pfnAlign, pageSize,
                Pfn.MAX_STRUCT_PAGE_SIZE));
        dmesg.ndctl("wrote 1 infoblock");
    }

    public void initLabels(Nvdimm dimm) throws NdException {
        dmesg.applied(LibnvdimmRules.NDCTL_LABELS);
        if (!dimm.hasDriverData()) {
            dmesg.ndctl("initialized 0 nmem");
            throw new NdException(Errno.ENXIO, LibnvdimmRules.NDCTL_LABELS,
                    dimm.name() + " has no label area to initialize");
        }
        if (dimm.labelIndex().isPresent()) {
            dmesg.ndctl(dimm.name() + ": error: labels already initialized");
            dmesg.ndctl("initialized 0 nmem");
            throw new NdException(Errno.EBUSY, LibnvdimmRules.NDCTL_LABELS,
                    dimm.name() + ": labels already initialized");
        }
        bus.media().writeLabelIndex(dimm.name(), LabelIndex.initialized(dimm.spec().labelAreaSize(), 1));
        bus.reprobe(dimm);
        dmesg.ndctl("initialized 1 nmem");
    }

    // ---- ndctl/namespace.c ----

    private interface Command {
        Namespace run() throws NdException;
    }

    private void begin(String name) {
        cmd = name;
        errCount = 0;
    }

    /** cmd_create_namespace(): without an err() line so far, says "failed to <what> namespace: <strerror>". */
    private Namespace finish(String what, Command command) throws NdException {
        try {
            return command.run();
        } catch (NdException e) {
            if (errCount == 0 && !e.kernelCrashed()) {
                dmesg.ndctl("failed to " + what + " namespace: " + e.errno().strerror());
            }
            throw e;
        }
    }

    /** err(): "Error: <cmd>: ..." and counted. */
    private NdException err(Rule rule, Errno errno, String message) {
        errCount++;
        dmesg.ndctl("Error: " + cmd + ": " + message);
        dmesg.applied(rule);
        return new NdException(errno, rule, message);
    }

    /** error(): "Error: ..." and not counted. */
    private NdException error(Rule rule, Errno errno, String message) {
        dmesg.ndctl("Error: " + message);
        dmesg.applied(rule);
        return new NdException(errno, rule, message);
    }

    /** validate_namespace_options(), with validate_available_capacity() for a new namespace. */
    private Params validate(Region region, Namespace ns, NamespaceMode mode, Long sizeOption, Long alignOption,
            PfnMap map, Long sectorOption, boolean force) throws NdException {
        boolean labelLess = region.nstype() == Region.NSTYPE_IO;
        long size = sizeOption != null ? sizeOption : ns != null ? ns.size : 0;
        if (ns == null) {
            long available = labelLess ? region.size() : region.allocatableDpa(dmesg);
            dmesg.applied(LibnvdimmRules.NDCTL_CAPACITY);
            if (available == 0 || size > available) {
                throw new NdException(Errno.ENOSPC, LibnvdimmRules.NDCTL_CAPACITY, region.dev()
                        + ": insufficient capacity size: " + Long.toHexString(size) + " avail: "
                        + Long.toHexString(available));
            }
            size = size == 0 ? available : size;
        }
        if (labelLess && size != region.size()) {
            error(LibnvdimmRules.NDCTL_LABEL_LESS_SIZE, Errno.EINVAL,
                    "Legacy / label-less namespaces do not support sub-dividing a region");
            throw error(LibnvdimmRules.NDCTL_LABEL_LESS_SIZE, Errno.EINVAL, "Retry without -s/--size=");
        }
        long align = pfnAlign(region, ns, mode, alignOption);
        checkSize(region, mode, size, align, sizeOption);
        long sector = sectorSize(region, ns, mode, sectorOption);
        if (map != null && mode != NamespaceMode.FSDAX && mode != NamespaceMode.DEVDAX) {
            throw error(LibnvdimmRules.NDCTL_ALIGN_OPTION, Errno.EINVAL,
                    "--map only valid for an devdax mode pmem namespace");
        }
        Infoblock.PfnMode loc = map == PfnMap.MEM ? Infoblock.PfnMode.RAM : Infoblock.PfnMode.PMEM;
        return new Params(mode, size, align, loc, sector, force);
    }

    /**
     * The namespace alignment: --align must be one of the pfn/dax supported_alignments; without it, the
     * seed's default (HPAGE_PMD_SIZE), or PAGE_SIZE for raw/sector or when the region base is not aligned.
     */
    private long pfnAlign(Region region, Namespace ns, NamespaceMode mode, Long alignOption) throws NdException {
        boolean dax = mode == NamespaceMode.FSDAX || mode == NamespaceMode.DEVDAX;
        long pageSize = bus.facts().pageSize();
        dmesg.applied(LibnvdimmRules.NDCTL_ALIGN_OPTION);
        if (alignOption != null) {
            // parse_namespace_options(), before any other check: ndctl prints its usage and exits 129
            if (Long.bitCount(alignOption) != 1 || alignOption < pageSize) {
                throw error(LibnvdimmRules.NDCTL_ALIGN_OPTION, Errno.EINVAL,
                        "align must be a power-of-2 greater than " + pageSize);
            }
            if (!dax) {
                throw error(LibnvdimmRules.NDCTL_ALIGN_OPTION, Errno.ENXIO,
                        mode.keyword() + " mode does not support setting an alignment");
            }
            if (!bus.facts().supportedPfnAlignments().contains(alignOption)) {
                throw error(LibnvdimmRules.NDCTL_ALIGN_OPTION, Errno.ENXIO, "unsupported align: " + alignOption);
            }
            return alignOption;
        }
        long align;
        if (ns != null && mode == ns.ndctlMode()) {
            align = ns.infoblock instanceof Infoblock.Pfn pfn ? pfn.align() : pageSize;
        } else {
            align = dax ? bus.facts().defaultPfnAlign() : pageSize;
        }
        return Align.is(region.start(), align) ? align : pageSize; // "falling back to a page alignment"
    }

    /** The size checks ndctl makes against the region align, the namespace align and the 16M minimum. */
    private void checkSize(Region region, NamespaceMode mode, long size, long align, Long sizeOption)
            throws NdException {
        // libndctl reads a missing regionX/align (before 5.7) as ULONG_MAX, which skips this check
        if (region.hasAlignAttribute()) {
            dmesg.applied(LibnvdimmRules.NDCTL_REGION_ALIGN);
        }
        if (region.hasAlignAttribute() && size % region.align() != 0) {
            throw err(LibnvdimmRules.NDCTL_REGION_ALIGN, Errno.EINVAL, region.dev() + ": align setting is "
                    + Align.hex(region.align()) + " size " + Align.hex(size) + " is misaligned");
        }
        int ways = Math.max(1, region.mappings().size()); // ndctl_region_get_interleave_ways()
        if (size % (align * ways) != 0) {
            long units = sizeUnits(sizeOption);
            long sizeAlign = Math.max(units, align) * ways;
            long suggestion = (size / sizeAlign + 1) * sizeAlign / units;
            NdException e = err(LibnvdimmRules.NDCTL_SIZE_ALIGN, Errno.EINVAL,
                    "'--size=' must align to interleave-width: " + ways + " and alignment: " + align);
            dmesg.ndctl("did you intend --size=" + suggestion + unitSuffix(units) + "?");
            throw e;
        }
        if (size < SZ_16M && mode != NamespaceMode.RAW) {
            throw error(LibnvdimmRules.NDCTL_MIN_SIZE, Errno.EINVAL,
                    "'--size=' must be >= 16MiB for '" + mode.keyword() + "' mode");
        }
    }

    /** __parse_size64(): the unit the user wrote the size in, taken as the largest suffix that divides it. */
    private static long sizeUnits(Long size) {
        if (size == null) {
            return 1;
        }
        for (long unit : List.of(1L << 40, 1L << 30, 1L << 20, 1L << 10)) {
            if (size % unit == 0) {
                return unit;
            }
        }
        return 1;
    }

    private static String unitSuffix(long units) {
        return units == 1L << 40 ? "T" : units == 1L << 30 ? "G" : units == 1L << 20 ? "M"
                : units == 1L << 10 ? "K" : "";
    }

    /** The sector size: sector mode takes --sector-size (default 4096) from the BTT's supported list. */
    private long sectorSize(Region region, Namespace ns, NamespaceMode mode, Long sectorOption) throws NdException {
        if (mode == NamespaceMode.SECTOR) {
            long sector = sectorOption != null ? sectorOption : DEFAULT_BTT_SECTOR;
            dmesg.applied(LibnvdimmRules.NDCTL_SECTOR_SIZE);
            if (!Btt.LBASIZES.contains(sector)) {
                throw err(LibnvdimmRules.NDCTL_SECTOR_SIZE, Errno.EINVAL,
                        region.dev() + ": does not support btt sector_size " + sector);
            }
            return sector;
        }
        if (sectorOption != null) {
            boolean io = ns != null ? ns.io() : region.nstype() == Region.NSTYPE_IO;
            if (io || !PMEM_LBASIZES.contains(sectorOption)) {
                throw err(LibnvdimmRules.NDCTL_SECTOR_SIZE, Errno.EINVAL,
                        region.dev() + ": does not support namespace sector_size " + sectorOption);
            }
            return sectorOption;
        }
        return 512;
    }

    /** region_get_namespace(): namespace id 0 if idle, else the seed; either must be configuration-idle. */
    private static Namespace regionGetNamespace(Region region) {
        if (region.readOnly()) {
            return null;
        }
        Namespace ns = region.seed;
        for (Namespace n : region.namespaces()) {
            if (n.id() == 0 && idle(n)) {
                ns = n;
                break;
            }
        }
        return ns != null && idle(ns) ? ns : null;
    }

    /** ndctl_namespace_is_configuration_idle(). */
    private static boolean idle(Namespace ns) {
        return !ns.enabled && (!ns.configured() || ns.io());
    }

    /**
     * namespace_prep_reconfig(): disable, then zero_info_block() through a temporary raw enable; says whether
     * there was an infoblock to zero.
     */
    private boolean prepReconfig(Namespace ns) throws NdException {
        if (ns.region().readOnly()) {
            throw error(LibnvdimmRules.NDCTL_ENABLE, Errno.ENXIO, ns.dev() + ": read-only, re-configuration disabled");
        }
        bus.pmem().disable(ns);
        return zeroInfoBlock(ns);
    }

    /**
     * zero_info_block(): through a force_raw enable, the namespace's first 8K are zeroed; says whether they held
     * an infoblock.
     */
    private boolean zeroInfoBlock(Namespace ns) {
        bus.pmem().forceRawEnable(ns);
        boolean had = bus.media().infoblock(ns.mediaKey()).isPresent();
        bus.media().zeroInfoblock(ns.mediaKey());
        return had;
    }

    /**
     * libndctl ndctl_namespace_delete(): size 0 frees the DPA and the labels; a non-seed, non-0 namespace goes
     * away.
     */
    private void namespaceDelete(Namespace ns) throws NdException {
        bus.namespaceDevs().sizeStore(ns, 0);
    }

    /**
     * enable_labels() (autolabel): if every DIMM of a label-less region has label commands, disable the
     * region, write v1.2 label indexes, enable it again; the region comes back labelled.
     */
    private boolean enableLabels(Region region) {
        if (!region.mappings().stream().allMatch(m -> m.dimm().hasDriverData())) {
            return false; // -ENODEV: carry on label-less
        }
        for (Mapping m : region.mappings()) {
            bus.media().writeLabelIndex(m.dimm().name(), LabelIndex.initialized(m.dimm().spec().labelAreaSize(), 2));
            bus.reprobe(m.dimm());
        }
        return true;
    }

    /** setup_namespace(): uuid and size, then the personality's seed device, then enable. */
    private void setupNamespace(Region region, Namespace ns, Params p, String userName) throws NdException {
        if (!ns.io()) {
            bus.namespaceDevs().uuidStore(ns, bus.media().newUuid());
            try {
                bus.namespaceDevs().sizeStore(ns, p.size());
            } catch (NdException e) {
                throw err(e.rule(), e.errno(), ns.dev() + ": set_size failed: " + e.errno().strerror());
            }
        }
        ns.userName(userName); // the namespace now holds the user's configuration
        String claimUuid = bus.media().newUuid();
        // the device ndctl enables: the namespace itself, or the seed of the claim device for the mode
        boolean raw = p.mode() == NamespaceMode.RAW || (p.mode() == NamespaceMode.FSDAX && !doSetupPfn(ns, p));
        try {
            if (raw) {
                bus.pmem().enableRaw(ns);
            } else if (p.mode() == NamespaceMode.SECTOR) {
                bus.pmem().enableBtt(ns, p.sectorSize(), claimUuid);
            } else {
                checkDaxAlign(ns, p.force());
                bus.pmem().enablePfn(ns, p.mode(), p.loc(), p.align(), claimUuid);
            }
        } catch (NdException e) {
            if (e.rule() == LibnvdimmRules.NDCTL_DAX_ALIGN || e.kernelCrashed()) {
                throw e;
            }
            if (e.rule() == LibnvdimmRules.NS_CLAIM_SIZE) {
                throw err(e.rule(), e.errno(), claimSeedName(ns, p.mode()) + ": set_namespace failed: "
                        + e.errno().strerror());
            }
            dmesg.ndctl("libndctl: ndctl_" + (raw ? "namespace" : claimKind(p.mode())) + "_enable: "
                    + (raw ? ns.dev() : claimSeedName(ns, p.mode())) + ": failed to enable");
            dmesg.applied(LibnvdimmRules.NDCTL_ENABLE);
            error(LibnvdimmRules.NDCTL_ENABLE, Errno.ENXIO, ns.dev() + ": failed to enable");
            throw new NdException(Errno.ENXIO, e.rule(), e.getMessage());
        }
    }

    /**
     * do_setup_pfn(): fsdax needs a pfn device unless the namespace already reads as fsdax (a legacy PAGEMAP
     * namespace, mapped with struct pages) and the memmap may stay in RAM (map mem).
     */
    private static boolean doSetupPfn(Namespace ns, Params p) {
        return ns.ndctlMode() != NamespaceMode.FSDAX || p.loc() == Infoblock.PfnMode.PMEM;
    }

    /** check_dax_align(): ndctl wants fsdax/devdax namespaces 16M aligned unless forced. */
    private void checkDaxAlign(Namespace ns, boolean force) throws NdException {
        dmesg.applied(LibnvdimmRules.NDCTL_DAX_ALIGN);
        if (!force && !Align.is(ns.start, SZ_16M)) {
            throw error(LibnvdimmRules.NDCTL_DAX_ALIGN, Errno.EINVAL,
                    ns.dev() + " misaligned to 16M, adjust region alignment and retry");
        }
    }

    private static String claimKind(NamespaceMode mode) {
        return switch (mode) {
            case SECTOR -> "btt";
            case DEVDAX -> "dax";
            default -> "pfn";
        };
    }

    private static String claimSeedName(Namespace ns, NamespaceMode mode) {
        return ns.region().claimSeed(claimKind(mode));
    }
}
