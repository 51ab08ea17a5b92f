package org.pmdl.model.engine;

/**
 * @param kernelOverride    a kernel profile that replaces every platform's own (CLI --kernel), or null
 * @param explorationBound  the most crash states one crash step may explore before it reports "bound reached"
 * @param stepState         what each step's {@linkplain StepResult#state() state} holds
 */
public record RunOptions(String kernelOverride, int explorationBound, StepState stepState) {
    public static final RunOptions DEFAULT = new RunOptions(null, 100_000);

    /** Each step's state holds every object the step could change. */
    public RunOptions(String kernelOverride, int explorationBound) {
        this(kernelOverride, explorationBound, StepState.ALL);
    }

    public RunOptions withStepState(StepState stepState) {
        return new RunOptions(kernelOverride, explorationBound, stepState);
    }

    /** How much of the machine's readable state a run records per step. */
    public enum StepState {
        /** Every object the step could change (its region's namespaces and DIMMs; everything after a reboot). */
        ALL,
        /**
         * Only the objects whose attributes the step changed: {@link ScenarioResult#stateAfter(int)} folds them into
         * the same picture as {@link #ALL}, and a long scenario's results stay small.
         */
        CHANGED,
        /** None (the language server's keystroke runs, which rerun a scenario with {@link #CHANGED} for a hover). */
        NONE
    }
}
