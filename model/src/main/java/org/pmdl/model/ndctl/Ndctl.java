package org.pmdl.model.ndctl;

import java.util.List;
import java.util.function.Predicate;
import org.pmdl.model.kernel.Errno;
import org.pmdl.model.libnvdimm.Align;
import org.pmdl.model.libnvdimm.Dmesg;
import org.pmdl.model.libnvdimm.Infoblock;
import org.pmdl.model.libnvdimm.LabelIndex;
import org.pmdl.model.libnvdimm.LibnvdimmRules;
import org.pmdl.model.libnvdimm.Mapping;
import org.pmdl.model.libnvdimm.Namespace;
import org.pmdl.model.libnvdimm.NamespaceDevs;
import org.pmdl.model.libnvdimm.NdException;
import org.pmdl.model.libnvdimm.NvdimmBus;
import org.pmdl.model.libnvdimm.Pfn;
import org.pmdl.model.libnvdimm.Region;
import org.pmdl.model.ndctl.NamespaceOptions.Params;
import org.pmdl.model.rules.Rule;
import org.pmdl.model.scenario.Action;
import org.pmdl.model.scenario.NamespaceMode;
import org.pmdl.model.scenario.PfnMap;

/**
 * ndctl 76.1 as PMDL's steps use it: user space in front of the kernel's libnvdimm. Its own checks
 * ({@link NamespaceOptions}, setup_namespace) and then the kernel's sysfs writes in ndctl's order, with ndctl's
 * defaults (autolabel and autorecover on). {@code force} is ndctl's -f: it lifts only check_dax_align() (and the
 * refusal to touch an active namespace); ndctl's size checks stay. Messages go to the log as ndctl prints them
 * ({@link CommandLog}).
 */
public final class Ndctl {
    /** ndctl/namespace.c SUBSECTION_SIZE (1 << 21) for write-infoblock, whatever the architecture. */
    private static final long WRITE_INFOBLOCK_SUBSECTION = 2L << 20;

    private final NvdimmBus bus;
    private final Dmesg dmesg;
    private final CommandLog log;
    private final NamespaceOptions options;
    /** libdaxctl's daxctl_dev_has_online_memory() over a devdax namespace's dax devices. */
    private final Predicate<Namespace> daxMemoryOnline;

    public Ndctl(NvdimmBus bus) {
        this(bus, ns -> false);
    }

    /** {@code daxMemoryOnline}: whether a namespace's dax device has memory online as system-ram now. */
    public Ndctl(NvdimmBus bus, Predicate<Namespace> daxMemoryOnline) {
        this.bus = bus;
        this.dmesg = bus.dmesg();
        this.log = new CommandLog(dmesg);
        this.options = new NamespaceOptions(bus, log);
        this.daxMemoryOnline = daxMemoryOnline;
    }

