package org.pmdl.model.rules;

/**
 * The layer whose code a rule follows: the one that refuses, warns or decides what the rule says. Its printed form
 * is what reports show ({@code (refused by ndctl: RULE)}, JSON {@code refusedBy}).
 */
public enum Layer {
    KERNEL("kernel", "Linux kernel"),
    NDCTL("ndctl", "ndctl (user space in front of libnvdimm)"),
    DAXCTL("daxctl", "daxctl (ndctl's device-dax tool)"),
    KEXEC_TOOLS("kexec-tools", "kexec-tools (user space of kexec_load)"),
    QEMU("QEMU", "QEMU (spapr hypervisor)"),
    POWERVM("PowerVM", "PowerVM (pHyp)"),
    FIRMWARE("firmware", "platform firmware and PAPR"),
    /** Persistent-memory checkers (pmemcheck, PMDebugger): findings on a program's flush and fence use. */
    PMEM_CHECKER("pmemcheck", "persistent-memory checkers (pmemcheck, PMDebugger)"),
    PMDL("pmdl", "PMDL language");

    private final String label;
    private final String title;

    Layer(String label, String title) {
        this.label = label;
        this.title = title;
    }

    /** The longer name for rule listings ("Linux kernel", "PMDL language"). */
    public String title() {
        return title;
    }

    /** The printed form: "kernel", "ndctl", "daxctl", "kexec-tools", "QEMU", "PowerVM", "firmware", ... */
    @Override
    public String toString() {
        return label;
    }
}
