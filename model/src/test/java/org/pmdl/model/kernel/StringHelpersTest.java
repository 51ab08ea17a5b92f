package org.pmdl.model.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StringHelpersTest {
    @Test
    @DisplayName("string_get_size(STRING_UNITS_2): three significant digits, the remainder rounded as lib/string_helpers.c")
    void sizeUnits2() {
        // worked by hand through 6.18 lib/string_helpers.c string_get_size(size, 1, STRING_UNITS_2, ...)
        assertEquals("110 MiB", StringHelpers.sizeUnits2(110L << 20));
        assertEquals("1.50 GiB", StringHelpers.sizeUnits2(3L << 29));
        assertEquals("18.0 MiB", StringHelpers.sizeUnits2(18L << 20));
        assertEquals("512 B", StringHelpers.sizeUnits2(512));
        assertEquals("1.00 KiB", StringHelpers.sizeUnits2(1024));
        // 1023.999 KiB: remainder 1023 → 999 (×1000 >> 10), + 500 ≥ 1000 carries into size: "1024 KiB"
        assertEquals("1024 KiB", StringHelpers.sizeUnits2((1L << 20) - 1));
    }
}
