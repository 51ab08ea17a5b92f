package org.pmdl.model.libnvdimm;

import java.util.ArrayList;
import java.util.List;
import org.pmdl.model.rules.Rule;

/**
 * What a step leaves behind besides its result: kernel log lines (and ndctl's, prefixed "ndctl: ") and the
 * rules that decided what happened. The engine drains it after every step.
 */
public final class Dmesg {
    private final List<String> lines = new ArrayList<>();
    private final List<Rule> applied = new ArrayList<>();

    public void kernel(String line) {
        lines.add(line);
    }

    void ndctl(String line) {
        lines.add("ndctl: " + line);
    }

    public void applied(Rule rule) {
        if (!applied.contains(rule)) {
            applied.add(rule);
        }
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
