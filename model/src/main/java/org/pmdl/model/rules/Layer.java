package org.pmdl.model.rules;

/**
 * The layer whose code a rule follows: the one that refuses, warns or decides what the rule says. Its printed form
 * is what reports show ({@code (refused by ndctl: RULE)}, JSON {@code refusedBy}).
 */
public enum Layer {
    KERNEL("kernel"),
    NDCTL("ndctl"),
    DAXCTL("daxctl"),
    KEXEC_TOOLS("kexec-tools"),
    QEMU("QEMU"),
    POWERVM("PowerVM"),
    /** Platform firmware and PAPR. */
    FIRMWARE("firmware"),
    /** Persistent-memory checkers (pmemcheck, PMDebugger): findings on a program's flush and fence use. */
    PMEM_CHECKER("pmemcheck"),
    PMDL("pmdl");

    private final String label;

    Layer(String label) {
        this.label = label;
    }

    /** The printed form: "kernel", "ndctl", "daxctl", "kexec-tools", "QEMU", "PowerVM", "firmware", ... */
    @Override
    public String toString() {
        return label;
    }
}
