package org.pmdl.model.topology;

/** ppc64 MMU mode (arch/powerpc: radix_enabled()); x86_64 has no choice and uses {@link #NATIVE}. */
public enum Mmu {
    NATIVE,
    RADIX,
    HASH
}
