package org.pmdl.model.pseries;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.pmdl.model.SourceRef;
import org.pmdl.model.topology.LmbRangeSpec;
import org.pmdl.model.topology.LparSpec;

/**
 * ibm,dynamic-memory and -v2 as arch/powerpc/mm/drmem.c writes and walks them (struct of_drconf_cell_v1/_v2 in
 * arch/powerpc/include/asm/drmem.h; seed-rules-D §1.9, §4.28, §4.29).
 */
class LmbTableTest {
    private static final long LMB = 256L << 20;

    @Test
    @DisplayName("§4.28: one v2 set {seq 4, base 0x10000000, drc 0x80000004, aa 1, flags 0x08} expands to 4 LMBs")
    void v2Expands() {
        ByteBuffer b = ByteBuffer.allocate(4 + 24);
        b.putInt(1).putInt(4).putLong(0x10000000L).putInt(0x80000004).putInt(1).putInt(0x08);
        LmbTable t = LmbTable.decodeV2(b.array(), LMB);
        assertEquals(4, t.size());
        assertArrayEquals(new long[] {0x10000000L, 0x20000000L, 0x30000000L, 0x40000000L}, t.base);
        assertArrayEquals(new int[] {0x80000004, 0x80000005, 0x80000006, 0x80000007}, t.drc);
        assertArrayEquals(b.array(), t.encodeV2()); // and back, byte for byte
    }

    @Test
    @DisplayName("§4.29: v1 with two cells; the second LMB is not DRCONF_MEM_ASSIGNED")
    void v1Parse() {
        ByteBuffer b = ByteBuffer.allocate(4 + 2 * 24);
        b.putInt(2);
        b.putLong(0x10000000L).putInt(0x80000004).putInt(0).putInt(1).putInt(0x08);
        b.putLong(0x20000000L).putInt(0x80000005).putInt(0).putInt(1).putInt(0x00);
        LmbTable t = LmbTable.decodeV1(b.array(), LMB);
        assertEquals(2, t.size());
        assertEquals(true, t.assigned(0));
        assertEquals(false, t.assigned(1));
        assertArrayEquals(b.array(), t.encodeV1());
    }

    @Test
    @DisplayName("v2 starts a new set where aa_index or flags change, and where drc-index or base do not follow")
    void v2Sets() {
        LparSpec lpar = new LparSpec(LMB, List.of(
                new LmbRangeSpec(0, 3, 0, true, 0x80000000L, SourceRef.NONE),
                new LmbRangeSpec(4, 7, 1, true, 0x80000004L, SourceRef.NONE),     // aa changes
                new LmbRangeSpec(8, 9, 1, false, 0x80000008L, SourceRef.NONE),    // flags change
                new LmbRangeSpec(10, 11, 1, false, 0x90000000L, SourceRef.NONE)), // drc jumps
                1, 1, false, SourceRef.NONE);
        LmbTable t = LmbTable.declared(lpar);
        byte[] v2 = t.encodeV2();
        assertEquals(4, ByteBuffer.wrap(v2).getInt());
        assertEquals(4 + 4 * 24, v2.length);
        LmbTable back = LmbTable.decodeV2(v2, LMB);
        assertArrayEquals(t.drc, back.drc);
        assertArrayEquals(t.aa, back.aa);
        assertArrayEquals(t.flags, back.flags);
        assertArrayEquals(t.base, back.base);
        assertEquals(12 * 24 + 4, t.encodeV1().length);
    }
}
