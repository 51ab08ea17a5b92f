package org.pmdl.model.scenario;

/** ndctl's namespace modes (ndctl create-namespace --mode). */
public enum NamespaceMode {
    RAW("raw"),
    SECTOR("sector"),
    FSDAX("fsdax"),
    DEVDAX("devdax");

    private final String keyword;

    NamespaceMode(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }
}
