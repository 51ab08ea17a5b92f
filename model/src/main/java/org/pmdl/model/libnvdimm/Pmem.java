package org.pmdl.model.libnvdimm;

import java.util.List;
import java.util.Optional;
import org.pmdl.model.kernel.Errno;
import org.pmdl.model.platform.PlatformFacts;
import org.pmdl.model.rules.Rule;
import org.pmdl.model.scenario.Action;
import org.pmdl.model.scenario.NamespaceMode;
import org.pmdl.model.scenario.PfnMap;

/**
 * drivers/nvdimm/pmem.c and the drivers it hands a namespace to: nd_pmem binding a namespace, or the btt,
 * pfn or dax device claiming it (dax_pmem for devdax), and unbinding them again.
 */
public final class Pmem {
    private final PlatformFacts facts;
    private final Media media;
    private final Dmesg dmesg;
    private final NamespaceDevs namespaces;

    Pmem(PlatformFacts facts, Media media, Dmesg dmesg, NamespaceDevs namespaces) {
        this.facts = facts;
        this.media = media;
        this.dmesg = dmesg;
        this.namespaces = namespaces;
    }

    /**
     * nd_pmem_probe() on a namespace: a BTT, pfn or dax infoblock makes that personality take it; an infoblock
     * this kernel cannot use fails the probe (-EOPNOTSUPP, no raw fallback); none means raw. Says which rule
     * refused it, or null.
     */
    Rule probe(Namespace ns) {
        if (ns.size < facts.pageSize()) {
            return LibnvdimmRules.NS_PROBE_MIN_SIZE; // nvdimm_namespace_common_probe(): -ENODEV, too small
        }
        // force_raw: nd_btt_probe(), nd_pfn_probe() and nd_dax_probe() return -ENODEV without reading the media
        if (ns.forceRaw) {
            dmesg.applied(LibnvdimmRules.NS_FORCE_RAW);
        }
        Optional<Infoblock> onMedia = ns.forceRaw ? Optional.empty() : media.infoblock(ns.mediaKey());
        Region region = ns.region();
        if (onMedia.orElse(null) instanceof Infoblock.Btt btt && btt.parentUuid().equals(ns.parentUuid())) {
            String dev = region.allocateClaimDevice("btt");
            try {
                Btt.attach(ns, btt, "nd_pmem " + dev, media, dmesg);
                checkAndSetRo(ns, dev, true);
                claimed(ns, NamespaceMode.SECTOR, dev);
                return null;
            } catch (NdException e) {
                region.releaseClaimDevice(dev);
                probeFailed("nd_pmem", dev, e);
                return e.rule();
            }
        }
        List<NamespaceMode> personalities = ns.forceRaw ? List.of()
                : List.of(NamespaceMode.FSDAX, NamespaceMode.DEVDAX);
        for (NamespaceMode mode : personalities) {
            boolean dax = mode == NamespaceMode.DEVDAX;
            String dev = region.allocateClaimDevice(dax ? "dax" : "pfn");
            // the probe's device is not registered on the bus yet: dev_err() prints it with an empty prefix
            // (" pfn1.1: bad offset: ...", observed on Linux 6.1.192, docs/kernel-observations t14)
            Pfn.Device probing = new Pfn.Device(" " + dev, dax ? Infoblock.DAX_SIG : Infoblock.PFN_SIG, null,
                    facts.defaultPfnAlign(), null);
            try {
                Infoblock.Pfn sb = Pfn.validate(probing, ns, onMedia, facts, dmesg);
                Pfn.map(ns, sb, facts, dmesg);
                ns.infoblock = sb;
                if (!dax) {
                    attachDisk(ns, dev);
                }
                claimed(ns, mode, dev);
                return null;
            } catch (NdException e) {
                region.releaseClaimDevice(dev);
                if (e.kernelCrashed()) {
                    return e.rule(); // nothing falls back
                }
                if (e.errno() == Errno.EOPNOTSUPP) {
                    probeFailed("nd_pmem", ns.dev(), e);
                    unusableProbed(ns);
                    return e.rule();
                }
            }
        }
        // the compat check of nvdimm_namespace_common_probe() came with 5.7 (seed S1:5820, v4 3/5)
        Rule misaligned = region.pagemap() && !ns.forceRaw && facts.kernel().crossArchAlign()
                ? namespaces.pagemapMisaligned(ns)
                : null;
        if (misaligned != null) {
            unusableProbed(ns);
            return misaligned;
        }
        attachDisk(ns, ns.dev());
        ns.enabled = true;
        ns.mode = NamespaceMode.RAW;
        namespaces.advanceSeed(ns);
        return null;
    }

