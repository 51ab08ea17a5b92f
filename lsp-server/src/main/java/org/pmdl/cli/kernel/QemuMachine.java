package org.pmdl.cli.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.pmdl.model.topology.Arch;
import org.pmdl.model.platform.PlatformFacts;
import org.pmdl.model.topology.MappingSpec;
import org.pmdl.model.topology.Mmu;
import org.pmdl.model.topology.NvdimmSpec;
import org.pmdl.model.topology.PersistenceDomain;
import org.pmdl.model.topology.PlatformSpec;
import org.pmdl.model.topology.RegionSpec;
import org.pmdl.model.topology.ScmSpec;

/**
 * A platform as QEMU 7.2 can build it: x86 {@code -machine pc,nvdimm=on} with one {@code nvdimm} device per DIMM
 * (ACPI NFIT), or pseries with one {@code spapr-nvdimm} per SCM DRC (papr_scm).
 *
 * <p>Where QEMU puts things (hw/mem/nvdimm.c, hw/mem/memory-device.c, hw/i386/pc.c): with 2G of boot RAM the
 * device-memory window starts at 4G; each DIMM is placed at the first free address aligned to its backend's
 * page size (4K for a file), in command-line order; x86 carves the label area off the DIMM's end, so its region
 * is size − label-size long, and the next DIMM starts right after it (t05: region1 at 0x1fffe0000). Each DIMM
 * is its own region: QEMU has no interleave sets.
 *
 * <p>pseries MMUs (arch/powerpc/mm/init_64.c mmu_early_init_devtree, hw/ppc/spapr_caps.c): radix unless the
 * kernel is booted with {@code disable_radix}; the hash MMU's linear map uses the largest page the hypervisor
 * offers, which QEMU caps with {@code cap-hpt-max-page-size} (64K by default, 16M as PowerVM gives).
 *
 * @param persistence {@code cpu}, {@code mem-ctrl} (x86 {@code nvdimm-persistence=}) or null for QEMU's default
 * @param hashLinearPage pseries with the hash MMU: its linear-map page size; 0 for radix (and x86)
 */
record QemuMachine(Arch arch, String persistence, List<Dimm> dimms, long hashLinearPage) {
    static final long DEVICE_MEMORY_BASE = 1L << 32;
    static final long BOOT_RAM = 2L << 30;
    private static final long PAGE = 4096;
    private static final long PPC_PAGE = 64 << 10;
    /** QEMU's nvdimm_prepare_memory_region: a label area, when there is one, is at least 128K. */
    private static final long MIN_LABEL = 128 << 10;
    /** hw/ppc/spapr_nvdimm.c: an SCM's size (without its label area) is a multiple of 256M. */
    private static final long SPAPR_MIN_BLOCK = 256L << 20;
    /** PAPR_PMEM_UNARMED, bit 0 from the MSB of the health bitmap (papr_scm.c). */
    private static final long UNARMED = org.pmdl.model.papr.SpaprHypervisor.healthBit(0);
    /** hw/ppc/spapr_drc.c: a DRC index is typeshift << 28 | id; PMEM's typeshift is 9 and its id the slot. */
    private static final long SPAPR_PMEM_DRC_BASE = 9L << 28;

    /**
     * One NVDIMM: {@code id} is the PMDL name, {@code qemuId} its QEMU device id (chosen for the NFIT order, see
     * {@link NfitOrder}), {@code size} the backend's size (label area included), {@code spa} where its region
     * starts (x86; 0 on pseries, where the hypervisor chooses).
     */
    record Dimm(String id, String qemuId, long size, long labelSize, boolean unarmed, long spa) {
        long regionSize(Arch arch) {
            return arch == Arch.X86_64 ? size - labelSize : size;
        }
    }

    /** A platform QEMU cannot build, with every reason. */
    static final class NotExpressible extends Exception {
        NotExpressible(String platform, List<String> reasons) {
            super("platform " + platform + " cannot be built by QEMU: " + String.join("; ", reasons));
        }
    }

    QemuMachine(Arch arch, String persistence, List<Dimm> dimms) {
        this(arch, persistence, dimms, 0);
    }

    static QemuMachine of(PlatformSpec platform) throws NotExpressible {
        List<String> reasons = new ArrayList<>();
        QemuMachine machine = platform.arch() == Arch.X86_64 ? x86(platform, reasons) : pseries(platform, reasons);
        if (!reasons.isEmpty()) {
            throw new NotExpressible(platform.name(), reasons);
        }
        return machine;
    }

