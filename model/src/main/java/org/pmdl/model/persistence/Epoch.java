package org.pmdl.model.persistence;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pmdl.model.SourceRef;
import org.pmdl.model.scenario.MediaLocation;

/**
 * The pmem stores between a boot and the next crash or restart, with what each one must persist after and
 * which are durable at each crash point. It records constraints only; {@link CrashExplorer} enumerates states.
 *
 * <p>The persisted stores of a post-crash state are a set P with durable(point) within P, closed under
 * "persists before": the previous store to the same line (a line is written back whole), every store durable
 * when it was issued, every store a clflush ordered before it, and under eADR every earlier cached store
 * (visible means durable and x86-TSO makes cached stores visible in order).
 */
final class Epoch {
    /** Where a store's region keeps data over power loss. */
    enum Domain {
        /** memory_controller or unknown: flush + fence. */
        ADR,
        /** cpu_cache: visible means durable. */
        EADR,
        /** none: nothing survives. */
        VOLATILE,
        /** ND_REGION_ASYNC (virtio-pmem): only the driver's flush makes data durable. */
        ASYNC
    }

    /** A write-back not yet completed by a fence, for the finding that names it. */
    record PendingFlush(String text, SourceRef source) {
    }

    final long lineSize;
    final List<PmemStore> stores = new ArrayList<>();
    /** Per store: the stores that must persist before it (direct; {@link #closure} is transitive). */
    private final List<BitSet> before = new ArrayList<>();
    final List<CrashPoint> points = new ArrayList<>();
    private final List<BitSet> closures = new ArrayList<>();

    private final BitSet durable = new BitSet();
    /** Durable stores a deep flush (flush-hint writes) or an async driver flush pushed past the ADR domain. */
    private final BitSet media = new BitSet();
    /** Per store: the previous store to its line, or -1. */
    private final List<Integer> previousOnLine = new ArrayList<>();
    private final Map<String, BitSet> byRegion = new HashMap<>();
    private final BitSet orderedBeforeLater = new BitSet();
    private final BitSet visibleInOrder = new BitSet();
    private final Map<PmemStore.Line, Integer> lastOnLine = new HashMap<>();
    private final Map<PmemStore.Line, BitSet> dirty = new HashMap<>();
    /** Lines a POWER10 dcbf/dcbst wrote back: their stores stay at risk, and a later flush is not redundant. */
    private final java.util.Set<PmemStore.Line> legacyWrittenBack = new java.util.HashSet<>();
    private final BitSet writtenBack = new BitSet();
    private final BitSet nonTemporal = new BitSet();
    private final BitSet eadrSinceFence = new BitSet();
    private final Map<String, BitSet> asyncByRegion = new HashMap<>();
    private final Map<Integer, Domain> domains = new HashMap<>();
    final List<PendingFlush> pendingFlushes = new ArrayList<>();

    Epoch(long lineSize) {
        this.lineSize = lineSize;
        points.add(new CrashPoint(0, new BitSet(), new BitSet(), "boot", SourceRef.NONE));
    }

    PmemStore.Line lineOf(MediaLocation at) {
        return new PmemStore.Line(at.namespace(), at.offset() / lineSize);
    }

    PmemStore store(MediaLocation at, long value, boolean cached, Domain domain, String region, String text,
            SourceRef source) {
        int i = stores.size();
        PmemStore.Line line = lineOf(at);
        PmemStore s = new PmemStore(i, at, line, value, domain == Domain.VOLATILE, text, source);
        stores.add(s);
        domains.put(i, domain);
        BitSet preds = (BitSet) orderedBeforeLater.clone();
        preds.or(durable);
        if (cached) {
            preds.or(visibleInOrder);
        }
        Integer previous = lastOnLine.put(line, i);
        if (previous != null) {
            preds.set(previous);
        }
        before.add(preds);
        previousOnLine.add(previous == null ? -1 : previous);
        byRegion.computeIfAbsent(region, r -> new BitSet()).set(i);
        switch (domain) {
            case ASYNC -> asyncByRegion.computeIfAbsent(region, r -> new BitSet()).set(i);
            case EADR -> {
                eadrSinceFence.set(i);
                if (cached) {
                    visibleInOrder.set(i);
                } else {
                    nonTemporal.set(i);
                }
            }
            case ADR -> {
                if (cached) {
                    dirty.computeIfAbsent(line, l -> new BitSet()).set(i);
                } else {
                    nonTemporal.set(i);
                }
            }
            case VOLATILE -> { }
        }
        return s;
    }