    /** Binding nd_pmem to the namespace (ndctl_namespace_enable): says which rule refused it, or null. */
    public Rule enable(Namespace ns) {
        return ns.enabled ? null : probe(ns);
    }

    /** Binds nd_pmem to the namespace itself (ndctl_namespace_enable); a failed probe is ENXIO to ndctl. */
    public void enableRaw(Namespace ns) throws NdException {
        Rule refused = probe(ns);
        if (!ns.enabled) {
            throw new NdException(Errno.ENXIO, refused, ns.dev() + ": failed to enable");
        }
    }

    /** A force_raw enable of the namespace (no infoblock probing): a block device for its first bytes. */
    public void forceRawEnable(Namespace ns) {
        attachDisk(ns, ns.dev());
        ns.diskReadOnly = false; // ndctl disables it again once it has written
    }

    /**
     * The pfn/dax seed claims the namespace (claim.c nd_namespace_store) and is enabled: nd_pmem (fsdax) or
     * dax_pmem (devdax) probe it, and nvdimm_setup_pfn() → nd_pfn_init() validates or writes the infoblock.
     */
    public void enablePfn(Namespace ns, NamespaceMode mode, Infoblock.PfnMode location, long align, String uuid)
            throws NdException {
        boolean dax = mode == NamespaceMode.DEVDAX;
        String kind = dax ? "dax" : "pfn";
        String dev = ns.region().claimSeed(kind);
        namespaceStore(dev, ns);
        Pfn.Device live = new Pfn.Device((dax ? "dax_pmem " : "nd_pmem ") + dev,
                dax ? Infoblock.DAX_SIG : Infoblock.PFN_SIG, uuid, align, location);
        try {
            Infoblock.Pfn sb = Pfn.init(live, ns, media, facts, dmesg);
            Pfn.map(ns, sb, facts, dmesg);
            ns.infoblock = sb;
        } catch (NdException e) {
            probeFailed(dax ? "dax_pmem" : "nd_pmem", dev, e);
            throw e;
        }
        if (!dax) {
            attachDisk(ns, dev);
        }
        ns.region().advanceClaimSeed(kind);
        claimed(ns, mode, dev);
    }

    /**
     * The {@code claim} step: by hand in sysfs, the pfn/dax seed gets a uuid (the media infoblock's, or a fresh
     * one), mode, align and the namespace, and is bound. A namespace nd_pmem holds cannot be claimed.
     */
    public void claim(Namespace ns, Action.Claim a) throws NdException {
        dmesg.applied(LibnvdimmRules.CLAIM_ACTIVE);
        if (ns.enabled) {
            throw new NdException(Errno.EBUSY, LibnvdimmRules.CLAIM_ACTIVE,
                    LibnvdimmRules.CLAIM_ACTIVE.message(ns.dev()));
        }
        String uuid = a.infoblockUuid() && media.infoblock(ns.mediaKey()).orElse(null) instanceof Infoblock.Pfn sb
                ? sb.uuid() : media.newUuid();
        enablePfn(ns, a.mode() == null ? NamespaceMode.FSDAX : a.mode(),
                a.map() == PfnMap.MEM ? Infoblock.PfnMode.RAM : Infoblock.PfnMode.PMEM,
                a.align() == null ? facts.defaultPfnAlign() : a.align(), uuid);
    }

