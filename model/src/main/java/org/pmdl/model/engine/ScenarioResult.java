package org.pmdl.model.engine;

import java.util.List;
import org.pmdl.model.rules.Finding;

/**
 * The outcome of running one scenario.
 *
 * @param kernel the kernel behaviour profile the model applied (e.g. "6.1")
 * @param steps  exactly one result per step written in the scenario, in order
 */
public record ScenarioResult(String name, String platform, String kernel, ScenarioStatus status,
        List<StepResult> steps) {

    public List<Finding> findings() {
        return steps.stream().flatMap(s -> s.findings().stream()).toList();
    }
}
