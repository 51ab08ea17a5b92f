package org.pmdl.model.topology;

/**
 * What the platform firmware's NFIT root _DSM implements (drivers/acpi/nfit/core.c acpi_nfit_init_dsms, read back
 * as ndbusN/nfit/dsm_mask): {@code ars} the address range scrub functions (ARS_CAP/START/STATUS, CLEAR_ERROR:
 * nfit/scrub exists and the boot's ARS fills the badblocks), {@code errorInjection} ARS_INJECT_SET/GET/CLEAR
 * (ndctl_bus_has_error_injection). Real hardware and the kernel's nfit_test have them; QEMU's NFIT has neither
 * (hw/acpi/nvdimm.c nvdimm_dsm_root answers function 0 with an empty mask), which is {@link #NONE}.
 */
public record NfitFirmware(boolean ars, boolean errorInjection) {
    public static final NfitFirmware NONE = new NfitFirmware(false, false);
}
