package org.pmdl.model.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pmdl.model.SourceRef;
import org.pmdl.model.rules.Finding;
import org.pmdl.model.rules.Rule;

/** What one step produced, before it becomes a StepResult: every handler writes its answer here. */
final class StepOutcome {
    boolean ok = true;
    String errno;
    Rule decisive;
    /** The values the decisive rule's refusal names (NdException#arguments). */
    Map<String, Object> arguments = Map.of();
    Map<String, Object> values = Map.of();
    ExpectationResult expectation;
    final List<Finding> findings = new ArrayList<>();

    /** The step could not be evaluated (no such object, no such machine): a finding, no errno. */
    void fail(Rule rule, String message, SourceRef source) {
        ok = false;
        findings.add(new Finding(rule, message, source));
    }

    /** The step could not be evaluated: a finding a decider made, no errno. */
    void fail(Finding finding) {
        ok = false;
        findings.add(finding);
    }

    /** A subsystem's answer: done or refused with an errno, the values to read, the rule that decided. */
    void answer(boolean ok, String errno, Map<String, Object> values, Rule decisive) {
        this.ok = ok;
        this.errno = errno;
        this.values = values;
        this.decisive = decisive;
    }
}
