package org.pmdl.model.hotplug;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pmdl.model.libnvdimm.Dmesg;
import org.pmdl.model.topology.MemorySpec;

/**
 * EFI Conventional Memory with the EFI_MEMORY_SP attribute at boot, under the kernel's policy (B-19, S-25):
 * with efi_soft_reserve_enabled() the EFI stub (libstub/x86-stub.c setup_e820) and do_add_efi_memmap make it
 * E820_TYPE_SOFT_RESERVED, a non-busy "Soft Reserved" resource that dax_hmem (drivers/dax/hmem/device.c) turns
 * into a dynamic dax region with one device over all of it, for daxctl and kmem; without it (efi=nosoftreserve,
 * CONFIG_EFI_SOFT_RESERVE off) it is usable e820 memory, boot System RAM.
 */
final class SoftReserved {
    /** drivers/dax/hmem/hmem.c: alloc_dax_region(..., PMD_SIZE, 0), a dynamic region. */
    private static final long HMEM_ALIGN = 2L << 20;
    /** The hmem dax region over each soft-reserved range, by memory name. */
    private final Map<String, DaxRegion> hmem = new LinkedHashMap<>();

    SoftReserved(List<MemorySpec> memories, boolean softReserve, MemoryHotplug mhp, Dmesg dmesg) {
        int region = 0; // memregion ids: hmem's late_initcall registers before the nfit module loads
        for (MemorySpec m : memories.stream().filter(MemorySpec::efiSp).toList()) {
            long end = m.base() + m.size() - 1;
            dmesg.applied(HotplugRules.EFI_SOFT_RESERVE);
            if (!softReserve) {
                dmesg.kernel(Handover.e820Line(m.base(), end));
                mhp.bootRam(m.base(), end);
                continue;
            }
            dmesg.kernel(String.format("BIOS-e820: [mem %#018x-%#018x] soft reserved", m.base(), end));
            mhp.iomem().request("Soft Reserved", m.base(), end, 0); // IORESOURCE_MEM; do_mark_busy: not busy
            if (mhp.hasFirmwareMemmap()) {
                mhp.memmap().addEarly(m.base(), end + 1, "Soft Reserved");
            }
            // dax_hmem: a dynamic region (PMD_SIZE aligned) and daxR.0 over all of it; device_dax claims the
            // range once Hotplug syncs the claims
            hmem.put(m.name(), new DaxRegion(region++, m.base(), end, HMEM_ALIGN));
        }
    }

    /** The dax region dax_hmem made of this memory, if it is soft-reserved. */
    Optional<DaxRegion> region(String memory) {
        return Optional.ofNullable(hmem.get(memory));
    }

    /** Every hmem dax region. */
    Collection<DaxRegion> regions() {
        return hmem.values();
    }
}
