package org.pmdl.model.ocxl;

import org.pmdl.model.kernel.Errno;
import org.pmdl.model.rules.Rule;

/** A negative return of an ocxl or ocxlpmem function: the errno and the rule that decided it. */
final class OcxlError extends Exception {
    final Errno errno;
    final Rule rule;

    OcxlError(Errno errno, Rule rule) {
        super(errno.name() + " [" + rule.id() + "]");
        this.errno = errno;
        this.rule = rule;
    }
}
