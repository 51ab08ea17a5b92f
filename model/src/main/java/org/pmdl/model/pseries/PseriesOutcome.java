package org.pmdl.model.pseries;

import java.util.Map;
import org.pmdl.model.rules.Rule;

/** What a pseries step produced: done or refused with an errno, the values to read, the rule that decided. */
public record PseriesOutcome(boolean ok, String errno, Map<String, Object> values, Rule decisive) {
}
