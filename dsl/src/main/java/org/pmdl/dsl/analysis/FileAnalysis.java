package org.pmdl.dsl.analysis;

import java.util.List;
import org.pmdl.model.engine.ScenarioResult;
import org.pmdl.model.rules.Severity;

/** Everything PMDL has to say about one file: diagnostics in text order and, when run, its scenarios' results. */
public record FileAnalysis(List<Diagnostic> diagnostics, List<ScenarioResult> scenarios) {

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(d -> d.severity() == Severity.ERROR);
    }
}
