package org.pmdl.model.topology;

/** CPU architecture of a platform; decides PAGE_SIZE, memremap_compat_align() and the barrier vocabulary. */
public enum Arch {
    X86_64,
    PPC64;

    /** The word PMDL and ndctl use for it. */
    public String keyword() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
