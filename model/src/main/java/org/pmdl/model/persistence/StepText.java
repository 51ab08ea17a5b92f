package org.pmdl.model.persistence;

import org.pmdl.model.scenario.Action;
import org.pmdl.model.scenario.Condition;

/** Persistence steps and media expectations as the user wrote them, for messages and counterexamples. */
public final class StepText {
    private StepText() {
    }

    public static String of(Action action) {
        if (action instanceof Action.Store s) {
            return s.kind().keyword() + " " + s.location() + " = " + s.value();
        } else if (action instanceof Action.CacheFlush f) {
            return f.kind().keyword() + " " + f.location();
        } else if (action instanceof Action.NvdimmFlush f) {
            return "nvdimm-flush " + f.region();
        } else if (action instanceof Action.MapSync m) {
            return "mmap " + m.namespace() + " map-sync";
        } else if (action instanceof Action.ExpectDurable d) {
            return "expect durable " + d.location();
        } else if (action instanceof Action.ExpectOrdered o) {
            return "expect ordered " + o.first() + " before " + o.second();
        } else if (action instanceof Action.Expect e) {
            return "expect " + of(e.condition()) + (e.implied() == null ? "" : " implies " + of(e.implied()));
        }
        return action.op();
    }

    public static String of(Condition c) {
        if (c instanceof Condition.Media m) {
            return m.location() + " " + m.op().symbol() + " " + m.value();
        } else if (c instanceof Condition.Attribute a) {
            return a.target() + "." + a.attribute() + " " + a.op().symbol() + " " + a.value();
        }
        if (c instanceof Condition.Lmb l) {
            return "lmb " + l.index() + " " + l.attribute() + " " + l.op().symbol() + " " + l.value();
        }
        Condition.Bound b = (Condition.Bound) c;
        return b.target() + (b.bound() ? "" : " not") + " bound";
    }
}