    /** The btt seed (btt_devs.c) claims the namespace and nd_pmem probes it: nvdimm_namespace_attach_btt(). */
    public void enableBtt(Namespace ns, long lbasize, String uuid) throws NdException {
        String dev = ns.region().claimSeed("btt");
        namespaceStore(dev, ns);
        Infoblock.Btt sb = new Infoblock.Btt(uuid, ns.parentUuid(), NamespaceDevs.bttClaimClass(ns), lbasize);
        try {
            Btt.attach(ns, sb, "nd_pmem " + dev, media, dmesg);
        } catch (NdException e) {
            probeFailed("nd_pmem", dev, e);
            ns.claimDev = dev; // ndctl has no way to detach a btt: its claim stays and blocks size changes
            throw e;
        }
        media.writeInfoblock(ns.mediaKey(), sb);
        checkAndSetRo(ns, dev, true); // btt_blk_init()
        ns.region().advanceClaimSeed("btt");
        claimed(ns, NamespaceMode.SECTOR, dev);
    }

    /**
     * Unbinds the namespace (and the device claiming it), as ndctl_namespace_disable_safe() asks. An fsdax pfn
     * device without data (npfns 0, which kernels before "Prevent the creation of zero-sized namespaces" let
     * nd_pfn_init() write) takes the kernel down: nd_pmem's release of its empty pgmap faults in memunmap_pages()
     * (t612c; a devdax one unbinds cleanly).
     */
    public void disable(Namespace ns) throws NdException {
        if (ns.enabled && ns.mode == NamespaceMode.FSDAX && ns.infoblock instanceof Infoblock.Pfn pfn
                && pfn.npfns() == 0 && !facts.kernel().pfnZeroSizeChecks()) {
            String msg = LibnvdimmRules.PFN_ZERO_SIZE_OOPS.message(ns.claimDev, facts.kernel().name());
            dmesg.kernel("BUG: unable to handle page fault");
            dmesg.advise(LibnvdimmRules.PFN_ZERO_SIZE_OOPS, msg);
            throw new NdException(null, LibnvdimmRules.PFN_ZERO_SIZE_OOPS, msg);
        }
        if (ns.claimDev != null) {
            ns.region().releaseClaimDevice(ns.claimDev);
        }
        ns.enabled = false;
        ns.diskReadOnly = false; // the disk goes with the driver; the next probe makes a new one
        ns.mode = NamespaceMode.RAW;
        ns.claimDev = null;
        ns.infoblock = null;
        ns.bttSize = 0;
    }

    /**
     * One read of the block holding byte {@code offset} of the namespace's device: 512 bytes of a raw or fsdax
     * block device (pmem_do_read checks is_bad_pmem on the disk's badblocks, which start at the data), a BTT
     * sector through nsio_rw_bytes at the arena's data (initial offset, 4K info block, LBA x internal lbasize: a
     * fresh arena maps each LBA to itself), a page loaded from a devdax device. Past the end: end of file, nothing
     * read. Returns the bytes read.
     */
    public long read(Namespace ns, long offset) throws NdException {
        dmesg.applied(LibnvdimmRules.PMEM_READ_POISON);
        if (!ns.enabled) {
            throw new NdException(Errno.ENOENT, LibnvdimmRules.PMEM_READ_POISON,
                    LibnvdimmRules.PMEM_READ_POISON.message(ns.dev(), "disabled: no block or dax device to read"));
        }
        Infoblock.Btt btt = ns.mode == NamespaceMode.SECTOR && ns.infoblock instanceof Infoblock.Btt b ? b : null;
        long block = btt != null ? Btt.sectorSize(btt.lbasize())
                : ns.mode == NamespaceMode.DEVDAX ? facts.pageSize() : Badrange.SECTOR;
        if (offset >= ns.usableSize()) {
            return 0;
        }
        long first = Align.down(offset, block);
        long at = btt != null ? ns.start + Btt.dataOffset(btt, first / block) : ns.dataStart() + first;
        if (media.poison().any(at, block)) {
            String what = ns.mode == NamespaceMode.DEVDAX
                    ? "load from a poisoned page: machine check, SIGBUS (memory_failure)"
                    : "I/O error reading block " + first / block + " (a known badblock)";
            throw new NdException(Errno.EIO, LibnvdimmRules.PMEM_READ_POISON,
                    LibnvdimmRules.PMEM_READ_POISON.message(ns.claimDev != null ? ns.claimDev : ns.dev(), what));
        }
        return block;
    }

