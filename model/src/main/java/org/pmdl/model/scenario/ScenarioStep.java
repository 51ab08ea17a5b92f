package org.pmdl.model.scenario;

import org.pmdl.model.SourceRef;

/**
 * One step as written: its action, its optional trailing {@code expect ok|error}, and where it stands.
 *
 * @param expectedOutcome null when the step has no trailing expectation
 */
public record ScenarioStep(Action action, OutcomeExpectation expectedOutcome, SourceRef source) {
}
