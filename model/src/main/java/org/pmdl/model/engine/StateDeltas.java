package org.pmdl.model.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.pmdl.model.libnvdimm.Region;
import org.pmdl.model.scenario.Action;
import org.pmdl.model.scenario.ScenarioStep;

/**
 * The state each step leaves, kept as deltas: storing them keeps a long scenario linear in memory;
 * {@link ScenarioResult#stateAfter(int)} folds them back into a full picture. A libnvdimm step's delta shows its
 * whole region ({@link RunOptions.StepState#ALL}), yet costs what the step changed: the region's namespaces are kept
 * as {@link ShownNamespaces}, which the steps share while they only grow, and made into a map when it is read.
 */
final class StateDeltas {
    private final Machine machine;
    /** The first step follows the implicit boot: its delta is everything. */
    private final ScenarioStep first;
    /** The namespaces each region's state last showed, by region name: shared with the next step, and to report the ones that went away. */
    private final Map<String, ShownNamespaces> shownNamespaces = new HashMap<>();
    /** Every name the folded state holds now. */
    private final Set<String> shown = new HashSet<>();
    /** With {@link RunOptions.StepState#CHANGED}: the folded state so far, to leave out what did not change. */
    private final Map<String, Map<String, Object>> folded = new HashMap<>();

    StateDeltas(Machine machine, ScenarioStep first) {
        this.machine = machine;
        this.first = first;
    }

    /** The state a step leaves as the run keeps it; {@code touched} are the regions it could change. */
    Map<String, Map<String, Object>> after(ScenarioStep step, Collection<Region> touched, RunOptions.StepState kept) {
        return switch (kept) {
            case ALL -> stateChangedBy(step, touched);
            case CHANGED -> changesOnly(stateChangedBy(step, touched));
            case NONE -> Map.of();
        };
    }

    /**
     * What a step can change, after it: its region (with the region's namespaces and DIMMs), the regions of a
     * DIMM it labels, or, after a machine-level step and for the first step (which follows the implicit boot),
     * everything. A namespace shown before but gone now maps to an empty map.
     */
    private Map<String, Map<String, Object>> stateChangedBy(ScenarioStep step, Collection<Region> touched) {
        if (machine.bus == null) { // the machine is down: nothing is readable
            Map<String, Map<String, Object>> delta = new LinkedHashMap<>();
            shown.forEach(n -> delta.put(n, Map.of()));
            shown.clear();
            shownNamespaces.clear();
            return delta;
        }
        boolean everything = step == first || step.action() instanceof Action.Lifecycle
                || step.action() instanceof Action.Ocxl; // a probe registers a region
        boolean hotplug = everything || step.action() instanceof Action.Hotplug;
        boolean pseries = machine.pseries != null && (everything || step.action() instanceof Action.Pseries);
        RegionStates regions = regionStates(everything ? machine.bus.regions() : touched);
        Map<String, Map<String, Object>> delta;
        if (everything) {
            delta = machine.bus.state(); // every DIMM, also one in no region
            regions.forEachPut(delta::put); // and the namespaces that went away
        } else if (hotplug || pseries) {
            delta = new LinkedHashMap<>();
            regions.forEachPut(delta::put);
        } else {
            delta = regions; // read when asked
        }
        if (hotplug) {
            machine.hotplug.state().forEach((name, values) -> delta.merge(name, values, Machine::merged));
        }
        if (pseries) {
            machine.pseries.state().forEach((name, values) -> delta.merge(name, values, Machine::merged));
        }
        if (delta != regions) {
            delta.forEach((name, values) -> {
                if (values.isEmpty()) {
                    shown.remove(name);
                } else {
                    shown.add(name);
                }
            });
        }
        return delta;
    }

    /** The scope's state now, each region's namespaces shared with what the step before showed of them. */
    private RegionStates regionStates(Collection<Region> scope) {
        List<RegionStates.Part> parts = new ArrayList<>(scope.size());
        List<String> gone = new ArrayList<>();
        for (Region r : scope) {
            Map<String, Map<String, Object>> own = machine.bus.ownState(r);
            shown.addAll(own.keySet());
            ShownNamespaces before = shownNamespaces.get(r.name());
            ShownNamespaces now = before == null ? new ShownNamespaces() : before.next();
            machine.bus.forEachNamespaceState(r, now::add);
            shownNamespaces.put(r.name(), now);
            now.forEachNew((name, values) -> shown.add(name));
            if (before != null) {
                before.goneFrom(now).forEach(name -> {
                    gone.add(name);
                    shown.remove(name);
                });
            }
            parts.add(new RegionStates.Part(own, now));
        }
        return new RegionStates(parts, gone);
    }

    /** The delta without the objects it shows as they already were: folding it gives the same state. */
    private Map<String, Map<String, Object>> changesOnly(Map<String, Map<String, Object>> state) {
        Map<String, Map<String, Object>> delta = new LinkedHashMap<>();
        // an unchanged namespace hands out the very map folded holds: left out without a copy of the region
        BiConsumer<String, Map<String, Object>> changed = (name, values) -> {
            if (values != folded.get(name)) {
                delta.put(name, values);
            }
        };
        if (state instanceof RegionStates regions) {
            regions.forEachPut(changed);
        } else {
            state.forEach(changed);
        }
        delta.entrySet().removeIf(e -> e.getValue().isEmpty() ? !folded.containsKey(e.getKey())
                : e.getValue().equals(folded.get(e.getKey())));
        delta.forEach((name, values) -> {
            if (values.isEmpty()) {
                folded.remove(name);
            } else {
                folded.put(name, values);
            }
        });
        return delta.isEmpty() ? Map.of() : delta;
    }
}
