package org.pmdl.model.engine;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.pmdl.model.libnvdimm.Region;
import org.pmdl.model.scenario.Action;
import org.pmdl.model.scenario.ScenarioStep;

/**
 * The state each step leaves, kept as deltas: storing them keeps a long scenario linear in memory;
 * {@link ScenarioResult#stateAfter(int)} folds them back into a full picture.
 */
final class StateDeltas {
    private final Machine machine;
    /** The first step follows the implicit boot: its delta is everything. */
    private final ScenarioStep first;
    /** The namespace names each region's state last showed, to report the ones that went away. */
    private final Map<String, Set<String>> shownNamespaces = new HashMap<>();
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
        Collection<Region> scope = everything ? machine.bus.regions() : touched;
        Map<String, Map<String, Object>> delta = everything ? machine.bus.state() : machine.bus.state(scope); // fresh
        for (Region r : scope) {
            Set<String> now = new HashSet<>(machine.bus.namespaceNames(r));
            Set<String> before = shownNamespaces.put(r.name(), now);
            if (before != null) {
                before.stream().filter(n -> !now.contains(n)).forEach(n -> delta.put(n, Map.of()));
            }
        }
        if (everything || step.action() instanceof Action.Hotplug) {
            machine.hotplug.state().forEach((name, values) -> delta.merge(name, values, Machine::merged));
        }
        if (machine.pseries != null && (everything || step.action() instanceof Action.Pseries)) {
            machine.pseries.state().forEach((name, values) -> delta.merge(name, values, Machine::merged));
        }
        delta.forEach((name, values) -> {
            if (values.isEmpty()) {
                shown.remove(name);
            } else {
                shown.add(name);
            }
        });
        return delta;
    }

    /** The delta without the objects it shows as they already were: folding it gives the same state. */
    private Map<String, Map<String, Object>> changesOnly(Map<String, Map<String, Object>> delta) {
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
