package org.pmdl.model.ocxl;

import java.util.ArrayList;
import java.util.List;
import org.pmdl.model.rules.Rule;

/** What the model finds questionable in the driver's behaviour during one step (not kernel log lines). */
final class Warnings {
    record Warning(Rule rule, String message) {
    }

    private final List<Warning> pending = new ArrayList<>();

    void add(Rule rule, String message) {
        pending.add(new Warning(rule, message));
    }

    List<Warning> drain() {
        List<Warning> out = List.copyOf(pending);
        pending.clear();
        return out;
    }
}
