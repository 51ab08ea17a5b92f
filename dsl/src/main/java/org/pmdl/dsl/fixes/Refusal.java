package org.pmdl.dsl.fixes;

import org.eclipse.xtext.resource.XtextResource;
import org.pmdl.dsl.analysis.Diagnostic;
import org.pmdl.dsl.pmdl.ActionStep;
import org.pmdl.model.engine.ScenarioResult;
import org.pmdl.model.engine.StepResult;
import org.pmdl.model.rules.Rule;

/**
 * A step the kernel or ndctl refused and that expects nothing: what a fix starts from.
 *
 * @param text       the file's text
 * @param diagnostic the step's STEP-REFUSED diagnostic
 * @param node       the step as written
 * @param scenario   the run the step belongs to (its platform and kernel)
 * @param step       the model's result for the step: errno, values, the rules that decided it
 * @param resource   the parsed file, for what the fix needs to compile
 */
record Refusal(String text, Diagnostic diagnostic, ActionStep node, ScenarioResult scenario, StepResult step,
        XtextResource resource) {

    /** The rule that decided the refusal (the model lists it first), or null when none is recorded. */
    Rule decisive() {
        return step.applied().isEmpty() ? null : step.applied().get(0);
    }
}
