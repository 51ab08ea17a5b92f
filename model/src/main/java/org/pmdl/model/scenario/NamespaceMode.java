package org.pmdl.model.scenario;

/** ndctl's namespace modes (ndctl create-namespace --mode). */
public enum NamespaceMode {
    RAW,
    SECTOR,
    FSDAX,
    DEVDAX;

    /** The word PMDL and ndctl use for it. */
    public String keyword() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
