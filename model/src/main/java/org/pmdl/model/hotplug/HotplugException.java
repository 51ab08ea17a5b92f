package org.pmdl.model.hotplug;

import org.pmdl.model.kernel.Errno;
import org.pmdl.model.rules.Rule;

/** A hotplug operation the kernel (or daxctl) refuses: the errno it returns and the rule that decided it. */
public final class HotplugException extends Exception {
    private final transient Errno errno;
    private final transient Rule rule;

    public HotplugException(Errno errno, Rule rule, String message) {
        super(message);
        this.errno = errno;
        this.rule = rule;
    }

    public Errno errno() {
        return errno;
    }

    public Rule rule() {
        return rule;
    }
}
