package org.pmdl.model.libnvdimm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** badrange.c's list as badblocks see it: whole 512-byte sectors, merged, forgotten a sector at a time. */
class BadrangeTest {

    @Test
    @DisplayName("an unaligned range covers its sectors; adjacent and overlapping ranges merge")
    void addMerges() {
        Badrange b = new Badrange();
        b.add(0x1000 + 100, 8); // inside sector 8
        assertEquals(1, b.sectorsIn(0, 1 << 20));
        b.add(0x1200, 0x200); // sector 9: adjacent
        b.add(0x1100, 0x200); // overlaps both
        assertEquals(2, b.sectorsIn(0, 1 << 20));
        assertTrue(b.any(0x13ff, 1));
        assertFalse(b.any(0x1400, 512));
    }

    @Test
    @DisplayName("forgetting the middle sector splits a range; forgetContained keeps a range crossing the window")
    void forgetSplits() {
        Badrange b = new Badrange();
        b.add(0, 3 * 512);
        b.forget(512, 512);
        assertEquals(2, b.sectorsIn(0, 3 * 512));
        assertFalse(b.any(512, 512));
        b.add(4096, 1024);
        b.forgetContained(512, 4096); // sector 2 (1024..1536) lies inside, 4096..5120 crosses the end
        assertEquals(1, b.sectorsIn(0, 1024));
        assertEquals(2, b.sectorsIn(4096, 1024));
    }
}
