package org.pmdl.model.scenario;

import java.util.List;
import org.pmdl.model.SourceRef;

/** {@code scenario NAME on PLATFORM { steps }}. */
public record ScenarioSpec(String name, String platform, List<ScenarioStep> steps, SourceRef source) {
}
