package org.pmdl.model.papr;

/** Kernel release names ("5.3", "6.1") as comparable numbers. */
public final class Releases {
    private Releases() {
    }

    /** major * 1000 + minor; a name that is not a release number counts as the newest. */
    public static int number(String release) {
        String[] parts = release.split("\\.");
        try {
            return Integer.parseInt(parts[0]) * 1000 + (parts.length > 1 ? Integer.parseInt(parts[1]) : 0);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}
