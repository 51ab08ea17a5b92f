package org.pmdl.model.scenario;

/** Where the struct page array of an fsdax/devdax namespace lives (ndctl --map; PFN_MODE_RAM / PFN_MODE_PMEM). */
public enum PfnMap {
    MEM("mem"),
    DEV("dev");

    private final String keyword;

    PfnMap(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }
}
