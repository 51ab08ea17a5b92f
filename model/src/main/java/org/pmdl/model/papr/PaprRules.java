package org.pmdl.model.papr;

import org.pmdl.model.rules.Rule;

/** Rules of the papr_scm driver and the SCM hcalls it issues. */
public final class PaprRules {
    private PaprRules() {
    }

    public static final Rule SCM_BIND = Rule.error("PAPR-SCM-BIND",
            "arch/powerpc/platforms/pseries/papr_scm.c drc_pmem_bind",
            "papr_scm binds every block of the DRC with H_SCM_BIND_MEM(drc, 0, blocks, BIND_ANY_ADDR, token), "
                    + "calling again with the continue token while the hypervisor answers H_BUSY; the first "
                    + "non-zero R5 is the bound address.");
    public static final Rule SCM_BIND_ERROR = Rule.error("PAPR-SCM-BIND-ERROR",
            "arch/powerpc/platforms/pseries/papr_scm.c papr_scm_probe (5.2: drc_pmem_bind)",
            "A bind the driver cannot recover logs \"bind err: <rc>\" and probe fails with -ENXIO: no region.");
    public static final Rule SCM_UNBIND_RETRY = Rule.error("PAPR-SCM-UNBIND-RETRY",
            "arch/powerpc/platforms/pseries/papr_scm.c drc_pmem_bind (5.3, commit 3a855b7ac7d5)",
            "On H_OVERLAP the 5.3 driver warns \"Un-binding and retrying\", unbinds with H_SCM_UNBIND_ALL and "
                    + "binds once more.");
    public static final Rule SCM_QUERY_N_BIND = Rule.error("PAPR-SCM-QUERY-N-BIND",
            "arch/powerpc/platforms/pseries/papr_scm.c drc_pmem_query_n_bind (5.4+, commit faa6d21153fd)",
            "On H_OVERLAP the driver queries blocks 0 and n-1; a contiguous binding is reused without unbinding, "
                    + "otherwise \"Failed to query, trying an unbind followed by bind\".");
    public static final Rule SCM_UNBIND = Rule.error("PAPR-SCM-UNBIND",
            "arch/powerpc/platforms/pseries/papr_scm.c drc_pmem_unbind",
            "Unbinding loops on H_BUSY and sleeps on H_LONG_BUSY_*; a final error logs \"unbind error: <rc>\".");
    public static final Rule SCM_REGION = Rule.error("PAPR-SCM-REGION",
            "arch/powerpc/platforms/pseries/papr_scm.c papr_scm_nvdimm_init",
            "papr_scm registers one DIMM (NDD_LABELING) and one region of blocks x block-size at the bound "
                    + "address: a pmem region with ND_REGION_PERSIST_MEMCTRL when ibm,cache-flush-required is "
                    + "present, else a volatile region (persistence_domain empty, ndctl: unknown).");
    public static final Rule SCM_HEALTH = Rule.error("PAPR-SCM-HEALTH",
            "arch/powerpc/platforms/pseries/papr_scm.c __drc_pmem_query_health, flags_show; "
                    + "drivers/nvdimm/region_devs.c nd_region_create",
            "Health bits count only where the valid mask has them (R4 & R5); an unarmed DIMM (UNARMED or "
                    + "UNHEALTHY) gets NDD_UNARMED and its region is read-only.");
    public static final Rule SCM_STATS = Rule.error("PAPR-SCM-STATS",
            "arch/powerpc/platforms/pseries/papr_scm.c drc_pmem_query_stats",
            "Probe asks H_SCM_PERFORMANCE_STATS for the buffer size; an error other than H_PARTIAL, "
                    + "H_AUTHORITY or H_UNSUPPORTED logs \"Failed to query performance stats, Err:<rc>\".");
    public static final Rule HCALL = Rule.error("PAPR-HCALL",
            "QEMU hw/ppc/spapr_nvdimm.c; Documentation/powerpc/papr_hcalls.rst",
            "An hcall issued directly: the hypervisor profile answers it; its status is the step's value rc.");

    public static final Rule NDCTL_RC = Rule.error("PAPR-NDCTL-RC",
            "arch/powerpc/platforms/pseries/papr_scm.c papr_scm_ndctl, is_cmd_valid, papr_scm_service_pdsm; "
                    + "drivers/nvdimm/bus.c __nd_ioctl",
            "A DIMM ioctl returns rc: -EINVAL when is_cmd_valid() refuses it, else 0; the command's own status "
                    + "(cmd_rc, a PDSM's cmd_status) travels in the payload and is never the ioctl's return.");

    // ---- language rules (static checks) ----
    public static final Rule HCALL_UNKNOWN = Rule.error("PAPR-HCALL-UNKNOWN", "PMDL; arch/powerpc/include/asm/hvcall.h",
            "An hcall step or expectation names an SCM hcall (H_SCM_BIND_MEM, ...) and a status (H_SUCCESS, ...) "
                    + "the model knows; an hcall step's SCM is an scm.");
    public static final Rule HEALTH_BIT_UNKNOWN = Rule.error("PAPR-HEALTH-UNKNOWN",
            "PMDL; arch/powerpc/platforms/pseries/papr_scm.c PAPR_PMEM_*",
            "An scm's health lists PAPR health bits by name: unarmed, shutdown-dirty, shutdown-clean, empty, "
                    + "critical, fatal, unhealthy, non-critical, encrypted, scrubbed-locked.");
}
