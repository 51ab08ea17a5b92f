package org.pmdl.cli.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The order in which QEMU 7.2 lists its NVDIMMs in the NFIT's SPA ranges, which is the order the kernel numbers
 * their regions in (region0, region1, ...; and so namespace0.0, namespace1.0). QEMU's nvdimm_get_device_list()
 * walks the children of /machine/peripheral, a GLib hash table keyed by the devices' ids, so the order is the
 * table's slot order, not the command line's: ids nmem0, nmem1 come out nmem1, nmem0 (observed on QEMU 7.2 with
 * Linux 6.1: region0 at the second DIMM's address). The DIMMs' SPA placement and nmem numbering follow the
 * command line (slot) order. This replays GLib 2.74's table (ghash.c: g_str_hash, index = hash * 11 mod a
 * prime, quadratic probing, 8 slots until 8 entries) so that export can pick ids that give the declared order
 * and import can name regions as the kernel will.
 */
final class NfitOrder {
    /** GLib's table keeps 8 slots (HASH_TABLE_MIN_SHIFT 3, prime 7) until it holds 8 entries. */
    static final int MAX_DIMMS = 7;
    private static final int SLOTS = 8;
    private static final int PRIME = 7;

    private NfitOrder() {
    }

    /** The ids in NFIT order, for devices created in the given (command-line) order. */
    static List<String> of(List<String> ids) {
        String[] table = place(ids);
        List<String> order = new ArrayList<>();
        for (String id : table) {
            if (id != null) {
                order.add(id);
            }
        }
        return order;
    }

    /**
     * QEMU ids for DIMMs given in command-line order such that DIMM {@code j} is {@code rank[j]}-th in the NFIT: the
     * DIMMs' own names when they already are, else names with a suffix ({@code NAME-1}, ...), found by a small
     * backtracking search (an insertion never moves an earlier entry, so each prefix can be checked alone).
     */
    static Optional<List<String>> ids(List<String> names, List<Integer> rank) {
        if (names.size() > MAX_DIMMS) {
            return Optional.empty();
        }
        List<String> ids = new ArrayList<>();
        return search(names, rank, ids) ? Optional.of(ids) : Optional.empty();
    }

    private static boolean search(List<String> names, List<Integer> rank, List<String> ids) {
        int j = ids.size();
        if (j == names.size()) {
            return true;
        }
        for (int k = 0; k < 64; k++) {
            String candidate = k == 0 ? names.get(j) : names.get(j) + "-" + k;
            if (ids.contains(candidate)) {
                continue;
            }
            ids.add(candidate);
            if (consistent(ids, rank) && search(names, rank, ids)) {
                return true;
            }
            ids.remove(j);
        }
        return false;
    }

    /** The placed ids' table order agrees with their ranks. */
    private static boolean consistent(List<String> ids, List<Integer> rank) {
        List<String> order = of(ids);
        for (int a = 0; a + 1 < order.size(); a++) {
            if (rank.get(ids.indexOf(order.get(a))) > rank.get(ids.indexOf(order.get(a + 1)))) {
                return false;
            }
        }
        return true;
    }

    private static String[] place(List<String> ids) {
        String[] table = new String[SLOTS];
        for (String id : ids) {
            int hash = strHash(id);
            if (Integer.compareUnsigned(hash, 2) < 0) {
                hash = 2; // ghash.c: 0 and 1 mark empty and deleted slots
            }
            int index = (int) (Integer.toUnsignedLong(hash * 11) % PRIME);
            int step = 0;
            while (table[index] != null) {
                step++;
                index = (index + step) & (SLOTS - 1);
            }
            table[index] = id;
        }
        return table;
    }

    /** g_str_hash: djb2 over the bytes, h = h * 33 + c, from 5381 (32-bit unsigned). */
    private static int strHash(String s) {
        int h = 5381;
        for (byte c : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            h = h * 33 + c; // GLib reads the bytes as signed char
        }
        return h;
    }
}
