package org.pmdl.model.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pmdl.model.persistence.PersistenceModel;
import org.pmdl.model.persistence.StepText;
import org.pmdl.model.rules.Finding;
import org.pmdl.model.rules.Rule;
import org.pmdl.model.rules.Rules;
import org.pmdl.model.scenario.Action;
import org.pmdl.model.scenario.Condition;
import org.pmdl.model.scenario.OutcomeExpectation;
import org.pmdl.model.scenario.ScenarioStep;

/**
 * Expectations: the standalone expect steps and a step's trailing {@code expect ok | error}. {@code expect log}
 * and {@code expect hcall} read the scenario's log and hcalls so far, so they are decided once the step's own
 * lines are in ({@link #afterStep}).
 */
final class Expectations extends StepHandler<Action.Expectation> {
    private final List<String> scenarioLog = new ArrayList<>();
    private final List<String> scenarioHcalls = new ArrayList<>();

    Expectations(Machine machine) {
        super(machine);
    }

    @Override
    void perform(Action.Expectation action, ScenarioStep step, StepOutcome out) {
        if (action instanceof Action.Expect e) {
            expect(e, step, out);
        } else if (action instanceof Action.ExpectDurable || action instanceof Action.ExpectOrdered) {
            expectMedia(step, out);
        }
    }

    /** A step's log lines and hcalls, then what only they decide: expect log, expect hcall, expect ok | error. */
    void afterStep(ScenarioStep step, List<String> log, List<String> hcalls, StepOutcome out, List<Rule> applied) {
        scenarioLog.addAll(log);
        scenarioHcalls.addAll(hcalls);
        if (step.action() instanceof Action.ExpectHcall e && out.ok) {
            expectHcall(e, step, out, applied);
        }
        if (step.action() instanceof Action.ExpectLog expectLog && out.ok) {
            boolean met = scenarioLog.stream().anyMatch(l -> l.contains(expectLog.text()));
            expectation(step, out, "expect log \"" + expectLog.text() + "\"", met,
                    "no log line so far contains \"" + expectLog.text() + "\"", applied);
        }
        checkOutcome(step, out, applied);
    }

    /** A media expectation: over every post-crash state after a crash, over what a load reads before one. */
    private void expectMedia(ScenarioStep step, StepOutcome out) {
        String text = StepText.of(step.action());
        // a sysfs condition in an implication is false while the machine is down: nothing is readable then
        PersistenceModel.Verdict v = machine.persistence.expect(step.action(), text, step.source(), a -> machine.bus != null
                && machine.readable(a.target()).map(values -> a.op().holds(values.get(a.attribute()), a.value()))
                        .orElse(false));
        out.values = v.values();
        if (!v.decided()) {
            out.ok = false;
            out.findings.add(v.undecided());
            return;
        }
        out.expectation = new ExpectationResult(text, v.met(), v.counterexample());
        if (!v.met()) {
            out.findings.add(new Finding(Rules.EXPECT_UNMET, Rules.EXPECT_UNMET.message(text,
                    v.prediction() + " (" + v.counterexample() + ")"), step.source()));
        }
    }

    private void expect(Action.Expect e, ScenarioStep step, StepOutcome out) {
        List<Condition> conditions = e.implied() == null ? List.of(e.condition()) : List.of(e.condition(), e.implied());
        // media conditions are read after a crash without a boot (language.md §5), so they are not MACHINE-DOWN
        if (conditions.stream().anyMatch(c -> c instanceof Condition.Media)) {
            expectMedia(step, out);
            return;
        }
        if (!machine.up(step, out)) {
            return;
        }
        List<String> predictions = new ArrayList<>();
        List<Boolean> holds = new ArrayList<>();
        for (Condition c : conditions) {
            if (c instanceof Condition.Bound b) {
                boolean bound = machine.pseries != null && machine.pseries.bound(b.target());
                holds.add(bound == b.bound());
                predictions.add(b.target() + (bound ? " is bound" : " is not bound"));
            } else if (c instanceof Condition.Lmb l) {
                Optional<Object> actual = machine.pseries == null ? Optional.empty()
                        : machine.pseries.lmbAttribute(l.index(), l.attribute());
                holds.add(actual.map(v -> l.op().holds(v, l.value())).orElse(false));
                predictions.add("lmb " + l.index() + " " + l.attribute() + " is "
                        + actual.map(Expectations::show).orElse("not readable (no such LMB or attribute)"));
            } else {
                Condition.Attribute a = (Condition.Attribute) c;
                Optional<Object> actual = machine.readable(a.target()).map(v -> v.get(a.attribute()));
                holds.add(actual.map(v -> a.op().holds(v, a.value())).orElse(false));
                predictions.add(a.target() + "." + a.attribute() + " is "
                        + actual.map(Expectations::show).orElse("not readable (no such object or attribute)"));
            }
        }
        boolean met = holds.size() == 1 ? holds.get(0) : !holds.get(0) || holds.get(1);
        String text = StepText.of(e);
        expectation(step, out, text, met, "the model predicts " + String.join(", ", predictions), List.of());
    }

    private static String show(Object v) {
        return v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
    }

    /** {@code expect [no] hcall NAME [returns STATUS]} over the hcalls of the scenario so far. */
    private void expectHcall(Action.ExpectHcall e, ScenarioStep step, StepOutcome out, List<Rule> applied) {
        boolean seen = scenarioHcalls.stream().anyMatch(line -> line.startsWith(e.hcall() + "(")
                && (e.status() == null || e.status().equals(line.substring(line.lastIndexOf(" = ") + 3).split(" ")[0])));
        String what = e.hcall() + (e.status() == null ? "" : " returns " + e.status());
        expectation(step, out, "expect " + (e.negated() ? "no " : "") + "hcall " + what, seen != e.negated(),
                (seen ? "the scenario made " : "the scenario made no ") + what, applied);
    }

    private static void expectation(ScenarioStep step, StepOutcome out, String text, boolean met, String prediction,
            List<Rule> applied) {
        out.expectation = new ExpectationResult(text, met, null);
        if (!met) {
            out.findings.add(new Finding(Rules.EXPECT_UNMET, Rules.EXPECT_UNMET.message(text,
                    prediction + cite(applied)), step.source()));
        }
    }

    /** A step's trailing expect ok / expect error, or a refusal nobody expected. */
    private static void checkOutcome(ScenarioStep step, StepOutcome out, List<Rule> applied) {
        OutcomeExpectation expected = step.expectedOutcome();
        boolean refused = !out.ok && out.errno != null;
        if (expected == null) {
            if (refused) {
                out.findings.add(new Finding(Rules.STEP_REFUSED, Rules.STEP_REFUSED.message(step.action().op(),
                        out.errno, cite(applied), out.errno), step.source()));
            }
            return;
        }
        if (out.expectation != null || (!out.ok && out.errno == null)) {
            return; // an expect step's own condition, or a step the model could not evaluate
        }
        boolean met = expected.expectsOk() ? out.ok : refused && expected.errno().equals(out.errno);
        String predicted = out.ok ? "ok" : "error " + out.errno;
        out.expectation = new ExpectationResult(expected.text(), met, null);
        if (!met) {
            out.findings.add(new Finding(Rules.EXPECT_UNMET, Rules.EXPECT_UNMET.message(expected.text(),
                    "the model predicts " + predicted + cite(applied)), step.source()));
        }
    }

    private static String cite(List<Rule> applied) {
        return applied.isEmpty() ? "" : " [" + applied.get(0).id() + ": " + applied.get(0).source() + "]";
    }
}
