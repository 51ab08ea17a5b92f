package org.pmdl.model.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pmdl.model.persistence.Litmus.at;
import static org.pmdl.model.persistence.Litmus.fence;
import static org.pmdl.model.persistence.Litmus.flush;
import static org.pmdl.model.persistence.Litmus.implies;
import static org.pmdl.model.persistence.Litmus.last;
import static org.pmdl.model.persistence.Litmus.power;
import static org.pmdl.model.persistence.Litmus.run;
import static org.pmdl.model.persistence.Litmus.store;
import static org.pmdl.model.persistence.Litmus.x86;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.pmdl.model.SourceRef;
import org.pmdl.model.engine.Engine;
import org.pmdl.model.engine.RunOptions;
import org.pmdl.model.engine.ScenarioResult;
import org.pmdl.model.engine.ScenarioStatus;
import org.pmdl.model.engine.StepResult;
import org.pmdl.model.rules.Finding;
import org.pmdl.model.rules.Rule;
import org.pmdl.model.rules.Severity;
import org.pmdl.model.scenario.Action;
import org.pmdl.model.scenario.Action.FenceKind;
import org.pmdl.model.scenario.Action.FlushKind;
import org.pmdl.model.scenario.ScenarioSpec;
import org.pmdl.model.scenario.ScenarioStep;
import org.pmdl.model.topology.Cpu;
import org.pmdl.model.topology.PersistenceDomain;

/** Findings on barrier use, counterexamples of failed expectations, and the exploration bound. */
class PersistenceFindingsTest {
    private static final PersistenceDomain ADR = PersistenceDomain.MEMORY_CONTROLLER;

    private static List<Finding> findings(ScenarioResult r, Rule rule) {
        return r.findings().stream().filter(f -> f.rule() == rule).toList();
    }

    @Test
    @DisplayName("a store never written back and a write-back never fenced are named at their own lines")
    void notFlushedAndNoFence() {
        ScenarioResult r = run(x86(ADR), store(0, 1), store(0x100, 2), flush(FlushKind.CLWB, 0x100),
                new Action.PowerFail());
        Finding notFlushed = findings(r, PersistenceRules.STORE_NOT_FLUSHED).get(0);
        assertEquals(2, notFlushed.source().line(), "the store at step 1 (line 2)");
        assertTrue(notFlushed.message().contains("store namespace0.0[0x0] = 1"), notFlushed.message());
        Finding noFence = findings(r, PersistenceRules.FLUSH_NO_FENCE).get(0);
        assertEquals(4, noFence.source().line(), "the clwb");
        assertEquals(Severity.WARNING, noFence.severity());
        assertEquals(2L, r.steps().get(3).values().get("stores_at_risk"));
    }

    @Test
    @DisplayName("redundant flush (warning under ADR, info under eADR), flush of an unwritten line, idle fence")
    void perfFindings() {
        ScenarioResult adr = run(x86(ADR), store(0, 1), flush(FlushKind.CLWB, 0), flush(FlushKind.CLWB, 8),
                flush(FlushKind.CLWB, 0x1000), fence(FenceKind.SFENCE), fence(FenceKind.SFENCE));
        assertEquals(List.of(4), lines(findings(adr, PersistenceRules.FLUSH_REDUNDANT)), "same line flushed again");
        assertEquals(Severity.WARNING, findings(adr, PersistenceRules.FLUSH_REDUNDANT).get(0).severity());
        assertEquals(List.of(5), lines(findings(adr, PersistenceRules.FLUSH_UNWRITTEN)));
        assertEquals(List.of(7), lines(findings(adr, PersistenceRules.FENCE_NOTHING)), "the second sfence");
        ScenarioResult eadr = run(x86(PersistenceDomain.CPU_CACHE), store(0, 1), flush(FlushKind.CLWB, 0),
                fence(FenceKind.SFENCE));
        assertTrue(findings(eadr, PersistenceRules.FLUSH_REDUNDANT).isEmpty(), "under eADR: PM-FLUSH-EADR instead");
        Finding f = findings(eadr, PersistenceRules.FLUSH_EADR).get(0);
        assertEquals(Severity.INFO, f.severity());
        assertTrue(f.message().contains("cpu_cache"));
        assertTrue(findings(eadr, PersistenceRules.FENCE_NOTHING).isEmpty(), "under eADR the fence drains the store");
    }

    @Test
    @DisplayName("POWER10 legacy sequence: dcbf and hwsync are flagged, phwsync after dcbstps is not")
    void power10Legacy() {
        ScenarioResult r = run(power(Cpu.POWER10), store(0, 1), flush(FlushKind.DCBF, 0), fence(FenceKind.HWSYNC),
                store(0x100, 1), flush(FlushKind.DCBSTPS, 0x100), fence(FenceKind.HWSYNC), fence(FenceKind.PHWSYNC));
        assertEquals(List.of(3, 7), lines(findings(r, PersistenceRules.POWER10_LEGACY)));
        ScenarioResult p9 = run(power(Cpu.POWER9), store(0, 1), flush(FlushKind.DCBF, 0), fence(FenceKind.HWSYNC));
        assertTrue(findings(p9, PersistenceRules.POWER10_LEGACY).isEmpty());
    }

    @Test
    @DisplayName("an unmet expectation after a crash carries a counterexample: crash point, persisted, lost")
    void counterexample() {
        ScenarioResult r = run(x86(ADR), store(0, 1), store(0x100, 1), flush(FlushKind.CLWB, 0x100),
                fence(FenceKind.SFENCE), new Action.PowerFail(), implies(0x100, 1, 0, 1));
        StepResult expect = last(r);
        assertEquals(ScenarioStatus.FAIL, r.status());
        assertFalse(expect.expectation().met());
        String ce = expect.expectation().counterexample();
        assertTrue(ce.startsWith("crash after sfence (line 5): "), ce);
        assertTrue(ce.contains("persisted {store namespace0.0[0x100] = 1 (line 3)}"), ce);
        assertTrue(ce.contains("lost {store namespace0.0[0x0] = 1 (line 2)}"), ce);
        assertTrue(ce.contains("reads namespace0.0[0x100] = 1, namespace0.0[0x0] = 0"), ce);
    }

