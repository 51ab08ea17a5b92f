package org.pmdl.model.topology;

/** CPU model where it changes behaviour (POWER10 persistent-memory barriers, ISA 2.07S gate). */
public enum Cpu {
    GENERIC,
    POWER8,
    POWER9,
    POWER10;

    /** The word PMDL and ndctl use for it. */
    public String keyword() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
