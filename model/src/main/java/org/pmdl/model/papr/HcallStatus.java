package org.pmdl.model.papr;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** hcall return codes (arch/powerpc/include/asm/hvcall.h) by value, with their names. */
public final class HcallStatus {
    private HcallStatus() {
    }

    public static final long H_SUCCESS = 0;
    public static final long H_BUSY = 1;
    public static final long H_PARTIAL = 5;
    public static final long H_LONG_BUSY_ORDER_1_MSEC = 9900;
    public static final long H_LONG_BUSY_ORDER_10_MSEC = 9901;
    public static final long H_LONG_BUSY_ORDER_100_MSEC = 9902;
    public static final long H_LONG_BUSY_ORDER_1_SEC = 9903;
    public static final long H_LONG_BUSY_ORDER_10_SEC = 9904;
    public static final long H_LONG_BUSY_ORDER_100_SEC = 9905;
    public static final long H_HARDWARE = -1;
    public static final long H_FUNCTION = -2;
    public static final long H_PARAMETER = -4;
    public static final long H_AUTHORITY = -14;
    public static final long H_P2 = -55;
    public static final long H_P3 = -56;
    public static final long H_P4 = -57;
    public static final long H_P5 = -58;
    public static final long H_UNSUPPORTED = -67;
    public static final long H_OVERLAP = -68;

    private static final Map<Long, String> NAMES = new TreeMap<>();

    static {
        for (var field : HcallStatus.class.getFields()) {
            try {
                NAMES.put(field.getLong(null), field.getName());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public static String name(long rc) {
        return NAMES.getOrDefault(rc, String.valueOf(rc));
    }

    public static Optional<Long> byName(String name) {
        return NAMES.entrySet().stream().filter(e -> e.getValue().equals(name)).map(Map.Entry::getKey).findFirst();
    }

    /** H_IS_LONG_BUSY(). */
    public static boolean isLongBusy(long rc) {
        return rc >= H_LONG_BUSY_ORDER_1_MSEC && rc <= H_LONG_BUSY_ORDER_100_SEC;
    }
}
