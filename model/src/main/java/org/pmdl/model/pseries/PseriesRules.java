package org.pmdl.model.pseries;

import org.pmdl.model.rules.Layer;
import org.pmdl.model.rules.Rule;

/** Rules of pseries DRCs, DLPAR and drmem (arch/powerpc/platforms/pseries, arch/powerpc/mm/drmem.c). */
public final class PseriesRules {
    private PseriesRules() {
    }

    public static final Rule CPU_OFFLINE_LAST = Rule.error("DLPAR-CPU-LAST-ONLINE", Layer.KERNEL,
            "arch/powerpc/platforms/pseries/hotplug-cpu.c dlpar_offline_cpu, dlpar_cpu_remove; kernel/cpu.c cpu_down",
            "The last online CPU cannot go offline (-EBUSY); a DLPAR removal that needs it fails with "
                    + "\"Failed to offline CPU <node>, rc: -16\" and the request returns -EINVAL.",
            "Keep one CPU online: remove another CPU, or add one first.");
    public static final Rule DRC_UNISOLATE = Rule.error("DRC-UNISOLATE", Layer.KERNEL,
            "arch/powerpc/platforms/pseries/dlpar.c dlpar_unisolate_drc (5.14+)",
            "After a failed CPU removal by DRC index the kernel reads dr-entity-sense (9003) and, if the entity is "
                    + "present, sets isolation-state (9001) to UNISOLATE: a no-op (RTAS 0) that signals the error.",
            "Nothing to fix: expect the UNISOLATE call after a failed CPU removal.");
    public static final Rule QEMU_UNPLUG_ROLLBACK = Rule.error("QEMU-UNPLUG-ROLLBACK", Layer.QEMU,
            "QEMU hw/ppc/spapr_drc.c drc_unisolate_logical (6.1+)",
            "QEMU treats UNISOLATE of a DRC with a pending unplug as the guest's refusal: it cancels the unplug and "
                    + "reports \"Device hotunplug rejected by the guest for device <id>\".",
            "Nothing to fix: expect QEMU to cancel the unplug; free the CPU in the guest and request "
                    + "it again.");
    public static final Rule DRC_STATES = Rule.error("DRC-STATES", Layer.QEMU,
            "QEMU hw/ppc/spapr_drc.c drc_isolate_logical, drc_unisolate_logical, drc_set_usable, drc_set_unusable; "
                    + "PAPR 13.5.3",
            "A logical DRC moves UNUSABLE -> AVAILABLE (allocation USABLE, needs a device) -> UNISOLATE -> "
                    + "CONFIGURED (configure-connector) and back; an indicator that does not apply answers -3.",
            "Drive the DRC through its states in order (allocation, isolation, configure-connector).");
    public static final Rule DLPAR_MEMORY = Rule.error("DLPAR-MEMORY", Layer.KERNEL,
            "arch/powerpc/platforms/pseries/hotplug-memory.c dlpar_memory_add_by_count, _remove_by_count, "
                    + "_add_by_index, _remove_by_index",
            "Memory DLPAR acquires or releases LMB DRCs, sets or clears DRCONF_MEM_ASSIGNED and then rewrites "
                    + "ibm,dynamic-memory[-v2] from drmem_info (drmem_update_dt).",
            "Nothing to fix: expect the LMB flags and the rewritten ibm,dynamic-memory.");
    public static final Rule DRMEM_LPM_UPDATE = Rule.error("DRMEM-LPM-UPDATE", Layer.KERNEL,
            "arch/powerpc/mm/drmem.c drmem_update_lmbs; hotplug-memory.c pseries_memory_notifier (5.15+)",
            "When the hypervisor updates ibm,dynamic-memory[-v2] (after LPM), the kernel copies each LMB's new "
                    + "aa_index into drmem_info (first LMB with the same drc-index); base, flags and nid stay.",
            "Nothing to fix: expect the new aa_index values after migration.");
    public static final Rule DRMEM_STALE_WRITEBACK = Rule.error("DRMEM-STALE-WRITEBACK", Layer.KERNEL,
            "arch/powerpc/mm/drmem.c drmem_update_dt; hotplug-memory.c pseries_memory_notifier (before "
                    + "5.15: no drmem_update_lmbs)",
            "A kernel without the LPM update keeps boot-time aa_index values; its next DLPAR rewrites the property "
                    + "with them and overwrites the hypervisor's associativity.",
            "Use a 5.15+ kernel (drmem_update_lmbs) before DLPAR after a migration, or avoid DLPAR "
                    + "until reboot.");
    public static final Rule DLPAR_NO_LPAR = Rule.error("DLPAR-NO-LPAR", Layer.PMDL, "PMDL",
            "DLPAR and LPM steps need an lpar block and a pseries hypervisor on the platform.",
            "Add an lpar block and a pseries hypervisor (qemu or powervm) to the platform.")
            .withTemplate("platform {platform} declares no {needs}; add {example}");
    public static final Rule RTAS_INDICATOR_UNKNOWN = Rule.error("RTAS-INDICATOR-UNKNOWN", Layer.PMDL,
            "PMDL; arch/powerpc/include/asm/rtas.h",
            "`rtas set-indicator` names isolation-state (9001), dr-indicator (9002) or allocation-state (9003).",
            "Use isolation-state, dr-indicator or allocation-state.")
            .withTemplate("'{indicator}' is not an indicator the model knows; use {known}");
    public static final Rule LMB_ATTRIBUTE_UNKNOWN = Rule.error("LMB-ATTRIBUTE-UNKNOWN", Layer.PMDL,
            "PMDL; arch/powerpc/include/asm/drmem.h",
            "`expect lmb N ATTR` reads aa_index, dt_aa_index, flags, dt_flags, drc_index, base_addr, nid or assigned.",
            "Use one of the attributes the message lists.")
            .withTemplate("an LMB has no attribute '{attribute}'; use {known}");
}
