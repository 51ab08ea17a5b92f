package org.pmdl.model.engine;

/**
 * Whether a step's expectation held.
 *
 * @param text           the expectation as written ({@code expect error EINVAL}, {@code expect ns0.size == 1G})
 * @param counterexample after a crash step, a post-crash state in which the expectation fails; otherwise null
 */
public record ExpectationResult(String text, boolean met, String counterexample) {
}
