package org.pmdl.model.persistence;

import org.pmdl.model.kernel.Errno;
import org.pmdl.model.rules.Rule;

/** A pmem step the kernel or the model refuses: with an errno when the kernel would return one. */
public final class PmemRefused extends Exception {
    private final transient Rule rule;
    private final Errno errno;

    PmemRefused(Rule rule, Errno errno, String message) {
        super(message);
        this.rule = rule;
        this.errno = errno;
    }

    public Rule rule() {
        return rule;
    }

    /** EOPNOTSUPP, ...; null when the step is not one the kernel could run (a finding says why). */
    public Errno errno() {
        return errno;
    }
}