    /** Whether the line has stores not yet (or, on POWER10, not properly) written back; ADR regions only. */
    boolean isDirty(PmemStore.Line line) {
        BitSet d = dirty.get(line);
        return d != null && !d.isEmpty() || legacyWrittenBack.contains(line);
    }

    Domain domainOfLine(PmemStore.Line line) {
        Integer last = lastOnLine.get(line);
        return last == null ? null : domains.get(last);
    }

    /** Writes the line's dirty stores back; a later persistence fence completes them (not a POWER10 legacy one). */
    void writeBack(PmemStore.Line line, Persistency.Writeback kind, String text, SourceRef source) {
        BitSet d = dirty.remove(line);
        if (kind == Persistency.Writeback.NOT_PERSISTENT) {
            legacyWrittenBack.add(line); // no later fence makes these stores durable: they stay at risk
            return;
        }
        if (d == null || d.isEmpty()) {
            return;
        }
        writtenBack.or(d);
        if (kind == Persistency.Writeback.ORDERED) {
            orderedBeforeLater.or(d);
        }
        pendingFlushes.add(new PendingFlush(text, source));
    }

    /** A persistence fence: completed write-backs and non-temporal stores, and under eADR every store, are durable. */
    boolean fence() {
        boolean ordered = !writtenBack.isEmpty() || !nonTemporal.isEmpty() || !eadrSinceFence.isEmpty();
        makeDurable(writtenBack);
        makeDurable(nonTemporal);
        makeDurable(eadrSinceFence);
        pendingFlushes.clear();
        return ordered;
    }

    /** POWER10 plwsync: the write-backs so far persist before any later store, but none is durable yet. */
    void orderWrittenBack() {
        orderedBeforeLater.or(writtenBack);
    }

    /** The driver flush of an async region: everything stored to it so far is durable (the host syncs it). */
    void asyncFlush(String region) {
        BitSet s = asyncByRegion.remove(region);
        if (s != null) {
            media.or(s);
            makeDurable(s);
        }
    }

    /** The flush-hint writes of generic_nvdimm_flush: the region's durable stores leave the ADR domain for media. */
    void deepFlush(String region) {
        BitSet deep = (BitSet) durable.clone();
        deep.and(byRegion.getOrDefault(region, new BitSet()));
        media.or(deep);
    }

    private void makeDurable(BitSet s) {
        durable.or(s);
        orderedBeforeLater.or(s);
        s.clear();
    }

    /** Records a crash point after a step. */
    void point(String after, SourceRef source) {
        points.add(new CrashPoint(stores.size(), (BitSet) durable.clone(), (BitSet) media.clone(), after, source));
    }

    CrashPoint last() {
        return points.get(points.size() - 1);
    }

    /** Stores of ADR regions still dirty (never written back) at the last point, in program order. */
    List<PmemStore> notWrittenBack() {
        List<PmemStore> out = new ArrayList<>();
        dirty.values().forEach(d -> d.stream().forEach(i -> out.add(stores.get(i))));
        out.sort((a, b) -> Integer.compare(a.index(), b.index()));
        return out;
    }

    /** Stores a crash at the last point may lose: not durable, or after a dirty shutdown not on media. */
    List<PmemStore> notKept(boolean dirtyShutdown) {
        BitSet kept = dirtyShutdown ? last().media() : last().durable();
        return stores.stream().filter(s -> !s.volatileMedia() && !kept.get(s.index())).toList();
    }

    /** Every store that must persist for store {@code i} to persist, and {@code i} itself. */
    BitSet closure(int i) {
        while (closures.size() <= i) {
            int j = closures.size();
            BitSet c = new BitSet();
            c.set(j);
            BitSet preds = before.get(j);
            for (int p = preds.nextSetBit(0); p >= 0; p = preds.nextSetBit(p + 1)) {
                c.or(closures.get(p));
            }
            closures.add(c);
        }
        return closures.get(i);
    }

    /**
     * After a dirty shutdown only the per-line order is left: the ordering fences gave was through the ADR domain
     * that failed. The store and the earlier stores to its line.
     */
    BitSet lineClosure(int i) {
        BitSet c = new BitSet();
        for (int j = i; j >= 0; j = previousOnLine.get(j)) {
            c.set(j);
        }
        return c;
    }
}