    private static QemuMachine x86(PlatformSpec p, List<String> reasons) {
        if (p.pageSize() != 0 && p.pageSize() != PAGE) {
            reasons.add("x86_64 has 4K pages only");
        }
        if (!p.scms().isEmpty() || p.lpar() != null) {
            reasons.add("scm and lpar are pseries devices");
        }
        String persistence = persistenceOption(p.persistence(), reasons);
        Map<String, RegionSpec> regionOf = new LinkedHashMap<>();
        java.util.Set<String> interleaved = new java.util.HashSet<>();
        for (RegionSpec r : p.regions()) {
            if (r.mappings().size() != 1) {
                r.mappings().forEach(m -> interleaved.add(m.nvdimm()));
                reasons.add("region " + r.name() + " interleaves " + r.mappings().size()
                        + " DIMMs (QEMU gives each NVDIMM its own region: no interleave sets)");
                continue;
            }
            MappingSpec m = r.mappings().get(0);
            if (regionOf.put(m.nvdimm(), r) != null) {
                reasons.add("DIMM " + m.nvdimm() + " is in more than one region (QEMU: one region per NVDIMM)");
            }
            if (r.persistence() != null && r.persistence() != p.persistence()) {
                reasons.add("region " + r.name() + " has its own persistence domain (QEMU sets one per machine)");
            }
        }
        List<Dimm> dimms = new ArrayList<>();
        long next = DEVICE_MEMORY_BASE;
        for (NvdimmSpec d : p.nvdimms()) {
            RegionSpec r = regionOf.get(d.name());
            if (d.hasLabelArea() && d.labelAreaSize() < MIN_LABEL) {
                reasons.add(d.name() + ": QEMU's label-size is at least 128K");
            }
            if (r == null) {
                if (interleaved.contains(d.name())) {
                    continue;
                }
                reasons.add(d.name() + " has no region (QEMU always publishes one SPA range per NVDIMM)");
                continue;
            }
            MappingSpec m = r.mappings().get(0);
            long regionSize = d.size() - d.labelAreaSize();
            if (m.dpa() != 0 || m.size() != regionSize) {
                reasons.add("region " + r.name() + " must map " + d.name() + " dpa 0 size " + regionSize
                        + " (QEMU carves the label area off the DIMM's end)");
            }
            if (r.spaBase() != next) {
                reasons.add("region " + r.name() + " at " + hex(r.spaBase()) + ": QEMU places it at " + hex(next)
                        + " (DIMMs follow each other from 4G in declaration order)");
            }
            if (regionSize % PAGE != 0) {
                reasons.add(d.name() + ": size minus label area must be a multiple of 4K");
            }
            dimms.add(new Dimm(d.name(), d.name(), d.size(), d.labelAreaSize(), r.readOnly(), next));
            next = align(next + regionSize, PAGE);
        }
        List<String> regionOrder = p.regions().stream().map(r -> r.mappings().get(0).nvdimm()).toList();
        List<Integer> rank = dimms.stream().map(d -> regionOrder.indexOf(d.id())).toList();
        List<String> ids = NfitOrder.ids(dimms.stream().map(Dimm::id).toList(), rank).orElse(null);
        if (ids == null) {
            reasons.add("no QEMU device ids give the declared region order for " + dimms.size()
                    + " NVDIMMs (predicted up to " + NfitOrder.MAX_DIMMS + ")");
            return new QemuMachine(Arch.X86_64, persistence, dimms);
        }
        List<Dimm> named = new ArrayList<>();
        for (int i = 0; i < dimms.size(); i++) {
            Dimm d = dimms.get(i);
            named.add(new Dimm(d.id(), ids.get(i), d.size(), d.labelSize(), d.unarmed(), d.spa()));
        }
        return new QemuMachine(Arch.X86_64, persistence, named);
    }

