package org.pmdl.model.persistence;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.pmdl.model.SourceRef;
import org.pmdl.model.rules.Finding;
import org.pmdl.model.scenario.Action;
import org.pmdl.model.scenario.Condition;
import org.pmdl.model.scenario.MediaLocation;
import org.pmdl.model.scenario.Value;

/**
 * One media expectation evaluated over every post-crash state the model allows (language.md §5): the views are
 * the product, over the epochs since the scenario started, of each epoch's alternatives — all its stores for an
 * epoch that ended cleanly or is still running, its projected crash states for one that crashed.
 */
final class MediaExpectation {
    /** One alternative of one epoch: the stores issued before its crash point and those persisted. */
    private record Alternative(Epoch epoch, CrashExplorer.State state, int issued, BitSet persisted) {
        boolean crashed() {
            return state != null;
        }
    }

    /** What a view shows at a location: the value read, and the newest store to it (null: never stored). */
    private record Read(long value, PmemStore latest, boolean latestPersisted) {
    }

    private static final int MAX_IMAGES_SHOWN = 64;

    private final PersistenceModel model;
    private final Action action;
    private final String text;
    private final Function<Condition.Attribute, Boolean> attributes;
    private final List<MediaLocation> locations;

    MediaExpectation(PersistenceModel model, Action action, String text,
            Function<Condition.Attribute, Boolean> attributes) {
        this.model = model;
        this.action = action;
        this.text = text;
        this.attributes = attributes;
        this.locations = locations(action);
    }

    private static List<MediaLocation> locations(Action action) {
        List<MediaLocation> out = new ArrayList<>();
        if (action instanceof Action.ExpectDurable d) {
            out.add(d.location());
        } else if (action instanceof Action.ExpectOrdered o) {
            out.add(o.first());
            out.add(o.second());
        } else if (action instanceof Action.Expect e) {
            for (Condition c : e.implied() == null ? List.of(e.condition()) : List.of(e.condition(), e.implied())) {
                if (c instanceof Condition.Media m) {
                    out.add(m.location());
                }
            }
        }
        return out;
    }

