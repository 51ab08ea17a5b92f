package org.pmdl.model.ndctl;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.pmdl.model.kernel.Errno;
import org.pmdl.model.libnvdimm.Align;
import org.pmdl.model.libnvdimm.Btt;
import org.pmdl.model.libnvdimm.Dmesg;
import org.pmdl.model.libnvdimm.Infoblock;
import org.pmdl.model.libnvdimm.LibnvdimmRules;
import org.pmdl.model.libnvdimm.Namespace;
import org.pmdl.model.libnvdimm.NamespaceDevs;
import org.pmdl.model.libnvdimm.NdException;
import org.pmdl.model.libnvdimm.NvdimmBus;
import org.pmdl.model.libnvdimm.Region;
import org.pmdl.model.scenario.NamespaceMode;
import org.pmdl.model.scenario.PfnMap;

/**
 * ndctl/namespace.c validate_namespace_options(): what create-namespace and reconfigure settle from their
 * options and the region's sysfs attributes before setup_namespace() writes anything.
 */
final class NamespaceOptions {
    static final long SZ_16M = 16L << 20;
    /** ndctl/namespace.c set_defaults(): sector mode defaults to 4096-byte sectors. */
    static final long DEFAULT_BTT_SECTOR = 4096;
    /** ndctl's "no sector size" (UINT_MAX): setup_namespace leaves the namespace's alone, a BTT takes 4096. */
    static final long UINT_MAX = 0xffffffffL;

    /** What validate_namespace_options() settles before setup_namespace() writes sysfs. */
    /** {@code uuid}: --uuid, or null for a fresh one (uuid_generate); {@code name}: the alt_name to write. */
    record Params(NamespaceMode mode, long size, long align, Infoblock.PfnMode loc, long sectorSize,
            boolean force, String uuid, String name) {
    }

    /** ndctl/namespace.c NSLABEL_NAME_LEN: a label's name field, NUL included. */
    private static final int NSLABEL_NAME_LEN = 64;
    /** The text libuuid's uuid_parse() accepts: 36 characters, hyphens at 8, 13, 18 and 23, hex elsewhere. */
    private static final Pattern UUID = Pattern.compile("\\p{XDigit}{8}(-\\p{XDigit}{4}){3}-\\p{XDigit}{12}");

    private final NvdimmBus bus;
    private final Dmesg dmesg;
    private final CommandLog log;

    NamespaceOptions(NvdimmBus bus, CommandLog log) {
        this.bus = bus;
        this.dmesg = bus.dmesg();
        this.log = log;
    }

