package org.pmdl.model.topology;

/** Which hypervisor answers the guest's hcalls: the behaviour profile for papr_scm and DLPAR. */
public enum Hypervisor {
    NONE,
    POWERVM,
    QEMU;

    /** The word PMDL and ndctl use for it. */
    public String keyword() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
