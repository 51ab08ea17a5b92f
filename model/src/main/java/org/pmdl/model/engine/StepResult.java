package org.pmdl.model.engine;

import java.util.List;
import java.util.Map;
import org.pmdl.model.rules.Finding;
import org.pmdl.model.rules.Rule;
import org.pmdl.model.scenario.ScenarioStep;

/**
 * The model's prediction for one step.
 *
 * @param ok          the kernel accepts the step (for an expect step: the expectation could be evaluated)
 * @param errno       symbolic errno when refused (EINVAL, EOPNOTSUPP, ...), else null
 * @param values      attributes a user could read after the step on the object the step touched (sysfs /
 *                    ndctl list names; sizes in bytes as Long, words as String, flags as Boolean)
 * @param state       the readable attributes, after the step, of every object the step could change, by object name
 *                    (all objects after a machine-level step and for a scenario's first step; an empty map
 *                    for an object that went away): see {@link ScenarioResult#stateAfter(int)}
 * @param log         kernel log lines the step produced, in order
 * @param expectation the step's expectation and whether it held, or null when it has none
 * @param applied     the rules that decided the outcome, most decisive first (cited in diagnostics)
 * @param findings    diagnostics the step produced (unmet expectation, refused step, not modelled)
 * @param hcalls      the hypervisor calls (and RTAS calls) the step made, in order, with their return codes
 * @param arguments   the values the deciding rule's refusal names, by name (NDCTL-SIZE-ALIGN: ndctl's
 *                    suggested_size); empty for most steps
 */
public record StepResult(ScenarioStep step, boolean ok, String errno, Map<String, Object> values,
        Map<String, Map<String, Object>> state, List<String> log, ExpectationResult expectation,
        List<Rule> applied, List<Finding> findings, List<String> hcalls, Map<String, Object> arguments) {

    /** A step whose deciding rule names no values. */
    public StepResult(ScenarioStep step, boolean ok, String errno, Map<String, Object> values,
            Map<String, Map<String, Object>> state, List<String> log, ExpectationResult expectation,
            List<Rule> applied, List<Finding> findings, List<String> hcalls) {
        this(step, ok, errno, values, state, log, expectation, applied, findings, hcalls, Map.of());
    }

    /** A step that made no hypervisor call. */
    public StepResult(ScenarioStep step, boolean ok, String errno, Map<String, Object> values,
            Map<String, Map<String, Object>> state, List<String> log, ExpectationResult expectation,
            List<Rule> applied, List<Finding> findings) {
        this(step, ok, errno, values, state, log, expectation, applied, findings, List.of());
    }
}
