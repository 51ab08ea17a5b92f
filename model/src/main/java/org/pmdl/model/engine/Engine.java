package org.pmdl.model.engine;

import java.util.Map;
import org.pmdl.model.scenario.ScenarioSpec;
import org.pmdl.model.topology.PlatformSpec;

/** Runs scenarios against the kernel model: one result per step, never an exception. */
public final class Engine {
    private final Map<String, PlatformSpec> platformsByName;

    /** @param platformsByName every platform of the file and its imports; {@code reboot into X} looks X up here */
    public Engine(Map<String, PlatformSpec> platformsByName) {
        this.platformsByName = Map.copyOf(platformsByName);
    }

    public ScenarioResult run(ScenarioSpec scenario, RunOptions options) {
        return new ScenarioRun(platformsByName, scenario, options == null ? RunOptions.DEFAULT : options).run();
    }
}
