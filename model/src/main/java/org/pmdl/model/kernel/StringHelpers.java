package org.pmdl.model.kernel;

/** lib/string_helpers.c, for the kernel log lines that print sizes. */
public final class StringHelpers {
    private StringHelpers() {
    }

    private static final String[] UNITS_2 = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi", "Yi"};
    private static final int[] ROUNDING = {500, 50, 5};

    /**
     * string_get_size(size, 1, STRING_UNITS_2, ...): three significant digits in binary units, "110 MiB",
     * "1.50 GiB", "18.0 MiB" (Napier's reduction with the kernel's rounding of the remainder).
     */
    public static String sizeUnits2(long bytes) {
        if (bytes == 0) {
            return "0 B";
        }
        long size = bytes;
        int i = 0;
        long remainder = 0;
        while (Long.compareUnsigned(size, 1024) >= 0) {
            remainder = Long.remainderUnsigned(size, 1024);
            size = Long.divideUnsigned(size, 1024);
            i++;
        }
        int j = 0;
        for (long cap = size; cap * 10 < 1000; j++) {
            cap *= 10;
        }
        remainder = (remainder * 1000) >> 10;
        remainder += ROUNDING[j];
        if (remainder >= 1000) {
            remainder -= 1000;
            size += 1;
        }
        String fraction = j == 0 ? "" : String.format(".%03d", remainder).substring(0, j + 1);
        return size + fraction + " " + (i < UNITS_2.length ? UNITS_2[i] : "UNK") + "B";
    }
}
