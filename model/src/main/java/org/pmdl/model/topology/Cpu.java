package org.pmdl.model.topology;

/** CPU model where it changes behaviour (POWER10 persistent-memory barriers, ISA 2.07S gate). */
public enum Cpu {
    GENERIC("generic"),
    POWER8("power8"),
    POWER9("power9"),
    POWER10("power10");

    private final String keyword;

    Cpu(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }
}
