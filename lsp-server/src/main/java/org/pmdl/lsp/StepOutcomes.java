package org.pmdl.lsp;

import java.util.Map;
import java.util.Optional;
import org.pmdl.dsl.pmdl.Scenario;
import org.pmdl.dsl.pmdl.Step;
import org.pmdl.model.engine.ScenarioResult;
import org.pmdl.model.engine.StepResult;

/** Finds a written step's prediction in the latest run and says it in a few words. */
final class StepOutcomes {
    private StepOutcomes() {
    }

    /** A step of the file together with its result and the scenario result it belongs to. */
    record Predicted(ScenarioResult scenario, int index, StepResult result) {
        Map<String, Map<String, Object>> stateAfter(ScenarioRuns runs) {
            return runs.stateAfter(scenario, index);
        }
    }

    /** Results are one per written step in order, so the step's index in its scenario finds its result. */
    static Optional<Predicted> of(Step step, ScenarioRuns.Snapshot snapshot) {
        if (!(step.eContainer() instanceof Scenario scenario)) {
            return Optional.empty();
        }
        int index = scenario.getSteps().indexOf(step);
        return snapshot.scenario(scenario.getName())
                .filter(result -> index >= 0 && index < result.steps().size())
                .map(result -> new Predicted(result, index, result.steps().get(index)));
    }

    /** {@code → ok, 1054867456 bytes} or {@code → EINVAL}: the inlay hint after a step without an expect. */
    static String summary(StepResult result) {
        if (!result.ok()) {
            return "→ " + (result.errno() == null ? "refused" : result.errno());
        }
        return result.values().get("size") instanceof Long size ? "→ ok, " + size + " bytes" : "→ ok";
    }

    /** Sizes in bytes with their binary-suffix reading when exact: {@code 1073741824 (1G)}. */
    static String value(Object value) {
        if (value instanceof Long bytes && bytes >= 1024) {
            String readable = Sizes.suffixed(bytes);
            return readable.equals(String.valueOf(bytes)) ? readable : bytes + " (" + readable + ")";
        }
        return String.valueOf(value);
    }
}