    /**
     * validate_namespace_options(), with validate_available_capacity() for a new namespace. Without --mode,
     * create-namespace takes fsdax (parse_namespace_options: type pmem, mode_default; every modelled region has a
     * pfn seed) and a reconfigure keeps the namespace's mode (ndctl_namespace_get_mode).
     */
    Params validate(Region region, Namespace ns, NamespaceMode modeOption, Long sizeOption, Long alignOption,
            PfnMap map, Long sectorOption, boolean force, String uuidOption, String nameOption) throws NdException {
        if (uuidOption != null || nameOption != null) {
            dmesg.applied(LibnvdimmRules.NDCTL_NS_IDENTITY);
        }
        if (uuidOption != null && !UUID.matcher(uuidOption).matches()) {
            // parse_namespace_options(), before any device is looked at: ndctl prints its usage and exits 129
            throw log.error(LibnvdimmRules.NDCTL_NS_IDENTITY, Errno.EINVAL,
                    LibnvdimmRules.NDCTL_NS_IDENTITY.message("failed to parse uuid: '" + uuidOption + "'"));
        }
        NamespaceMode mode = modeOption != null ? modeOption : ns != null ? ns.ndctlMode() : NamespaceMode.FSDAX;
        boolean labelLess = region.nstype() == Region.NSTYPE_IO;
        long size = sizeOption != null ? sizeOption : ns != null ? ns.size() : 0;
        if (ns == null) {
            long available = labelLess ? region.size() : region.allocatableDpa(dmesg);
            dmesg.applied(LibnvdimmRules.NDCTL_CAPACITY);
            if (available == 0 || size > available) {
                throw new NdException(Errno.ENOSPC, LibnvdimmRules.NDCTL_CAPACITY, LibnvdimmRules.NDCTL_CAPACITY
                        .message(region.dev(), "size: " + Long.toHexString(size) + " avail: "
                                + Long.toHexString(available)));
            }
            size = size == 0 ? available : size;
        }
        if (labelLess && size != region.size()) {
            // the line before the refusal's own
            dmesg.ndctl("Error: Legacy / label-less namespaces do not support sub-dividing a region");
            throw log.error(LibnvdimmRules.NDCTL_LABEL_LESS_SIZE, Errno.EINVAL,
                    LibnvdimmRules.NDCTL_LABEL_LESS_SIZE.message());
        }
        // --name, else (reconfigure) the namespace's alt_name: kept across a reconfigure, unlike the uuid
        String name = nameOption != null ? nameOption : ns != null ? ns.altName() : "";
        if (name.length() >= NSLABEL_NAME_LEN) {
            throw log.err(LibnvdimmRules.NDCTL_NS_IDENTITY, Errno.EINVAL,
                    LibnvdimmRules.NDCTL_NS_IDENTITY.message("validate_namespace_options: alt name overflow"));
        }
        long align = pfnAlign(region, ns, mode, alignOption);
        checkSize(region, mode, size, align, sizeOption, ns == null && sizeOption == null);
        long sector = sectorSize(region, ns, mode, modeOption, sectorOption);
        if (map != null && mode != NamespaceMode.FSDAX && mode != NamespaceMode.DEVDAX) {
            throw log.error(LibnvdimmRules.NDCTL_MAP_OPTION, Errno.EINVAL, LibnvdimmRules.NDCTL_MAP_OPTION.message());
        }
        Infoblock.PfnMode loc = map == PfnMap.MEM ? Infoblock.PfnMode.RAM : Infoblock.PfnMode.PMEM;
        return new Params(mode, size, align, loc, sector, force,
                uuidOption == null ? null : uuidOption.toLowerCase(Locale.ROOT), name);
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
                throw log.error(LibnvdimmRules.NDCTL_ALIGN_OPTION, Errno.EINVAL,
                        "align must be a power-of-2 greater than " + pageSize);
            }
            if (!dax) {
                throw log.error(LibnvdimmRules.NDCTL_ALIGN_OPTION, Errno.ENXIO,
                        mode.keyword() + " mode does not support setting an alignment");
            }
            if (!bus.facts().supportedPfnAlignments().contains(alignOption)) {
                throw log.error(LibnvdimmRules.NDCTL_ALIGN_OPTION, Errno.ENXIO, "unsupported align: " + alignOption);
            }
            return alignOption;
        }
        long align;
        if (ns != null && mode == ns.ndctlMode()) {
            align = ns.infoblock() instanceof Infoblock.Pfn pfn ? pfn.align() : pageSize;
        } else {
            align = dax ? bus.facts().defaultPfnAlign() : pageSize;
        }
        return Align.is(region.start(), align) ? align : pageSize; // "falling back to a page alignment"
    }

    /** The size checks ndctl makes against the region align, the namespace align and the 16M minimum. */
    private void checkSize(Region region, NamespaceMode mode, long size, long align, Long sizeOption,
            boolean defaultSize) throws NdException {
        // libndctl reads a missing regionX/align (before 5.7) as ULONG_MAX, which skips this check
        if (region.hasAlignAttribute()) {
            dmesg.applied(LibnvdimmRules.NDCTL_REGION_ALIGN);
        }
        if (region.hasAlignAttribute() && size % region.align() != 0) {
            throw log.err(LibnvdimmRules.NDCTL_REGION_ALIGN, Errno.EINVAL, LibnvdimmRules.NDCTL_REGION_ALIGN
                    .message(region.dev(), Align.hex(region.align()), Align.hex(size)));
        }
        int ways = Math.max(1, region.mappings().size()); // ndctl_region_get_interleave_ways()
        if (size % (align * ways) != 0) {
            long units = sizeUnits(sizeOption);
            long sizeAlign = Math.max(units, align) * ways;
            long suggestion = (size / sizeAlign + 1) * sizeAlign / units;
            String suggested = suggestion + unitSuffix(units);
            NdException e = log.err(LibnvdimmRules.NDCTL_SIZE_ALIGN, Errno.EINVAL,
                    LibnvdimmRules.NDCTL_SIZE_ALIGN.message(ways, align), Map.of("suggested_size", suggested));
            dmesg.ndctl("did you intend --size=" + suggested + "?");
            throw e;
        }
        if (size < SZ_16M && mode != NamespaceMode.RAW && defaultSize) {
            // "insufficient capacity for mode" is only a debug line: -EAGAIN, which create reports as ENOSPC
            dmesg.applied(LibnvdimmRules.NDCTL_CAPACITY);
            throw new NdException(Errno.ENOSPC, LibnvdimmRules.NDCTL_CAPACITY,
                    LibnvdimmRules.NDCTL_CAPACITY.message(region.dev(), "for mode: " + mode.keyword()));
        }
        if (size < SZ_16M && mode != NamespaceMode.RAW) {
            throw log.error(LibnvdimmRules.NDCTL_MIN_SIZE, Errno.EINVAL,
                    LibnvdimmRules.NDCTL_MIN_SIZE.message(mode.keyword()));
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

    /**
     * The sector size. --sector-size, or 4096 when -m sector is given without it (parse_namespace_options), is
     * checked against the BTT's or the namespace's supported sizes. Without either, a reconfigure that stays in
     * sector mode keeps the BTT's sector size (ndctl_btt_get_sector_size) and any other keeps the namespace's own
     * sector_size (ndctl_namespace_get_sector_size: 0 for namespace_io, which has none, {@link #UINT_MAX} while a
     * pmem namespace has none selected); a new namespace takes 512, or UINT_MAX where the seed is label-less.
     */
    private long sectorSize(Region region, Namespace ns, NamespaceMode mode, NamespaceMode modeOption,
            Long sectorOption) throws NdException {
        Long option = sectorOption != null ? sectorOption
                : modeOption == NamespaceMode.SECTOR ? DEFAULT_BTT_SECTOR : null;
        if (option != null || mode == NamespaceMode.SECTOR) {
            dmesg.applied(LibnvdimmRules.NDCTL_SECTOR_SIZE);
        }
        if (option == null) {
            if (ns == null) {
                return region.nstype() == Region.NSTYPE_IO ? UINT_MAX : 512;
            }
            if (mode == NamespaceMode.SECTOR && ns.infoblock() instanceof Infoblock.Btt btt) {
                return btt.lbasize();
            }
            return ns.io() ? 0 : ns.lbasize() == 0 ? UINT_MAX : ns.lbasize();
        }
        if (mode == NamespaceMode.SECTOR) {
            if (!Btt.LBASIZES.contains(option)) {
                throw log.err(LibnvdimmRules.NDCTL_SECTOR_SIZE, Errno.EINVAL,
                        LibnvdimmRules.NDCTL_SECTOR_SIZE.message(region.dev(), "btt", option));
            }
            return option;
        }
        boolean io = ns != null ? ns.io() : region.nstype() == Region.NSTYPE_IO;
        if (io || !NamespaceDevs.PMEM_LBASIZES.contains(option)) {
            throw log.err(LibnvdimmRules.NDCTL_SECTOR_SIZE, Errno.EINVAL,
                    LibnvdimmRules.NDCTL_SECTOR_SIZE.message(region.dev(), "namespace", option));
        }
        return option;
    }
}
