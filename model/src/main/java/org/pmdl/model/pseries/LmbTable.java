package org.pmdl.model.pseries;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.pmdl.model.topology.LmbRangeSpec;
import org.pmdl.model.topology.LparSpec;

/**
 * LMBs as arrays (a 64 TiB LPAR has 262,144 of them): base address, drc-index, associativity index and flags,
 * as in struct drmem_lmb (arch/powerpc/include/asm/drmem.h) and in the ibm,dynamic-memory[-v2] properties
 * of /ibm,dynamic-reconfiguration-memory. The hypervisor keeps one table (the truth it reports), the kernel
 * another (drmem_info).
 */
public final class LmbTable {
    /** drmem.h flags. */
    public static final int DRCONF_MEM_ASSIGNED = 0x08;
    public static final int DRCONF_MEM_AI_INVALID = 0x40;
    public static final int DRCONF_MEM_RESERVED = 0x80;
    /** QEMU's SPAPR_LMB_FLAGS_DRC_INVALID: an LMB without a DRC (hw/ppc/spapr.c). */
    public static final int QEMU_DRC_INVALID = 0x20;
    /** invalidate_lmb_associativity_index(): aa_index = 0xffffffff. */
    public static final int INVALID_AA = 0xffffffff;
    /** Bytes of one entry: v1 {base u64, drc u32, reserved u32, aa u32, flags u32}; v2 {seq u32, base u64, drc, aa, flags}. */
    static final int ENTRY_BYTES = 24;

    final long lmbSize;
    final long[] base;
    final int[] drc;
    final int[] aa;
    final int[] flags;
    private Map<Integer, Integer> byDrc;

    LmbTable(long lmbSize, int count) {
        this.lmbSize = lmbSize;
        base = new long[count];
        drc = new int[count];
        aa = new int[count];
        flags = new int[count];
    }

    /** The LMB runs as declared: base = index x lmb-size, drc-index from the run's base, aa_index = node. */
    public static LmbTable declared(LparSpec lpar) {
        int count = 0;
        for (LmbRangeSpec r : lpar.lmbs()) {
            count += (int) (r.last() - r.first() + 1);
        }
        LmbTable t = new LmbTable(lpar.lmbSize(), count);
        int i = 0;
        for (LmbRangeSpec r : lpar.lmbs().stream().sorted((a, b) -> Long.compare(a.first(), b.first())).toList()) {
            for (long lmb = r.first(); lmb <= r.last(); lmb++, i++) {
                t.base[i] = lmb * lpar.lmbSize();
                t.drc[i] = (int) (r.drcIndexBase() + lmb - r.first());
                t.aa[i] = r.node();
                t.flags[i] = r.assigned() ? LmbTable.DRCONF_MEM_ASSIGNED : 0;
            }
        }
        return t;
    }

    /**
     * The property as QEMU 7.2 writes it (hw/ppc/spapr.c spapr_dt_dynamic_memory_v2): boot memory as one set
     * without DRCs, RESERVED | DRC_INVALID, aa_index -1 (the guest finds it in /memory@0); an LMB of the hotplug
     * area not plugged has aa_index -1. Observed on 6.1.192: examples/pseries/dlpar-qemu.pmdl.
     */
    LmbTable asQemuPublishes(boolean[] bootMemory) {
        LmbTable t = new LmbTable(lmbSize, size());
        for (int i = 0; i < size(); i++) {
            t.base[i] = base[i];
            t.drc[i] = bootMemory[i] ? 0 : drc[i];
            t.aa[i] = bootMemory[i] || !assigned(i) ? INVALID_AA : aa[i];
            t.flags[i] = bootMemory[i] ? DRCONF_MEM_RESERVED | QEMU_DRC_INVALID : flags[i];
        }
        return t;
    }

    public long lmbSize() {
        return lmbSize;
    }

    public int size() {
        return base.length;
    }

    boolean assigned(int i) {
        return (flags[i] & DRCONF_MEM_ASSIGNED) != 0;
    }

    /**
     * The first LMB with this drc-index, or -1 (the kernel's update_lmb() scans linearly and stops at the first
     * match; an index built once gives the same answer without the quadratic walk).
     */
    int indexOfDrc(int drcIndex) {
        if (byDrc == null) {
            byDrc = new HashMap<>(size() * 2);
            for (int i = size() - 1; i >= 0; i--) {
                byDrc.put(drc[i], i);
            }
        }
        return byDrc.getOrDefault(drcIndex, -1);
    }

    // ---- ibm,dynamic-memory-v2 ----

    /**
     * drmem_update_dt_v2(): one set per run of LMBs whose aa_index and flags stay equal (the kernel assumes
     * drc-index and base advance by one LMB; a run also ends where they do not, so any table round-trips).
     */
    public byte[] encodeV2() {
        int sets = 0;
        for (int i = 0; i < size(); i++) {
            if (i == 0 || startsSet(i)) {
                sets++;
            }
        }
        ByteBuffer b = ByteBuffer.allocate(4 + sets * ENTRY_BYTES);
        b.putInt(sets);
        int start = 0;
        for (int i = 1; i <= size(); i++) {
            if (i == size() || startsSet(i)) {
                b.putInt(i - start).putLong(base[start]).putInt(drc[start]).putInt(aa[start]).putInt(flags[start]);
                start = i;
            }
        }
        return b.array();
    }

    private boolean startsSet(int i) {
        return aa[i] != aa[i - 1] || flags[i] != flags[i - 1] || drc[i] != drc[i - 1] + 1
                || base[i] != base[i - 1] + lmbSize;
    }

    /** __walk_drmem_v2_lmbs(): each set expands to seq LMBs, base += lmb_size and drc_index += 1 per LMB. */
    public static LmbTable decodeV2(byte[] property, long lmbSize) {
        ByteBuffer b = ByteBuffer.wrap(property);
        int sets = b.getInt();
        long total = 0;
        for (int s = 0; s < sets; s++) {
            total += Integer.toUnsignedLong(b.getInt(4 + s * ENTRY_BYTES));
        }
        LmbTable t = new LmbTable(lmbSize, Math.toIntExact(total));
        int i = 0;
        for (int s = 0; s < sets; s++) {
            int seq = b.getInt();
            long first = b.getLong();
            int drc0 = b.getInt();
            int aa0 = b.getInt();
            int flags0 = b.getInt();
            for (int k = 0; k < seq; k++, i++) {
                t.base[i] = first + k * lmbSize;
                t.drc[i] = drc0 + k;
                t.aa[i] = aa0;
                t.flags[i] = flags0;
            }
        }
        return t;
    }

    // ---- ibm,dynamic-memory (v1) ----

    /** drmem_update_dt_v1(): the LMB count, then one 24-byte cell per LMB. */
    public byte[] encodeV1() {
        ByteBuffer b = ByteBuffer.allocate(4 + size() * ENTRY_BYTES);
        b.putInt(size());
        for (int i = 0; i < size(); i++) {
            b.putLong(base[i]).putInt(drc[i]).putInt(0).putInt(aa[i]).putInt(flags[i]);
        }
        return b.array();
    }

    /** __walk_drmem_v1_lmbs(). */
    public static LmbTable decodeV1(byte[] property, long lmbSize) {
        ByteBuffer b = ByteBuffer.wrap(property);
        LmbTable t = new LmbTable(lmbSize, b.getInt());
        for (int i = 0; i < t.size(); i++) {
            t.base[i] = b.getLong();
            t.drc[i] = b.getInt();
            b.getInt(); // reserved
            t.aa[i] = b.getInt();
            t.flags[i] = b.getInt();
        }
        return t;
    }
}
