package org.pmdl.model.ndctl;

import java.util.Map;
import org.pmdl.model.kernel.Errno;
import org.pmdl.model.libnvdimm.Dmesg;
import org.pmdl.model.libnvdimm.NdException;
import org.pmdl.model.libnvdimm.Namespace;
import org.pmdl.model.rules.Rule;

/**
 * How an ndctl command reports (util/log.h err() and error()): lines go to the step's log prefixed "ndctl: ";
 * err() lines carry the command name and are counted, so the command prints no final "failed to ..." line after
 * one; error() lines are not counted.
 */
final class CommandLog {
    private final Dmesg dmesg;
    private String cmd;
    private int errCount;

    CommandLog(Dmesg dmesg) {
        this.dmesg = dmesg;
    }

    interface Command {
        Namespace run() throws NdException;
    }

    void begin(String name) {
        cmd = name;
        errCount = 0;
    }

    /** cmd_create_namespace(): without an err() line so far, says "failed to <what> namespace: <strerror>". */
    Namespace finish(String what, Command command) throws NdException {
        try {
            return command.run();
        } catch (NdException e) {
            if (errCount == 0 && !e.kernelCrashed()) {
                dmesg.ndctl("failed to " + what + " namespace: " + e.errno().strerror());
            }
            throw e;
        }
    }

    /** err(): "Error: <cmd>: ..." and counted. */
    NdException err(Rule rule, Errno errno, String message) {
        return err(rule, errno, message, Map.of());
    }

    /** err() of a refusal that names values (a suggestion a fix takes up). */
    NdException err(Rule rule, Errno errno, String message, Map<String, Object> arguments) {
        errCount++;
        dmesg.ndctl("Error: " + cmd + ": " + message);
        dmesg.applied(rule);
        return new NdException(errno, rule, message, arguments);
    }

    /** error(): "Error: ..." and not counted. */
    NdException error(Rule rule, Errno errno, String message) {
        dmesg.ndctl("Error: " + message);
        dmesg.applied(rule);
        return new NdException(errno, rule, message);
    }
}
