package org.pmdl.model.scenario;

/**
 * A step's trailing {@code expect ok} or {@code expect error ERRNO}.
 *
 * @param errno symbolic errno name when an error is expected, null for {@code expect ok}
 * @param text  the expectation as written, for the report
 */
public record OutcomeExpectation(String errno, String text) {
    public boolean expectsOk() {
        return errno == null;
    }
}
