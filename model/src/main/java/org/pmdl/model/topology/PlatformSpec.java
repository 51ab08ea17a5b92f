package org.pmdl.model.topology;

import java.util.List;
import org.pmdl.model.SourceRef;
import org.pmdl.model.ocxl.OcxlSpec;

/**
 * A platform as the user declared it, with {@code extends} already flattened by the compiler.
 * Derived facts (PAGE_SIZE defaults, compat align, region align) are computed by the model, not stored here.
 *
 * @param pageSize       PAGE_SIZE in bytes, or 0 for the architecture's default
 * @param linearPageSize ppc64 hash: the linear-map page size in bytes, or 0 for the default
 * @param kernel         kernel behaviour profile name, or null for the default (KernelProfile.defaultProfile)
 * @param persistence    default persistence domain for regions, or null for the provider's default
 * @param lpar           the LPAR's LMBs, or null when the platform declares none
 * @param mapSyncDisabled {@code map-sync disabled}: the PowerPC MAP_SYNC policy proposed in seed 001
 * @param ocxls          powernv OpenCAPI persistent-memory cards (org.pmdl.model.ocxl)
 * @param hotplug        memory hotplug settings and hot-pluggable ranges (org.pmdl.model.hotplug)
 * @param distro         the distribution whose kernel configuration it runs ({@code distro "debian-13"}), or null
 *                       for the Kconfig defaults (org.pmdl.model.kernel.Distro)
 * @param nfit           the NFIT firmware's ARS and error injection ({@link NfitFirmware#NONE}: QEMU's)
 */
public record PlatformSpec(String name, Arch arch, Mmu mmu, long pageSize, long linearPageSize, Cpu cpu,
        String kernel, Hypervisor hypervisor, PersistenceDomain persistence, List<NvdimmSpec> nvdimms,
        List<RegionSpec> regions, LparSpec lpar, List<ScmSpec> scms, boolean mapSyncDisabled, SourceRef source,
        List<OcxlSpec> ocxls, HotplugSpec hotplug, String distro, NfitFirmware nfit) {

    public PlatformSpec(String name, Arch arch, Mmu mmu, long pageSize, long linearPageSize, Cpu cpu,
            String kernel, Hypervisor hypervisor, PersistenceDomain persistence, List<NvdimmSpec> nvdimms,
            List<RegionSpec> regions, LparSpec lpar, List<ScmSpec> scms, boolean mapSyncDisabled, SourceRef source,
            List<OcxlSpec> ocxls, HotplugSpec hotplug, String distro) {
        this(name, arch, mmu, pageSize, linearPageSize, cpu, kernel, hypervisor, persistence, nvdimms, regions, lpar,
                scms, mapSyncDisabled, source, ocxls, hotplug, distro, NfitFirmware.NONE);
    }

    public PlatformSpec(String name, Arch arch, Mmu mmu, long pageSize, long linearPageSize, Cpu cpu,
            String kernel, Hypervisor hypervisor, PersistenceDomain persistence, List<NvdimmSpec> nvdimms,
            List<RegionSpec> regions, LparSpec lpar, List<ScmSpec> scms, boolean mapSyncDisabled, SourceRef source,
            List<OcxlSpec> ocxls, HotplugSpec hotplug) {
        this(name, arch, mmu, pageSize, linearPageSize, cpu, kernel, hypervisor, persistence, nvdimms, regions, lpar,
                scms, mapSyncDisabled, source, ocxls, hotplug, null);
    }

    public PlatformSpec(String name, Arch arch, Mmu mmu, long pageSize, long linearPageSize, Cpu cpu,
            String kernel, Hypervisor hypervisor, PersistenceDomain persistence, List<NvdimmSpec> nvdimms,
            List<RegionSpec> regions, LparSpec lpar, List<ScmSpec> scms, boolean mapSyncDisabled, SourceRef source) {
        this(name, arch, mmu, pageSize, linearPageSize, cpu, kernel, hypervisor, persistence, nvdimms, regions, lpar,
                scms, mapSyncDisabled, source, List.of(), HotplugSpec.NONE);
    }

    public PlatformSpec(String name, Arch arch, Mmu mmu, long pageSize, long linearPageSize, Cpu cpu,
            String kernel, Hypervisor hypervisor, PersistenceDomain persistence, List<NvdimmSpec> nvdimms,
            List<RegionSpec> regions, LparSpec lpar, List<ScmSpec> scms, SourceRef source) {
        this(name, arch, mmu, pageSize, linearPageSize, cpu, kernel, hypervisor, persistence, nvdimms, regions, lpar,
                scms, false, source);
    }
}
