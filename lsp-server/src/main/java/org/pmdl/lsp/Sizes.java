package org.pmdl.lsp;

/** Sizes as PMDL writes them: the largest binary suffix that divides them exactly (1G, 2M, 64K). */
final class Sizes {
    private static final String[] SUFFIXES = {"T", "G", "M", "K"};

    private Sizes() {
    }

    static String suffixed(long bytes) {
        for (int i = 0; i < SUFFIXES.length; i++) {
            long unit = 1L << (10 * (SUFFIXES.length - i));
            if (bytes != 0 && bytes % unit == 0) {
                return bytes / unit + SUFFIXES[i];
            }
        }
        return String.valueOf(bytes);
    }
}
