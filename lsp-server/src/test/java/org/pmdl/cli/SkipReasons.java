package org.pmdl.cli;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Says on the console why a test did not run: Maven prints only "Skipped: 1", and the reason (no QEMU, no
 * pre-commit, no SARIF multitool) would otherwise be found only in the XML reports. Registered through
 * META-INF/services, so every test run of this module uses it.
 */
public class SkipReasons implements TestExecutionListener {

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        System.err.println("SKIPPED " + test.getDisplayName() + ": " + reason);
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) { // Assumptions.abort / assumeTrue
            System.err.println("SKIPPED " + test.getDisplayName() + ": " + result.getThrowable()
                    .map(Throwable::getMessage).orElse("aborted"));
        }
    }
}
