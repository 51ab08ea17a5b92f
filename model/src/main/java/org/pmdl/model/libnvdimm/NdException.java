package org.pmdl.model.libnvdimm;

import org.pmdl.model.kernel.Errno;
import org.pmdl.model.rules.Rule;

/**
 * A refusal with an errno, as a sysfs write or an ndctl command returns it, and the rule that decided it. No
 * errno: the kernel crashed instead of returning, and the rule says so.
 */
public final class NdException extends Exception {
    private final Errno errno;
    private final Rule rule;

    /** A refusal is a result, not a bug: it carries no stack trace (probes throw one per absent infoblock). */
    public NdException(Errno errno, Rule rule, String message) {
        super(message, null, true, false);
        this.errno = errno;
        this.rule = rule;
    }

    public Errno errno() {
        return errno;
    }

    public Rule rule() {
        return rule;
    }

    /** The kernel crashed instead of returning: nobody above it (ndctl, a fallback) gets to act. */
    public boolean kernelCrashed() {
        return errno == null;
    }
}