    /** ndctl create-namespace -r REGION -m MODE [-s SIZE] [-a ALIGN] [-M MAP] [-l SECTOR] [-f]. */
    public Namespace createNamespace(Region region, Action.CreateNamespace a) throws NdException {
        log.begin("create namespace");
        return log.finish("create", () -> {
            dmesg.applied(LibnvdimmRules.NDCTL_REGION_DISABLED);
            if (!region.enabled()) { // validate_namespace_options(): -EAGAIN, no other region is tried
                throw new NdException(Errno.ENOSPC, LibnvdimmRules.NDCTL_REGION_DISABLED,
                        LibnvdimmRules.NDCTL_REGION_DISABLED.message(region.dev()));
            }
            Params p = options.validate(region, null, a.mode(), a.size(), a.align(), a.map(), a.sectorSize(),
                    a.force(), a.uuid(), a.altName());
            Namespace ns = regionGetNamespace(region);
            if (ns == null) {
                dmesg.applied(LibnvdimmRules.NDCTL_NO_SEED);
                throw new NdException(Errno.ENOSPC, LibnvdimmRules.NDCTL_NO_SEED,
                        LibnvdimmRules.NDCTL_NO_SEED.message(region.dev()));
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
        if (ns.io() || ns.uuid() == null) {
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
        log.begin("create namespace");
        return log.finish("reconfigure", () -> {
            Region region = ns.region();
            Params p = options.validate(region, ns, a.mode(), null, a.align(), a.map(), a.sectorSize(), true,
                    a.uuid(), a.altName());
            prepReconfig(ns);
            Namespace target = ns;
            if (region.nstype() == Region.NSTYPE_IO && enableLabels(region)) {
                target = regionGetNamespace(region);
                if (target == null) {
                    throw new NdException(Errno.ENODEV, LibnvdimmRules.NDCTL_NO_SEED,
                            LibnvdimmRules.NDCTL_NO_SEED.message(region.dev()));
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
        log.begin("destroy namespace");
        boolean zeroed;
        try {
            zeroed = prepReconfig(ns);
        } catch (NdException e) {
            if (e.rule() == LibnvdimmRules.NDCTL_DAX_SYSTEM_RAM) {
                dmesg.ndctl("error destroying namespaces: " + e.errno().strerror());
                dmesg.ndctl("destroyed 0 namespaces");
            }
            throw e;
        }
        int destroyed = 1;
        if (ns.io()) {
            destroyed = zeroed ? 1 : 0;
        } else {
            namespaceDelete(ns);
            ns.userName(null);
        }
        dmesg.ndctl("destroyed " + destroyed + " namespace" + (destroyed == 1 ? "" : "s"));
    }

    /** ndctl disable-namespace: the namespace and the device claiming it are unbound; the media keep all. */
    public void disableNamespace(Namespace ns) throws NdException {
        try {
            disableSafe(ns);
        } catch (NdException e) {
            dmesg.ndctl("error disabling namespaces: " + e.errno().strerror());
            dmesg.ndctl("disabled 0 namespaces");
            throw e;
        }
        dmesg.ndctl("disabled 1 namespace");
    }

    /**
     * ndctl disable-region (region.c region_action): every namespace through ndctl_namespace_disable_safe(),
     * then ndctl_region_disable_invalidate(). A namespace that refuses stops it, the namespaces before it stay
     * disabled and the region enabled; do_xable_region() only counts it out: "disabled 0 regions", exit status 0.
     * Returns what the step must warn of when a namespace refused, or null.
     */
    public Dmesg.Advisory disableRegion(Region region) {
        for (Namespace ns : List.copyOf(region.namespaces())) {
            try {
                disableSafe(ns);
            } catch (NdException e) {
                dmesg.applied(LibnvdimmRules.NDCTL_REGION_ACTIVE);
                dmesg.ndctl("disabled 0 regions");
                return new Dmesg.Advisory(LibnvdimmRules.NDCTL_REGION_ACTIVE,
                        LibnvdimmRules.NDCTL_REGION_ACTIVE.message(region.dev(), ns.dev()));
            }
        }
        bus.regionDisable(region);
        dmesg.ndctl("disabled 1 region");
        return null;
    }

    /** ndctl enable-region: ndctl_region_enable() binds the region, which probes its namespaces again. */
    public void enableRegion(Region region) {
        bus.regionEnable(region);
        dmesg.ndctl("enabled 1 region");
    }

    /**
     * ndctl_namespace_disable_safe(): a devdax namespace whose dax device has memory online as system-ram stays
     * (EBUSY; libndctl says why only at debug level); anything else is unbound.
     */
    void disableSafe(Namespace ns) throws NdException {
        if (ns.enabled() && daxMemoryOnline.test(ns)) {
            dmesg.applied(LibnvdimmRules.NDCTL_DAX_SYSTEM_RAM);
            throw new NdException(Errno.EBUSY, LibnvdimmRules.NDCTL_DAX_SYSTEM_RAM,
                    LibnvdimmRules.NDCTL_DAX_SYSTEM_RAM.message(ns.dev()));
        }
        bus.pmem().disable(ns);
    }

    /** ndctl enable-namespace: the kernel probes the namespace with whatever infoblock its media hold. */
    public void enableNamespace(Namespace ns) throws NdException {
        Rule refused = bus.pmem().enable(ns);
        if (!ns.enabled()) {
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
        if (ns.enabled()) {
            throw new NdException(Errno.EBUSY, LibnvdimmRules.NDCTL_INFOBLOCK_BUSY,
                    LibnvdimmRules.NDCTL_INFOBLOCK_BUSY.message(ns.dev()));
        }
        bus.pmem().forceRawEnable(ns); // gives ndctl a block device to write to
        long pageSize = bus.facts().pageSize();
        long size = ns.size();
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
                    LibnvdimmRules.NDCTL_INFOBLOCK_LAYOUT.message());
        }
        npfns = (size - offset - endTrunc - startPad) / pageSize;
        String signature = a.mode() == NamespaceMode.DEVDAX ? Infoblock.DAX_SIG : Infoblock.PFN_SIG;
        bus.media().writeInfoblock(ns.mediaKey(), new Infoblock.Pfn(signature, bus.media().newUuid(),
                ns.parentUuid(), 4, mode, offset, npfns, startPad, endTrunc, pfnAlign, pageSize,
                Pfn.MAX_STRUCT_PAGE_SIZE));
        dmesg.ndctl("wrote 1 infoblock");
    }

    /** region_get_namespace(): namespace id 0 if idle, else the seed; either must be configuration-idle. */
    private static Namespace regionGetNamespace(Region region) {
        if (region.readOnly()) {
            return null;
        }
        Namespace ns = region.seed();
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
        return !ns.enabled() && (!ns.configured() || ns.io());
    }

    /**
     * namespace_prep_reconfig(): disable, then zero_info_block() through a temporary raw enable; says whether
     * there was an infoblock to zero.
     */
    private boolean prepReconfig(Namespace ns) throws NdException {
        if (ns.region().readOnly()) {
            throw log.error(LibnvdimmRules.NDCTL_ENABLE, Errno.ENXIO,
                    LibnvdimmRules.NDCTL_ENABLE.message(ns.dev(), "read-only, re-configuration disabled"));
        }
        disableSafe(ns);
        return zeroInfoBlock(ns);
    }

    /**
     * zero_info_block(): through a force_raw enable, the namespace's first 8K are zeroed and force_raw is left 0;
     * says whether they held an infoblock.
     */
    private boolean zeroInfoBlock(Namespace ns) {
        bus.pmem().forceRawEnable(ns);
        boolean had = bus.media().infoblock(ns.mediaKey()).isPresent();
        bus.media().zeroInfoblock(ns.mediaKey());
        bus.namespaceDevs().forceRawStore(ns, false); // ndctl_namespace_set_raw_mode(ndns, 0), whatever it was
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

    /**
     * setup_namespace(): uuid, alt_name and size (a label-less namespace has none of them: ndctl skips them), then
     * the sector size, the personality's seed device, and the enable.
     */
    private void setupNamespace(Region region, Namespace ns, Params p, String userName) throws NdException {
        if (!ns.io()) {
            try {
                bus.namespaceUuidStore(ns, p.uuid() != null ? p.uuid() : bus.media().newUuid());
            } catch (NdException e) {
                throw log.err(e.rule(), e.errno(), ns.dev() + ": set_uuid failed: " + e.errno().strerror());
            }
            bus.namespaceDevs().altNameStore(ns, p.name());
            try {
                bus.namespaceDevs().sizeStore(ns, p.size());
            } catch (NdException e) {
                throw log.err(e.rule(), e.errno(), ns.dev() + ": set_size failed: " + e.errno().strerror());
            }
        }
        ns.userName(userName); // the namespace now holds the user's configuration
        setSectorSize(ns, p);
        String claimUuid = bus.media().newUuid();
        // the device ndctl enables: the namespace itself, or the seed of the claim device for the mode
        boolean raw = p.mode() == NamespaceMode.RAW || (p.mode() == NamespaceMode.FSDAX && !doSetupPfn(ns, p));
        try {
            if (raw) {
                bus.pmem().enableRaw(ns);
            } else if (p.mode() == NamespaceMode.SECTOR) {
                // a kernel without namespace sector sizes leaves UINT_MAX: the BTT takes ndctl's default
                long lbasize = p.sectorSize() == NamespaceOptions.UINT_MAX ? NamespaceOptions.DEFAULT_BTT_SECTOR
                        : p.sectorSize();
                bus.pmem().enableBtt(ns, lbasize, claimUuid);
            } else {
                checkDaxAlign(ns, p.force());
                bus.pmem().enablePfn(ns, p.mode(), p.loc(), p.align(), claimUuid);
            }
        } catch (NdException e) {
            if (e.rule() == LibnvdimmRules.NDCTL_DAX_ALIGN || e.kernelCrashed()) {
                throw e;
            }
            if (e.rule() == LibnvdimmRules.NS_CLAIM_SIZE) {
                throw log.err(e.rule(), e.errno(), claimSeedName(ns, p.mode()) + ": set_namespace failed: "
                        + e.errno().strerror());
            }
            dmesg.ndctl("libndctl: ndctl_" + (raw ? "namespace" : claimKind(p.mode())) + "_enable: "
                    + (raw ? ns.dev() : claimSeedName(ns, p.mode())) + ": failed to enable");
            dmesg.applied(LibnvdimmRules.NDCTL_ENABLE);
            log.error(LibnvdimmRules.NDCTL_ENABLE, Errno.ENXIO,
                    LibnvdimmRules.NDCTL_ENABLE.message(ns.dev(), "failed to enable"));
            throw new NdException(Errno.ENXIO, e.rule(), e.getMessage());
        }
    }

    /**
     * setup_namespace(): a sector size the namespace supports (a pmem namespace: 512, 4096) is written to its
     * sector_size, and so into its labels, whatever the mode: a namespace made sector with 4096-byte sectors
     * keeps sector_size 4096 when it is reconfigured raw or fsdax (t08). Any other size passes for sector mode
     * (the BTT's sector_size overrides it); none is left for validate_namespace_options() to refuse.
     */
    private void setSectorSize(Namespace ns, Params p) throws NdException {
        long size = p.sectorSize();
        if (size > 0 && size < NamespaceOptions.UINT_MAX && !ns.io() && NamespaceDevs.PMEM_LBASIZES.contains(size)) {
            dmesg.applied(LibnvdimmRules.NDCTL_NS_SECTOR_SIZE);
            bus.namespaceDevs().sectorSizeStore(ns, size);
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
        if (!force && !Align.is(ns.start(), NamespaceOptions.SZ_16M)) {
            throw log.error(LibnvdimmRules.NDCTL_DAX_ALIGN, Errno.EINVAL,
                    LibnvdimmRules.NDCTL_DAX_ALIGN.message(ns.dev()));
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
