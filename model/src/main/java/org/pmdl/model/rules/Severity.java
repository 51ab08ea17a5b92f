package org.pmdl.model.rules;

public enum Severity {
    ERROR("error"), WARNING("warning"), INFO("info");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    /** The word used in text output, JSON and SARIF-like reports. */
    public String label() {
        return label;
    }
}
