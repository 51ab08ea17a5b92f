package org.pmdl.model.libnvdimm;

import java.util.Map;
import org.pmdl.model.kernel.Errno;
import org.pmdl.model.rules.Rule;

/**
 * A refusal with an errno, as a sysfs write or an ndctl command returns it, the rule that decided it and the values
 * the rule's decision names (what a fix takes up: ndctl's suggested size). No errno: the kernel crashed instead of
 * returning, and the rule says so.
 */
public final class NdException extends Exception {
    private final Errno errno;
    private final Rule rule;
    private final transient Map<String, Object> arguments;

    /** A refusal is a result, not a bug: it carries no stack trace (probes throw one per absent infoblock). */
    public NdException(Errno errno, Rule rule, String message) {
        this(errno, rule, message, Map.of());
    }

    public NdException(Errno errno, Rule rule, String message, Map<String, Object> arguments) {
        super(message, null, true, false);
        this.errno = errno;
        this.rule = rule;
        this.arguments = Map.copyOf(arguments);
    }

    /** The values the rule's decision names, by name; empty when it names none. */
    public Map<String, Object> arguments() {
        return arguments;
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
