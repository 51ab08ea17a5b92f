package org.pmdl.model.engine;

/**
 * @param kernelOverride    a kernel profile that replaces every platform's own (CLI --kernel), or null
 * @param explorationBound  the most crash states one crash step may explore before it reports "bound reached"
 */
public record RunOptions(String kernelOverride, int explorationBound) {
    public static final RunOptions DEFAULT = new RunOptions(null, 100_000);
}