    /** claim.c nd_namespace_store(): a claim device needs a namespace of at least 16M. */
    private void namespaceStore(String dev, Namespace ns) throws NdException {
        dmesg.applied(LibnvdimmRules.NS_CLAIM_SIZE);
        if (ns.size < Pfn.MIN_CLAIM_SIZE) {
            String msg = LibnvdimmRules.NS_CLAIM_SIZE.message(ns.dev());
            dmesg.kernel("nd " + dev + ": " + msg);
            throw new NdException(Errno.ENXIO, LibnvdimmRules.NS_CLAIM_SIZE, msg);
        }
    }

    /**
     * pmem_attach_disk(): nvdimm_has_flush() is -ENXIO for a region without DIMM mappings; the new disk then
     * takes its region's read_only.
     */
    private void attachDisk(Namespace ns, String dev) {
        if (ns.region().mappings().isEmpty()) {
            dmesg.applied(LibnvdimmRules.FLUSH_UNKNOWN);
            dmesg.kernel("nd_pmem " + dev + ": unable to guarantee persistence of writes");
        }
        checkAndSetRo(ns, dev, false);
    }

    /**
     * pmem.c pmem_revalidate_region() after a regionN/read_only write: the disk of a namespace nd_pmem holds
     * (raw, fsdax through its pfn device, sector through its btt device) catches up; dax_pmem has no notify.
     */
    void revalidateRegion(Namespace ns) {
        if (ns.enabled && ns.mode != NamespaceMode.DEVDAX) {
            checkAndSetRo(ns, ns.claimDev != null ? ns.claimDev : ns.dev(), ns.mode == NamespaceMode.SECTOR);
        }
    }

    /** bus.c nvdimm_check_and_set_ro(): the disk catches up with its region's read_only, and says so. */
    private void checkAndSetRo(Namespace ns, String dev, boolean btt) {
        boolean ro = ns.region().readOnly();
        if (ns.diskReadOnly == ro) {
            return;
        }
        dmesg.applied(LibnvdimmRules.REGION_RO_DISK);
        String state = ro ? "read-only" : "read-write";
        dmesg.kernel("nd_pmem " + dev + ": " + ns.region().dev() + " " + state + ", marking " + diskName(ns, btt)
                + " " + state);
        ns.diskReadOnly = ro;
    }

    /** nvdimm_namespace_disk_name(): pmem + region id, ".id" for a namespace id other than 0, "s" for a BTT. */
    private static String diskName(Namespace ns, boolean btt) {
        return "pmem" + ns.region().id() + (ns.id() == 0 ? "" : "." + ns.id()) + (btt ? "s" : "");
    }

    /** bus.c nvdimm_bus_probe() succeeded: the claim device holds the namespace, and the region advances its seeds. */
    private void claimed(Namespace ns, NamespaceMode mode, String dev) {
        ns.mode = mode;
        ns.claimDev = dev;
        ns.enabled = true;
        namespaces.advanceSeed(ns);
    }

    /**
     * bus.c nvdimm_bus_probe(): a probe that ends -EOPNOTSUPP advances the seeds as a success does ("the
     * namespace is there, only this kernel cannot use it"), so the region offers a new idle namespace (observed on
     * Linux 6.1.192 pseries: namespace0.2 after namespace0.0's devdax infoblock was refused, p04).
     */
    private void unusableProbed(Namespace ns) {
        dmesg.applied(LibnvdimmRules.PROBE_EOPNOTSUPP_SEED);
        namespaces.advanceSeed(ns);
    }

    /** drivers/base/dd.c really_probe(): -ENODEV/-ENXIO are a quiet "rejects match", others a warning. */
    private void probeFailed(String driver, String dev, NdException e) {
        if (!e.kernelCrashed() && e.errno() != Errno.ENXIO && e.errno() != Errno.ENODEV) {
            dmesg.kernel(driver + ": probe of " + dev + " failed with error -" + e.errno().number());
        }
    }
}