    private static QemuMachine pseries(PlatformSpec p, List<String> reasons) {
        if (!p.nvdimms().isEmpty() || !p.regions().isEmpty()) {
            reasons.add("pseries NVDIMMs are scm devices (papr_scm), not nvdimm/region (ACPI NFIT)");
        }
        if (p.hypervisor() == org.pmdl.model.topology.Hypervisor.POWERVM) {
            reasons.add("QEMU answers the hcalls itself: declare `hypervisor qemu` (PowerVM's bind state, H_OVERLAP"
                    + " and QUERY calls are not emulated)");
        }
        if (p.persistence() != null) {
            reasons.add("QEMU's pseries has no persistence option (papr_scm decides from the device tree)");
        }
        if (p.pageSize() != 0 && p.pageSize() != PPC_PAGE) {
            reasons.add("the pseries kernels of shared/kernels/ppc64le have 64K pages (CONFIG_PPC_64K_PAGES)");
        }
        long linear = 0;
        if (p.mmu() == Mmu.HASH) {
            linear = p.linearPageSize() != 0 ? p.linearPageSize() : PlatformFacts.DEFAULT_HASH_LINEAR_PAGE;
            if (linear != PPC_PAGE && linear != 16L << 20) {
                reasons.add("QEMU's hash MMU offers a 64K or 16M linear-map page (cap-hpt-max-page-size), not "
                        + size(linear));
            }
        }
        List<Dimm> dimms = new ArrayList<>();
        for (ScmSpec s : p.scms()) {
            long drc = SPAPR_PMEM_DRC_BASE + dimms.size();
            if (s.drcIndex() != drc) {
                reasons.add(s.name() + ": QEMU numbers PMEM DRCs by slot, so this one is drc-index " + hex(drc)
                        + ", not " + hex(s.drcIndex()));
            }
            if (s.metadataSize() < MIN_LABEL) {
                reasons.add(s.name() + ": spapr-nvdimm needs a label area (metadata-size) of at least 128K");
            }
            if (s.blockSize() != SPAPR_MIN_BLOCK) {
                reasons.add(s.name() + ": QEMU's SCM block size is 256M");
            }
            if (s.size() % SPAPR_MIN_BLOCK != 0 || s.size() == 0) {
                reasons.add(s.name() + ": the size must be a positive multiple of 256M");
            }
            boolean unarmed = (s.health() & UNARMED) != 0;
            if ((s.health() & ~UNARMED) != 0) {
                reasons.add(s.name() + ": QEMU's h_scm_health reports only PAPR_PMEM_UNARMED (spapr-nvdimm"
                        + " unarmed=on)");
            }
            if (s.bindBusy() != 0 || s.unbindBusy() != 0) {
                reasons.add(s.name() + ": QEMU binds and unbinds at once (never H_BUSY or H_LONG_BUSY)");
            }
            if (!s.cacheFlushRequired()) {
                reasons.add(s.name() + ": QEMU's spapr-nvdimm always exports a persistent region"
                        + " (declare cache-flush-required)");
            }
            dimms.add(new Dimm(s.name(), s.name(), s.size() + s.metadataSize(), s.metadataSize(), unarmed, 0));
        }
        return new QemuMachine(Arch.PPC64, null, dimms, linear);
    }

    private static String persistenceOption(PersistenceDomain domain, List<String> reasons) {
        if (domain == null || domain == PersistenceDomain.UNKNOWN) {
            return null;
        }
        return switch (domain) {
            case CPU_CACHE -> "cpu";
            case MEMORY_CONTROLLER -> "mem-ctrl";
            default -> {
                reasons.add("persistence none: QEMU's nvdimm-persistence is cpu or mem-ctrl");
                yield null;
            }
        };
    }

    /** The QEMU arguments that build this machine's memory devices (no kernel, firmware or console). */
    List<String> args(Function<Dimm, String> memPath) {
        List<String> args = new ArrayList<>();
        args.add("-machine");
        args.add(arch == Arch.X86_64
                ? "pc,nvdimm=on" + (persistence == null ? "" : ",nvdimm-persistence=" + persistence)
                : "pseries" + (hashLinearPage > PPC_PAGE ? ",cap-hpt-max-page-size=" + size(hashLinearPage) : ""));
        long total = dimms.stream().mapToLong(Dimm::size).sum();
        args.add("-m");
        args.add(size(BOOT_RAM) + ",slots=" + Math.max(1, dimms.size()) + ",maxmem="
                + size(Math.max(64L << 30, align(BOOT_RAM + total, 1L << 30))));
        for (int i = 0; i < dimms.size(); i++) {
            Dimm d = dimms.get(i);
            args.add("-object");
            args.add("memory-backend-file,id=mem" + i + ",share=on,mem-path=" + memPath.apply(d) + ",size="
                    + size(d.size()));
            StringBuilder dev = new StringBuilder(arch == Arch.X86_64 ? "nvdimm" : "spapr-nvdimm");
            dev.append(",id=").append(d.qemuId()).append(",memdev=mem").append(i);
            if (d.labelSize() > 0) {
                dev.append(",label-size=").append(size(d.labelSize()));
            }
            if (d.unarmed()) {
                dev.append(",unarmed=on");
            }
            if (arch == Arch.PPC64) {
                dev.append(",uuid=").append(uuidFor(i));
            }
            args.add("-device");
            args.add(dev.toString());
        }
        return args;
    }

    /** What the kernel's command line must add: {@code disable_radix} for the hash MMU. */
    List<String> kernelArgs() {
        return hashLinearPage != 0 ? List.of("disable_radix") : List.of();
    }

    /** spapr-nvdimm refuses to start without a uuid; a fixed one per slot keeps exports reproducible. */
    private static String uuidFor(int slot) {
        return String.format(Locale.ROOT, "2d6c1e4a-0000-4000-8000-%012x", slot);
    }

    /** QEMU's size syntax: the largest binary suffix that divides the value. */
    static String size(long bytes) {
        String[] suffixes = {"", "K", "M", "G", "T"};
        int i = 0;
        while (i + 1 < suffixes.length && bytes != 0 && bytes % 1024 == 0) {
            bytes /= 1024;
            i++;
        }
        return bytes + suffixes[i];
    }

    static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }

    static long align(long value, long alignment) {
        return (value + alignment - 1) / alignment * alignment;
    }
}
