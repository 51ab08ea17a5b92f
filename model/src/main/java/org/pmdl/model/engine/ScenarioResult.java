package org.pmdl.model.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pmdl.model.rules.Finding;

/**
 * The outcome of running one scenario.
 *
 * @param kernel the kernel behaviour profile the model applied (e.g. "6.1")
 * @param distro the distribution kernel configuration it applied (e.g. "upstream", "debian-13")
 * @param steps  exactly one result per step written in the scenario, in order
 */
public record ScenarioResult(String name, String platform, String kernel, String distro, ScenarioStatus status,
        List<StepResult> steps) {

    /**
     * Every object's readable attributes after step {@code index}: the steps' state deltas folded from the first
     * (an empty map in a delta means the object went away).
     */
    public Map<String, Map<String, Object>> stateAfter(int index) {
        Map<String, Map<String, Object>> state = new LinkedHashMap<>();
        for (StepResult step : steps.subList(0, index + 1)) {
            step.state().forEach((name, values) -> {
                if (values.isEmpty()) {
                    state.remove(name);
                } else {
                    state.put(name, values);
                }
            });
        }
        return state;
    }

    public List<Finding> findings() {
        return steps.stream().flatMap(s -> s.findings().stream()).toList();
    }
}
