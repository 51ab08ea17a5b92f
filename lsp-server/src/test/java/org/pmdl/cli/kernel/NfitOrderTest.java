package org.pmdl.cli.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The NFIT (region) order of QEMU NVDIMMs by device id. Expected orders observed on QEMU 7.2 + Linux
 * 6.1.0-56-amd64 (regionN/resource and mapping0 read in the guest, this harness): ids nvdimm0..3 gave
 * region0..3 at DIMM 0, 2, 1, 3 of the command line; ids nmem0..2 gave DIMM 1, 0, 2; ids nvdimm0, nvdimm1 (the
 * docs/kernel-observations t05 run) gave DIMM 0, 1.
 */
class NfitOrderTest {
    @Test
    void replaysTheOrdersObservedUnderQemu() {
        assertEquals(List.of("nvdimm0", "nvdimm2", "nvdimm1", "nvdimm3"),
                NfitOrder.of(List.of("nvdimm0", "nvdimm1", "nvdimm2", "nvdimm3")));
        assertEquals(List.of("nmem1", "nmem0", "nmem2"), NfitOrder.of(List.of("nmem0", "nmem1", "nmem2")));
        assertEquals(List.of("nvdimm0", "nvdimm1"), NfitOrder.of(List.of("nvdimm0", "nvdimm1")));
    }

    @Test
    void findsIdsForAnyRequestedOrder() {
        List<String> names = List.of("nmem0", "nmem1", "nmem2", "nmem3", "nmem4");
        for (List<Integer> rank : List.of(List.of(0, 1, 2, 3, 4), List.of(4, 3, 2, 1, 0), List.of(2, 0, 4, 1, 3))) {
            List<String> ids = NfitOrder.ids(names, rank).orElseThrow();
            List<String> order = NfitOrder.of(ids);
            for (int j = 0; j < ids.size(); j++) {
                assertEquals(rank.get(j).intValue(), order.indexOf(ids.get(j)), () -> ids + " -> " + order);
            }
        }
    }

    @Test
    void keepsTheDimmNamesWhenTheyAlreadyGiveTheOrder() {
        assertEquals(List.of("nvdimm0", "nvdimm1"), NfitOrder.ids(List.of("nvdimm0", "nvdimm1"), List.of(0, 1))
                .orElseThrow());
        assertTrue(NfitOrder.ids(List.of("a", "b", "c", "d", "e", "f", "g", "h"), List.of(0, 1, 2, 3, 4, 5, 6, 7))
                .isEmpty(), "beyond 7 DIMMs GLib grows its table: not predicted");
    }
}
