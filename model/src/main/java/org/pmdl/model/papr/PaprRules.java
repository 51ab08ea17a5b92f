package org.pmdl.model.papr;

import org.pmdl.model.rules.Layer;
import org.pmdl.model.rules.Rule;

/** Rules of the papr_scm driver and the SCM hcalls it issues. */
public final class PaprRules {
    private PaprRules() {
    }

    public static final Rule SCM_BIND = Rule.error("PAPR-SCM-BIND", Layer.KERNEL,
            "arch/powerpc/platforms/pseries/papr_scm.c drc_pmem_bind",
            "papr_scm binds every block of the DRC with H_SCM_BIND_MEM(drc, 0, blocks, BIND_ANY_ADDR, token), "
                    + "calling again with the continue token while the hypervisor answers H_BUSY; the first "
                    + "non-zero R5 is the bound address.",
            "Nothing to fix: expect the bound address and the H_SCM_BIND_MEM calls shown.");
    public static final Rule SCM_BIND_ERROR = Rule.error("PAPR-SCM-BIND-ERROR", Layer.KERNEL,
            "arch/powerpc/platforms/pseries/papr_scm.c papr_scm_probe (5.2: drc_pmem_bind)",
            "A bind the driver cannot recover logs \"bind err: <rc>\" and probe fails with -ENXIO: no region.",
            "Make the hypervisor's bind succeed (free the DRC's old binding, or give it fewer "
                    + "blocks); the region is missing until then.");
    public static final Rule SCM_UNBIND_RETRY = Rule.error("PAPR-SCM-UNBIND-RETRY", Layer.KERNEL,
            "arch/powerpc/platforms/pseries/papr_scm.c drc_pmem_bind (5.3, commit 3a855b7ac7d5)",
            "On H_OVERLAP the 5.3 driver warns \"Un-binding and retrying\", unbinds with H_SCM_UNBIND_ALL and "
                    + "binds once more.",
            "Nothing to fix on 5.3: expect the unbind-and-retry after H_OVERLAP.");
    public static final Rule SCM_QUERY_N_BIND = Rule.error("PAPR-SCM-QUERY-N-BIND", Layer.KERNEL,
            "arch/powerpc/platforms/pseries/papr_scm.c drc_pmem_query_n_bind (5.4+, commit faa6d21153fd)",
            "On H_OVERLAP the driver queries blocks 0 and n-1; a contiguous binding is reused without unbinding, "
                    + "otherwise \"Failed to query, trying an unbind followed by bind\".",
            "Nothing to fix on 5.4+: expect the query of the existing binding after H_OVERLAP.");
    public static final Rule SCM_UNBIND = Rule.error("PAPR-SCM-UNBIND", Layer.KERNEL,
            "arch/powerpc/platforms/pseries/papr_scm.c drc_pmem_unbind",
            "Unbinding loops on H_BUSY and sleeps on H_LONG_BUSY_*; a final error logs \"unbind error: <rc>\".",
            "Nothing to fix unless the hypervisor keeps failing: then the DRC stays bound.");
    public static final Rule SCM_REGION = Rule.error("PAPR-SCM-REGION", Layer.KERNEL,
            "arch/powerpc/platforms/pseries/papr_scm.c papr_scm_nvdimm_init",
            "papr_scm registers one DIMM (NDD_LABELING) and one region of blocks x block-size at the bound "
                    + "address: a pmem region with ND_REGION_PERSIST_MEMCTRL when ibm,cache-flush-required is "
                    + "present, else a volatile region (persistence_domain empty, ndctl: unknown).",
            "Add `cache-flush-required` to the scm for a pmem region with a persistence domain; "
                    + "without it the region is volatile.");
    public static final Rule SCM_HEALTH = Rule.error("PAPR-SCM-HEALTH", Layer.KERNEL,
            "arch/powerpc/platforms/pseries/papr_scm.c __drc_pmem_query_health, flags_show; "
                    + "drivers/nvdimm/region_devs.c nd_region_create",
            "Health bits count only where the valid mask has them (R4 & R5); an unarmed DIMM (UNARMED or "
                    + "UNHEALTHY) gets NDD_UNARMED and its region is read-only.",
            "Clear the unarmed/unhealthy bits of the scm's health (or expect a read-only region).");
    public static final Rule SCM_STATS = Rule.error("PAPR-SCM-STATS", Layer.KERNEL,
            "arch/powerpc/platforms/pseries/papr_scm.c drc_pmem_query_stats",
            "Probe asks H_SCM_PERFORMANCE_STATS for the buffer size; an error other than H_PARTIAL, "
                    + "H_AUTHORITY or H_UNSUPPORTED logs \"Failed to query performance stats, Err:<rc>\".",
            "Nothing to fix: the warning is logged and probe goes on.");
    public static final Rule HCALL = Rule.error("PAPR-HCALL", Layer.QEMU,
            "QEMU hw/ppc/spapr_nvdimm.c; Documentation/powerpc/papr_hcalls.rst",
            "An hcall issued directly: the hypervisor profile answers it; its status is the step's value rc.",
            "Nothing to fix: the step's rc is what the hypervisor profile answers.");

    public static final Rule NDCTL_RC = Rule.error("PAPR-NDCTL-RC", Layer.KERNEL,
            "arch/powerpc/platforms/pseries/papr_scm.c papr_scm_ndctl, is_cmd_valid, papr_scm_service_pdsm; "
                    + "drivers/nvdimm/bus.c __nd_ioctl",
            "A DIMM ioctl returns rc: -EINVAL when is_cmd_valid() refuses it, else 0; the command's own status "
                    + "(cmd_rc, a PDSM's cmd_status) travels in the payload and is never the ioctl's return.",
            "Read the command's own status in the payload (cmd_rc), not the ioctl's return.");

    // ---- language rules (static checks) ----
    public static final Rule HCALL_UNKNOWN = Rule.error("PAPR-HCALL-UNKNOWN", Layer.PMDL,
            "PMDL; arch/powerpc/include/asm/hvcall.h",
            "An hcall step or expectation names an SCM hcall (H_SCM_BIND_MEM, ...), an ioctl a DIMM command, and a "
                    + "status (H_SUCCESS, ...) the model knows.",
            "Name a known SCM hcall, DIMM command and status (H_SCM_BIND_MEM, H_SUCCESS, ...).")
            .withTemplate("'{name}' is not {kind}; use {known}");
    public static final Rule HCALL_TARGET = Rule.error("PAPR-HCALL-TARGET", Layer.PMDL,
            "PMDL; arch/powerpc/platforms/pseries/papr_scm.c drc_pmem_bind, papr_scm_ndctl (an SCM's hcalls take "
                    + "its ibm,my-drc-index, its DIMM commands go to its nvdimm)",
            "An hcall or ioctl step names a region or another device where papr_scm acts on an scm (an SCM DRC).",
            "Name an scm (`scm NAME { drc-index ... }`) as the step's target.")
            .withTemplate("{lead} an scm{detail}");
    public static final Rule HEALTH_BIT_UNKNOWN = Rule.error("PAPR-HEALTH-UNKNOWN", Layer.PMDL,
            "PMDL; arch/powerpc/platforms/pseries/papr_scm.c PAPR_PMEM_*",
            "An scm's health lists PAPR health bits by name: unarmed, shutdown-dirty, shutdown-clean, empty, "
                    + "critical, fatal, unhealthy, non-critical, encrypted, scrubbed-locked.",
            "Use the health bit names the message lists.")
            .withTemplate("'{bit}' is not a PAPR health bit; use {known}");
}
