package org.pmdl.model.libnvdimm;

/** The kernel's ALIGN / ALIGN_DOWN / IS_ALIGNED and its printk number formats, for power-of-two and other granules. */
public final class Align {
    private Align() {
    }

    public static long up(long value, long align) {
        return Math.floorDiv(value + align - 1, align) * align;
    }

    public static long down(long value, long align) {
        return Math.floorDiv(value, align) * align;
    }

    public static boolean is(long value, long align) {
        return Math.floorMod(value, align) == 0;
    }

    static boolean isPowerOf2(long v) {
        return v > 0 && (v & (v - 1)) == 0;
    }

    /** {@code 1UL << ilog2(v)}. */
    static long rounddownPowerOf2(long v) {
        return Long.highestOneBit(v);
    }

    /** printk {@code %#lx}. */
    public static String hex(long v) {
        return v == 0 ? "0" : "0x" + Long.toHexString(v);
    }

    /** printk {@code %pa}: a phys_addr_t, zero-padded to 16 digits. */
    static String pa(long v) {
        return "0x" + zeroPadded(v, 16);
    }

    /** {@code %0<digits>x}, without a Formatter: these are written on every namespace step. */
    static String zeroPadded(long v, int digits) {
        String hex = Long.toHexString(v);
        return "0".repeat(Math.max(0, digits - hex.length())) + hex;
    }

    /** %pr of an IORESOURCE_MEM resource (lib/vsprintf.c resource_string): at least 8 hex digits per end. */
    static String memResource(long start, long end) {
        return String.format("[mem %#010x-%#010x flags 0x200]", start, end);
    }
}
