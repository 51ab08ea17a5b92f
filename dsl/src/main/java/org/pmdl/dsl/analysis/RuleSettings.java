package org.pmdl.dsl.analysis;

import java.util.HashSet;
import java.util.Set;

/**
 * Rules turned off and rules turned up to errors, from the command line ({@code --disable}, {@code --error}) and
 * the .pmdl.json configuration; {@link RuleControl} adds a file's {@code // pmdl: disable} comments.
 *
 * @param disabled rule IDs whose findings are not reported
 * @param errors   rule IDs whose findings are reported as errors
 */
public record RuleSettings(Set<String> disabled, Set<String> errors) {
    public static final RuleSettings NONE = new RuleSettings(Set.of(), Set.of());

    public RuleSettings {
        disabled = Set.copyOf(disabled);
        errors = Set.copyOf(errors);
    }

    /** Both settings at once: a rule disabled (or turned up) by either is. */
    public RuleSettings plus(RuleSettings other) {
        Set<String> allDisabled = new HashSet<>(disabled);
        allDisabled.addAll(other.disabled);
        Set<String> allErrors = new HashSet<>(errors);
        allErrors.addAll(other.errors);
        return new RuleSettings(allDisabled, allErrors);
    }
}