    @Test
    @DisplayName("a met expectation has no counterexample; durable and ordered are judged over every state")
    void durableAndOrdered() {
        ScenarioResult r = run(x86(ADR), store(0, 1), flush(FlushKind.CLWB, 0), fence(FenceKind.SFENCE),
                store(0x100, 1), new Action.CrashAnywhere(), new Action.ExpectOrdered(at(0), at(0x100)),
                new Action.ExpectDurable(at(0)));
        assertTrue(r.steps().get(5).expectation().met());
        assertNull(r.steps().get(5).expectation().counterexample());
        StepResult durable = r.steps().get(6);
        assertFalse(durable.expectation().met(), "crash anywhere includes the points before the sfence");
        assertTrue(durable.expectation().counterexample().startsWith("crash after boot"),
                durable.expectation().counterexample());
        ScenarioResult once = run(x86(ADR), store(0, 1), flush(FlushKind.CLWB, 0), fence(FenceKind.SFENCE),
                new Action.PowerFail(), new Action.ExpectDurable(at(0)));
        assertTrue(last(once).expectation().met());
    }

    @Test
    @DisplayName("before a crash, durable asks what a power failure now would keep; values read what a load sees")
    void beforeCrash() {
        ScenarioResult r = run(x86(ADR), store(0, 7), new Action.ExpectDurable(at(0)), Litmus.equal(0, 7),
                flush(FlushKind.CLWB, 0), fence(FenceKind.SFENCE), new Action.ExpectDurable(at(0)));
        assertFalse(r.steps().get(1).expectation().met());
        assertTrue(r.steps().get(2).expectation().met());
        assertTrue(r.steps().get(5).expectation().met());
    }

    @Test
    @DisplayName("after power-fail and boot, the next epoch builds on every post-crash image")
    void secondEpoch() {
        ScenarioResult r = run(x86(ADR), store(0, 1), new Action.PowerFail(), new Action.Boot(), store(0x100, 2),
                flush(FlushKind.CLWB, 0x100), fence(FenceKind.SFENCE), new Action.PowerFail(), Litmus.reads(0, 0x100));
        assertEquals(Litmus.xy(0, 0x100, 0, 2, 1, 2), Litmus.states(r));
    }

    @Test
    @DisplayName("the exploration stops at its bound with PM-CRASH-BOUND when no counterexample was found")
    void bound() {
        ScenarioSpec spec = new ScenarioSpec("s", "p", List.of(step(store(0, 1)), step(store(0x100, 1)),
                step(new Action.PowerFail()), step(Litmus.reads(0, 0x100))), SourceRef.NONE);
        ScenarioResult r = new Engine(Map.of("p", x86(ADR))).run(spec, new RunOptions(null, 3));
        StepResult expect = last(r);
        assertFalse(expect.ok());
        assertEquals(PersistenceRules.CRASH_BOUND, expect.findings().get(0).rule());
        assertEquals(3L, expect.values().get("states_explored"));
        assertEquals(ScenarioStatus.ERROR, r.status());
        ScenarioResult raised = run(x86(ADR), store(0, 1), store(0x100, 1), new Action.PowerFail(4),
                Litmus.reads(0, 0x100));
        assertTrue(last(raised).expectation().met());
    }

    @Test
    @DisplayName("600 unflushed lines: the unprojected count gives up (incomplete), an expectation on two lines "
            + "decides")
    void manyLines() {
        Action[] program = new Action[602];
        for (int i = 0; i < 600; i++) {
            program[i] = store(i * 64L, 1);
        }
        program[600] = new Action.PowerFail();
        program[601] = implies(599 * 64L, 1, 0, 1);
        ScenarioResult r = run(x86(ADR), program);
        assertEquals(false, r.steps().get(600).values().get("crash_states_complete"));
        assertFalse(last(r).expectation().met());
        assertEquals(4L, last(r).values().get("states_explored"));
    }

    @Test
    @DisplayName("MAP_SYNC is refused with EOPNOTSUPP on an async region and allowed on a synchronous one")
    void mapSync() {
        var virtio = Litmus.platform(org.pmdl.model.topology.Arch.X86_64, Cpu.GENERIC, ADR, true);
        StepResult refused = run(virtio, new Action.MapSync(Litmus.NS)).steps().get(0);
        assertEquals("EOPNOTSUPP", refused.errno());
        assertEquals(PersistenceRules.MAP_SYNC_ASYNC, refused.applied().get(0));
        assertTrue(run(x86(ADR), new Action.MapSync(Litmus.NS)).steps().get(0).ok());
    }

    @Test
    @DisplayName("unaligned or out-of-namespace locations are refused (PM-STORE-RANGE)")
    void range() {
        ScenarioResult r = run(x86(ADR), store(4, 1), store(4L << 30, 1));
        assertEquals(PersistenceRules.STORE_RANGE, r.steps().get(0).findings().get(0).rule());
        assertEquals(PersistenceRules.STORE_RANGE, r.steps().get(1).findings().get(0).rule());
    }

    private static ScenarioStep step(Action a) {
        return new ScenarioStep(a, null, SourceRef.NONE);
    }

    private static List<Integer> lines(List<Finding> findings) {
        return findings.stream().map(f -> f.source().line()).toList();
    }
}
