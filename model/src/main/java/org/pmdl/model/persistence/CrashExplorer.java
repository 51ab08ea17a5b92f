package org.pmdl.model.persistence;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Enumerates the post-crash states of an epoch, projected onto the cache lines an expectation reads.
 *
 * <p>Two reductions instead of pmreorder's permutations: a state is a persisted <em>set</em> (the order stores
 * reached media in does not change the image), and only the lines read are enumerated: for each relevant line a
 * persisted prefix is chosen, and a choice whose closure under persists-before reaches past a prefix already
 * chosen is pruned with everything above it. Every projected state has a witness, the smallest full persisted
 * set behind it, for the counterexample. Like Jaaru's constraint refinement, lines nobody reads never fork.
 */
final class CrashExplorer {
    /** One projected post-crash state: a crash point, the persisted prefix per relevant line, and its witness. */
    record State(CrashPoint point, Map<PmemStore.Line, Integer> prefix, BitSet persisted) {
    }

    /**
     * Counts shared by every exploration an expectation needs; stops at the bound, at most
     * {@link PersistenceModel#MAX_BOUND} states (they are kept in memory), or when its time is up.
     */
    static final class Budget {
        final long bound;
        long explored;
        long pruned;
        private boolean cut;
        private boolean timedOut;
        private final long deadline = System.nanoTime() + PersistenceModel.TIME_LIMIT.toNanos();

        Budget(long bound) {
            this.bound = Math.min(bound, PersistenceModel.MAX_BOUND);
        }

        /** Counts one more state, or refuses it past the bound or the time limit. */
        boolean admit() {
            cut |= explored >= bound;
            if (!cut && (explored & 1023) == 0 && System.nanoTime() > deadline) {
                cut = timedOut = true;
            }
            explored += cut ? 0 : 1;
            return !cut;
        }

        /** The exploration stopped at {@link PersistenceModel#TIME_LIMIT}, not at its bound. */
        boolean timedOut() {
            return timedOut;
        }

        /** Gives up without exploring: the state space is out of reach. */
        void refuse() {
            cut = true;
        }

        /** Some state was left unexplored. */
        boolean exhausted() {
            return cut;
        }
    }

    /** More lines than this that may each persist or not cannot be enumerated within any useful bound. */
    private static final int MAX_FORKING_LINES = 512;

    private final Epoch epoch;
    private final Budget budget;
    /** A dirty shutdown: media stores are kept, and only the per-line order constrains the rest. */
    private final boolean dirtyShutdown;

    CrashExplorer(Epoch epoch, Budget budget, boolean dirtyShutdown) {
        this.epoch = epoch;
        this.budget = budget;
        this.dirtyShutdown = dirtyShutdown;
    }

    private BitSet closure(int store) {
        return dirtyShutdown ? epoch.lineClosure(store) : epoch.closure(store);
    }

    /** What every state at the point keeps, with what must persist before it. */
    private BitSet kept(CrashPoint p) {
        BitSet forced = dirtyShutdown ? p.media() : p.durable();
        BitSet c = new BitSet();
        for (int i = forced.nextSetBit(0); i >= 0; i = forced.nextSetBit(i + 1)) {
            c.or(closure(i));
        }
        return c;
    }

    /** The projected states at every given point, in point order; fewer when the budget runs out. */
    List<State> explore(Collection<CrashPoint> points, Collection<PmemStore.Line> relevant) {
        List<State> out = new ArrayList<>();
        walk(points, relevant, out);
        return out;
    }

    /** Counts the states {@link #explore} would list, keeping none (the budget's explored count). */
    void count(Collection<CrashPoint> points, Collection<PmemStore.Line> relevant) {
        walk(points, relevant, null);
    }

    private void walk(Collection<CrashPoint> points, Collection<PmemStore.Line> relevant, List<State> out) {
        for (CrashPoint p : points) {
            if (budget.exhausted()) {
                break;
            }
            Map<PmemStore.Line, List<Integer>> onLine = new LinkedHashMap<>();
            for (PmemStore.Line l : relevant) {
                onLine.put(l, new ArrayList<>());
            }
            for (PmemStore s : epoch.stores.subList(0, p.stores())) {
                List<Integer> list = onLine.get(s.line());
                if (list != null && !s.volatileMedia()) {
                    list.add(s.index());
                }
            }
            BitSet durable = kept(p);
            // a line whose stores are all durable (or that has none) has one choice: it never forks
            List<PmemStore.Line> lines = onLine.keySet().stream()
                    .filter(l -> prefix(onLine.get(l), durable) < onLine.get(l).size()).toList();
            if (lines.size() > MAX_FORKING_LINES) {
                budget.refuse(); // one recursion level per forking line: report the bound rather than recurse
                return;
            }
            dfs(p, lines, onLine, 0, new LinkedHashMap<>(), durable, out);
        }
    }

    private void dfs(CrashPoint p, List<PmemStore.Line> lines, Map<PmemStore.Line, List<Integer>> onLine, int depth,
            Map<PmemStore.Line, Integer> chosen, BitSet persisted, List<State> out) {
        if (budget.exhausted()) {
            return;
        }
        if (depth == lines.size()) {
            if (budget.admit() && out != null) {
                out.add(new State(p, Map.copyOf(chosen), persisted));
            }
            return;
        }
        PmemStore.Line line = lines.get(depth);
        List<Integer> stores = onLine.get(line);
        int lower = prefix(stores, persisted);
        for (int k = lower; k <= stores.size(); k++) {
            BitSet next = persisted;
            if (k > lower) {
                next = (BitSet) persisted.clone();
                next.or(closure(stores.get(k - 1)));
            }
            chosen.put(line, k);
            if (overshoots(next, chosen, onLine)) {
                budget.pruned += stores.size() - k + 1; // a larger prefix only adds to the closure
                chosen.remove(line);
                return;
            }
            dfs(p, lines, onLine, depth + 1, chosen, next, out);
            chosen.remove(line);
        }
    }

    /** How many of a line's stores (a prefix, since each closure holds the line's earlier stores) are in the set. */
    private static int prefix(List<Integer> stores, BitSet persisted) {
        int k = 0;
        while (k < stores.size() && persisted.get(stores.get(k))) {
            k++;
        }
        return k;
    }

    private static boolean overshoots(BitSet persisted, Map<PmemStore.Line, Integer> chosen,
            Map<PmemStore.Line, List<Integer>> onLine) {
        for (Map.Entry<PmemStore.Line, Integer> c : chosen.entrySet()) {
            List<Integer> stores = onLine.get(c.getKey());
            if (c.getValue() < stores.size() && persisted.get(stores.get(c.getValue()))) {
                return true;
            }
        }
        return false;
    }
}
