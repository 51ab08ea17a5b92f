package org.pmdl.model.libnvdimm;

import java.util.ArrayList;
import java.util.List;
import org.pmdl.model.rules.Rule;

/**
 * What a step leaves behind besides its result: kernel log lines (and ndctl's, prefixed "ndctl: "), the
 * rules that decided what happened, and advisories: what the kernel does not say but a user must know (a
 * crash the model does not follow, a layout DAX cannot use). The engine drains it after every step.
 */
public final class Dmesg {
    private final List<String> lines = new ArrayList<>();
    private final List<Rule> applied = new ArrayList<>();
    private final List<Advisory> advisories = new ArrayList<>();

    /** A finding the step carries, under its rule's severity. */
    public record Advisory(Rule rule, String message) {
    }

    public void kernel(String line) {
        lines.add(line);
    }

    public void ndctl(String line) {
        lines.add("ndctl: " + line);
    }

    public void applied(Rule rule) {
        if (!applied.contains(rule)) {
            applied.add(rule);
        }
    }

    void advise(Rule rule, String message) {
        applied(rule);
        advisories.add(new Advisory(rule, message));
    }

    public List<Advisory> drainAdvisories() {
        List<Advisory> out = List.copyOf(advisories);
        advisories.clear();
        return out;
    }

    public List<String> drainLines() {
        List<String> out = List.copyOf(lines);
        lines.clear();
        return out;
    }

    public List<Rule> drainApplied() {
        List<Rule> out = List.copyOf(applied);
        applied.clear();
        return out;
    }
}
