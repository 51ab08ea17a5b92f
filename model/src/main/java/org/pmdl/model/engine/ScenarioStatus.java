package org.pmdl.model.engine;

/** pass: every expectation met; fail: some expectation unmet; error: a step could not be evaluated. */
public enum ScenarioStatus {
    PASS("pass"), FAIL("fail"), ERROR("error");

    private final String label;

    ScenarioStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
