package org.pmdl.model.scenario;

/** Where the struct page array of an fsdax/devdax namespace lives (ndctl --map; PFN_MODE_RAM / PFN_MODE_PMEM). */
public enum PfnMap {
    MEM,
    DEV;

    /** The word PMDL and ndctl use for it. */
    public String keyword() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
