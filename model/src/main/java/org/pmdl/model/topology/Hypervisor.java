package org.pmdl.model.topology;

/** Which hypervisor answers the guest's hcalls: the behaviour profile for papr_scm and DLPAR. */
public enum Hypervisor {
    NONE("none"),
    POWERVM("powervm"),
    QEMU("qemu");

    private final String keyword;

    Hypervisor(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }
}
