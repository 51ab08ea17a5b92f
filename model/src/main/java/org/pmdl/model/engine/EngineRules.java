package org.pmdl.model.engine;

import org.pmdl.model.rules.Layer;
import org.pmdl.model.rules.Rule;
import org.pmdl.model.rules.Severity;

/** Rules of running a scenario that are not kernel behaviour. */
public final class EngineRules {
    private EngineRules() {
    }

    public static final Rule MACHINE_DOWN = new Rule("MACHINE-DOWN", Layer.PMDL, Severity.ERROR,
            "PMDL scenario semantics",
            "After panic or power-fail the machine is down until a boot step; nothing can be read or changed.",
            "Add a `boot` step after the panic or power-fail.")
            .withTemplate("{step}: the machine is down after panic/power-fail; add a boot step");
    public static final Rule MODEL_INTERNAL = new Rule("MODEL-INTERNAL", Layer.PMDL, Severity.ERROR, "PMDL model",
            "The model failed while evaluating a step; its outcome is unknown.",
            "Report it with the scenario: the model failed; its outcome for this step is unknown.")
            .withTemplate("{context}: the model failed ({exception})");
}
