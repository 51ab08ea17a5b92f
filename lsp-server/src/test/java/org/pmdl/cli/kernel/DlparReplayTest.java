package org.pmdl.cli.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What DlparReplay reads back from the guest, on text the 6.1.192 pseries kernel printed under QEMU 7.2
 * (-m 1G,slots=4,maxmem=8G; a 1G pc-dimm added at 0x40000000): /sys/devices/system/cpu lists and
 * /proc/device-tree/ibm,dynamic-reconfiguration-memory/ibm,dynamic-memory-v2 as `od -An -v -tx1 | tr -d ' \n'`.
 */
class DlparReplayTest {
    @Test
    void cpuListsAreRanges() {
        assertEquals(List.of(0L, 1L), DlparReplay.cpus(List.of("0-1")));
        assertEquals(List.of(0L, 2L, 3L, 4L), DlparReplay.cpus(List.of("0,2-4")));
        assertEquals(List.of(), DlparReplay.cpus(List.of("")));
    }

    @Test
    void dynamicMemoryV2AtBootHasQemusReservedBootSet() {
        // 2 sets: 4 LMBs of boot memory (DRC 0, aa 0xffffffff, RESERVED|DRC_INVALID), 28 unassigned from DRC 0x80000004
        Map<Long, long[]> lmbs = DlparReplay.dynamicMemoryV2("00000002" + "00000004" + "0000000000000000" + "00000000"
                + "ffffffff" + "000000a0" + "0000001c" + "0000000040000000" + "80000004" + "ffffffff" + "00000000");
        assertEquals(32, lmbs.size());
        assertArrayEquals(new long[] {0, 0xffffffffL, 0xa0}, lmbs.get(0L));
        assertArrayEquals(new long[] {0x80000004L, 0xffffffffL, 0}, lmbs.get(4L));
        assertArrayEquals(new long[] {0x8000001fL, 0xffffffffL, 0}, lmbs.get(31L));
    }

    @Test
    void dynamicMemoryV2AfterAPcDimmMarksItsLmbsAssigned() {
        Map<Long, long[]> lmbs = DlparReplay.dynamicMemoryV2("00000003" + "00000004" + "0000000000000000" + "00000000"
                + "ffffffff" + "000000a0" + "00000004" + "0000000040000000" + "80000004" + "00000000" + "00000008"
                + "00000018" + "0000000080000000" + "80000008" + "ffffffff" + "00000000");
        assertArrayEquals(new long[] {0x80000007L, 0, 8}, lmbs.get(7L));
        assertArrayEquals(new long[] {0x80000008L, 0xffffffffL, 0}, lmbs.get(8L));
        assertNull(lmbs.get(32L));
        assertEquals(Map.of(), DlparReplay.dynamicMemoryV2("od: no such file"));
    }
}
