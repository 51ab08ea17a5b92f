package org.pmdl.model.rules;

import org.pmdl.model.SourceRef;

/** A diagnostic produced by the model while running a scenario, located at the step that caused it. */
public record Finding(Rule rule, Severity severity, String message, SourceRef source) {
    public Finding(Rule rule, String message, SourceRef source) {
        this(rule, rule.severity(), message, source);
    }
}
