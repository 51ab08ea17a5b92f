package org.pmdl.model.engine;

/**
 * @param kernelOverride    a kernel profile that replaces every platform's own (CLI --kernel), or null
 * @param explorationBound  the most crash states one crash step may explore before it reports "bound reached"
 * @param stateChangesOnly  each step's {@linkplain StepResult#state() state} keeps only the objects whose attributes
 *                          the step changed (the language server: a long scenario's results stay small);
 *                          {@link ScenarioResult#stateAfter(int)} folds them into the same picture
 */
public record RunOptions(String kernelOverride, int explorationBound, boolean stateChangesOnly) {
    public static final RunOptions DEFAULT = new RunOptions(null, 100_000);

    /** Each step's state holds every object the step could change. */
    public RunOptions(String kernelOverride, int explorationBound) {
        this(kernelOverride, explorationBound, false);
    }
}
