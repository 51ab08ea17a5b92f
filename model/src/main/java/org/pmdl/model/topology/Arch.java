package org.pmdl.model.topology;

/** CPU architecture of a platform; decides PAGE_SIZE, memremap_compat_align() and the barrier vocabulary. */
public enum Arch {
    X86_64("x86_64"),
    PPC64("ppc64");

    private final String keyword;

    Arch(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }
}