    PersistenceModel.Verdict evaluate(SourceRef source) {
        long bound = model.defaultBound();
        List<List<Alternative>> epochs = new ArrayList<>();
        List<CrashExplorer.Budget> budgets = new ArrayList<>();
        int crashPoints = 0;
        for (PersistenceModel.Closed c : model.history()) {
            if (c.points() == null) {
                epochs.add(List.of(visible(c.epoch())));
            } else {
                bound = c.bound();
                crashPoints = c.points().size();
                epochs.add(crashed(c.epoch(), c.points(), c.dirtyShutdown(), c.bound(), budgets));
            }
        }
        Epoch open = model.open();
        if (open != null) {
            if (action instanceof Action.Expect) {
                epochs.add(List.of(visible(open)));
            } else { // what a crash now would keep: durable asks about this point, ordered about every point
                List<CrashPoint> points = action instanceof Action.ExpectOrdered ? open.points : List.of(open.last());
                bound = model.defaultBound();
                crashPoints = points.size();
                epochs.add(crashed(open, points, false, bound, budgets));
            }
        }
        long explored = budgets.stream().mapToLong(b -> b.explored).sum();
        long pruned = budgets.stream().mapToLong(b -> b.pruned).sum();
        boolean exhausted = budgets.stream().anyMatch(CrashExplorer.Budget::exhausted);

        long views = 0;
        List<Alternative> failing = null;
        Set<String> images = new TreeSet<>();
        int[] at = new int[epochs.size()];
        boolean complete = epochs.stream().anyMatch(List::isEmpty);
        long deadline = System.nanoTime() + PersistenceModel.TIME_LIMIT.toNanos();
        boolean timedOut = budgets.stream().anyMatch(CrashExplorer.Budget::timedOut);
        while (!complete && views < Math.min(bound, PersistenceModel.MAX_BOUND)) {
            if ((views & 1023) == 0 && System.nanoTime() > deadline) {
                timedOut = true;
                break;
            }
            List<Alternative> view = new ArrayList<>();
            for (int i = 0; i < at.length; i++) {
                view.add(epochs.get(i).get(at[i]));
            }
            views++;
            images.add(image(view));
            if (failing == null && !holds(view)) {
                failing = view;
            }
            complete = !advance(at, epochs);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("crash_points", (long) crashPoints);
        values.put("states_explored", explored);
        values.put("states_pruned", pruned);
        values.put("views", views);
        // rmem-persistency's output: the distinct images of the locations read, over every allowed state; one
        // string, since report values are scalars (language.md §5)
        values.put("states", String.join(" | ", images.stream().limit(MAX_IMAGES_SHOWN).toList()));
        values.put("distinct_states", (long) images.size());
        if (failing != null) {
            return new PersistenceModel.Verdict(true, false, "it fails in an allowed post-crash state",
                    counterexample(failing), values, null);
        }
        if (exhausted || !complete) {
            String stopped = timedOut ? "its time limit of " + PersistenceModel.TIME_LIMIT.toSeconds() + " s"
                    : "its bound of " + Math.min(bound, PersistenceModel.MAX_BOUND) + " states";
            String advice = timedOut || bound >= PersistenceModel.MAX_BOUND
                    ? "this is as far as the model explores; read fewer locations or split the scenario"
                    : "raise it with `bound N` on the crash step (at most " + PersistenceModel.MAX_BOUND + ")";
            Finding f = new Finding(PersistenceRules.CRASH_BOUND,
                    PersistenceRules.CRASH_BOUND.message(text, stopped, explored, pruned, advice), source);
            return new PersistenceModel.Verdict(false, false, null, null, values, f);
        }
        return new PersistenceModel.Verdict(true, true, "it holds in all " + views + " states", null, values, null);
    }

    private static Alternative visible(Epoch e) {
        BitSet all = new BitSet();
        all.set(0, e.stores.size());
        return new Alternative(e, null, e.stores.size(), all);
    }

    private List<Alternative> crashed(Epoch e, List<CrashPoint> points, boolean dirtyShutdown, long bound,
            List<CrashExplorer.Budget> budgets) {
        CrashExplorer.Budget budget = new CrashExplorer.Budget(bound);
        budgets.add(budget);
        Set<PmemStore.Line> lines = new LinkedHashSet<>();
        locations.forEach(l -> lines.add(e.lineOf(l)));
        return new CrashExplorer(e, budget, dirtyShutdown).explore(points, lines).stream()
                .map(s -> new Alternative(e, s, s.point().stores(), s.persisted())).toList();
    }

    private static boolean advance(int[] at, List<List<Alternative>> epochs) {
        for (int i = at.length - 1; i >= 0; i--) {
            if (++at[i] < epochs.get(i).size()) {
                return true;
            }
            at[i] = 0;
        }
        return false;
    }

    /** Reads a location in a view, newest epoch first: a crash of a volatile region leaves zeros. */
    private Read read(MediaLocation loc, List<Alternative> view) {
        PmemStore latest = null;
        boolean latestPersisted = false;
        for (int i = view.size() - 1; i >= 0; i--) {
            Alternative a = view.get(i);
            PmemStore newest = null;
            PmemStore newestPersisted = null;
            for (PmemStore s : a.epoch().stores.subList(0, a.issued())) {
                if (s.location().equals(loc)) {
                    newest = s;
                    newestPersisted = a.persisted().get(s.index()) ? s : newestPersisted;
                }
            }
            if (latest == null && newest != null) {
                latest = newest;
                latestPersisted = a.persisted().get(newest.index());
            }
            if (newestPersisted != null) {
                return new Read(newestPersisted.value(), latest, latestPersisted);
            }
            if (a.crashed() && model.isVolatile(loc.namespace())) {
                break;
            }
        }
        return new Read(0, latest, latestPersisted);
    }

    private boolean holds(List<Alternative> view) {
        if (action instanceof Action.ExpectDurable d) {
            Read r = read(d.location(), view);
            return r.latest() != null && r.latestPersisted();
        }
        if (action instanceof Action.ExpectOrdered o) {
            Read first = read(o.first(), view);
            Read second = read(o.second(), view);
            boolean secondPersisted = second.latest() != null && second.latestPersisted();
            return !secondPersisted || first.latest() != null && first.latestPersisted();
        }
        Action.Expect e = (Action.Expect) action;
        boolean condition = holds(e.condition(), view);
        return e.implied() == null ? condition : !condition || holds(e.implied(), view);
    }

    private boolean holds(Condition c, List<Alternative> view) {
        if (c instanceof Condition.Media m) {
            if (!(m.value() instanceof Value.Number n)) {
                return false;
            }
            long v = read(m.location(), view).value();
            return m.op().holds(new BigInteger(Long.toUnsignedString(v)).compareTo(n.value()));
        }
        if (c instanceof Condition.Attribute a) {
            return Boolean.TRUE.equals(attributes.apply(a));
        }
        return false;
    }

    /** A view as rmem-persistency prints an NVM state: each location read and its value. */
    private String image(List<Alternative> view) {
        return locations.stream().distinct().map(l -> l + "=" + read(l, view).value())
                .collect(Collectors.joining(" "));
    }

    /** The newest crashed alternative of the view: where power failed, what persisted and what was lost. */
    private String counterexample(List<Alternative> view) {
        String reads = locations.stream().distinct().map(l -> l + " = " + read(l, view).value())
                .collect(Collectors.joining(", "));
        for (int i = view.size() - 1; i >= 0; i--) {
            Alternative a = view.get(i);
            if (a.crashed()) {
                List<PmemStore> issued = a.epoch().stores.subList(0, a.issued());
                return "crash " + a.state().point().describe() + ": persisted "
                        + list(issued.stream().filter(s -> a.persisted().get(s.index())).toList()) + "; lost "
                        + list(issued.stream().filter(s -> !a.persisted().get(s.index())).toList()) + "; reads "
                        + reads;
            }
        }
        return "reads " + reads;
    }

    private static String list(List<PmemStore> stores) {
        if (stores.isEmpty()) {
            return "none";
        }
        String shown = stores.stream().limit(8).map(PmemStore::describe).collect(Collectors.joining(", "));
        return "{" + shown + (stores.size() > 8 ? ", and " + (stores.size() - 8) + " more" : "") + "}";
    }
}
