package org.pmdl.model.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pmdl.model.Fixtures.G;
import static org.pmdl.model.Fixtures.K;
import static org.pmdl.model.Fixtures.M;
import static org.pmdl.model.Fixtures.create;
import static org.pmdl.model.Fixtures.expect;
import static org.pmdl.model.Fixtures.qemuX86;
import static org.pmdl.model.Fixtures.run;
import static org.pmdl.model.Fixtures.step;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.pmdl.model.SourceRef;
import org.pmdl.model.rules.Finding;
import org.pmdl.model.rules.Rules;
import org.pmdl.model.rules.Severity;
import org.pmdl.model.scenario.Action;
import org.pmdl.model.scenario.Comparison;
import org.pmdl.model.scenario.Condition;
import org.pmdl.model.scenario.MediaLocation;
import org.pmdl.model.scenario.NamespaceMode;
import org.pmdl.model.scenario.ScenarioSpec;
import org.pmdl.model.scenario.ScenarioStep;
import org.pmdl.model.scenario.Value;
import org.pmdl.model.topology.PersistenceDomain;

/** How the engine reports: one result per step, findings under the right rules, scenario status. */
class EngineTest {
    private static final ScenarioStep INIT = step(new Action.InitLabels("nmem0"));

    @Test
    @DisplayName("language.md §3 worked example, with ndctl 76.1's real refusal of raw 17M (t02 2.11)")
    void workedExample() {
        ScenarioResult r = run(qemuX86(), INIT,
                step(create("ns0", "region0", NamespaceMode.FSDAX, G, 2 * M, null, null)),
                step(create("ns1", "region0", NamespaceMode.RAW, 17 * M), "EINVAL"),
                step(new Action.SetRegionAlign("region0", 4 * K)),
                step(create("ns2", "region0", NamespaceMode.RAW, 17 * M), null),
                step(new Action.DestroyNamespace("ns2")),
                step(expect("ns0", "size", 1054867456L)),
                step(new Action.ExpectLog("align setting is 0x1000000 size 0x1100000 is misaligned")));
        assertEquals(8, r.steps().size());
        assertEquals(ScenarioStatus.PASS, r.status(), r.findings().toString());
        assertEquals("6.1", r.kernel());
        assertEquals("namespace0.1", r.steps().get(4).values().get("dev"));
        assertEquals(List.of("nd namespace0.1: 0 success (0)", "ndctl: destroyed 1 namespace"), r.steps().get(5).log());
        assertTrue(r.steps().get(2).expectation().met());
    }

    @Test
    @DisplayName("EXPECT-UNMET says what was expected, what the model predicts and cites the deciding rule")
    void unmetExpectation() {
        ScenarioResult r = run(qemuX86(), INIT,
                step(create("ns1", "region0", NamespaceMode.RAW, 17 * M), null),
                step(expect("region0", "align", 4096L)));
        assertEquals(ScenarioStatus.FAIL, r.status());
        Finding f = r.steps().get(1).findings().get(0);
        assertEquals(Rules.EXPECT_UNMET, f.rule());
        assertTrue(f.message().contains("expect ok does not hold: the model predicts error EINVAL"), f.message());
        assertTrue(f.message().contains("NDCTL-REGION-ALIGN"), f.message());
        Finding g = r.steps().get(2).findings().get(0);
        assertTrue(g.message().contains("region0.align is 16777216"), g.message());
    }

    @Test
    @DisplayName("a refused step without an expectation is a STEP-REFUSED warning, and the scenario still passes")
    void refusedWithoutExpectation() {
        ScenarioResult r = run(qemuX86(), INIT, step(create("ns1", "region0", NamespaceMode.RAW, 17 * M)));
        Finding f = r.steps().get(1).findings().get(0);
        assertEquals(Rules.STEP_REFUSED, f.rule());
        assertEquals(Severity.WARNING, f.severity());
        assertEquals(ScenarioStatus.PASS, r.status());
    }

    @Test
    @DisplayName("after power-fail a media expectation is read without a boot (language.md §5), while a sysfs "
            + "attribute needs a booted kernel: MACHINE-DOWN")
    void expectationsAfterPowerFail() {
        MediaLocation at = new MediaLocation("ns0", 0);
        ScenarioResult r = run(qemuX86(), INIT, step(create("ns0", "region0", NamespaceMode.FSDAX, G)),
                step(new Action.Store(Action.StoreKind.STORE, at, 1)),
                step(new Action.CacheFlush(Action.FlushKind.CLWB, at)),
                step(new Action.Fence(Action.FenceKind.SFENCE)),
                step(new Action.PowerFail()),
                step(new Action.Expect(new Condition.Media(at, Comparison.EQ, Value.of(1)), null)),
                step(expect("ns0", "size", 1054867456)));
        assertTrue(r.steps().get(6).expectation().met(), r.findings().toString());
        assertEquals(EngineRules.MACHINE_DOWN, r.steps().get(7).findings().get(0).rule());
    }

    @Test
    @DisplayName("a step's state is what it changed; stateAfter folds the deltas, destroyed namespaces drop out")
    void stateDeltas() {
        ScenarioResult r = run(qemuX86(), INIT, step(create("ns0", "region0", NamespaceMode.RAW, 32 * M)),
                step(expect("ns0", "size", 32 * M)),
                step(new Action.DestroyNamespace("ns0")));
        assertEquals(Map.of(), r.steps().get(2).state(), "an expectation changes nothing");
        assertEquals(Map.of(), r.steps().get(3).state().get("ns0"), "destroyed: an empty map in the delta");
        assertTrue(r.stateAfter(2).containsKey("ns0"));
        assertFalse(r.stateAfter(3).containsKey("ns0"));
        assertEquals(4278190080L, r.stateAfter(3).get("region0").get("available_size"), "t02: all free again");
        assertEquals(r.stateAfter(0).get("nmem0").get("flags"), r.stateAfter(3).get("nmem0").get("flags"));
    }

    @Test
    @DisplayName("step state ALL: each step shows its whole region as it was then, though later steps share its record")
    void stateAllSharedBetweenSteps() {
        ScenarioResult r = run(qemuX86(), INIT, step(create("ns0", "region0", NamespaceMode.RAW, 32 * M)),
                step(create("ns1", "region0", NamespaceMode.RAW, 32 * M)),
                step(create("ns2", "region0", NamespaceMode.RAW, 32 * M)),
                step(new Action.DisableNamespace("ns1")),
                step(new Action.DestroyNamespace("ns0")),
                step(create("ns3", "region0", NamespaceMode.RAW, 32 * M)));
        // read after the run, when later steps have added to what the earlier ones share
        List<List<String>> shownNamespaces = r.steps().stream().map(s -> s.state().entrySet().stream()
                .filter(e -> e.getKey().startsWith("ns") && !e.getValue().isEmpty()).map(Map.Entry::getKey).toList())
                .toList();
        assertEquals(List.of(List.of(), List.of("ns0"), List.of("ns0", "ns1"), List.of("ns0", "ns1", "ns2"),
                List.of("ns0", "ns1", "ns2"), List.of("ns1", "ns2"), List.of("ns3", "ns1", "ns2")), shownNamespaces);
        // ndctl/namespace.c region_get_namespace: namespace id 0 when idle, so ns3 comes first in the region again
        assertEquals("namespace0.0", r.steps().get(6).values().get("dev"));
        assertEquals(List.of("nmem0", "region0", "ns0", "ns1", "ns2"), List.copyOf(r.steps().get(3).state().keySet()),
                "NvdimmBus.state's order: the DIMMs, the region, its namespaces in registration order");
        assertEquals(true, r.steps().get(3).state().get("ns1").get("enabled"));
        assertEquals(false, r.steps().get(4).state().get("ns1").get("enabled"), "disabled: a new map from there on");
        assertEquals(Map.of(), r.steps().get(5).state().get("ns0"), "destroyed: an empty map in the delta");
        for (int i = 1; i < r.steps().size(); i++) {
            Map<String, Map<String, Object>> after = r.stateAfter(i);
            r.steps().get(i).state().forEach((name, values) -> assertEquals(values.isEmpty() ? null : values,
                    after.get(name)));
        }
    }

    @Test
    @DisplayName("step state CHANGED (the language server's hover): the same folded state after every step, smaller deltas")
    void stateChangesOnly() {
        List<ScenarioStep> steps = List.of(INIT, step(create("ns0", "region0", NamespaceMode.RAW, 32 * M)),
                step(create("ns1", "region0", NamespaceMode.RAW, 32 * M)), step(expect("ns0", "size", 32 * M)),
                step(new Action.DestroyNamespace("ns0")), step(new Action.Panic()), step(new Action.Boot()),
                step(create("ns2", "region0", NamespaceMode.RAW, 32 * M)));
        ScenarioSpec spec = new ScenarioSpec("s", "qemu_x86", steps, SourceRef.NONE);
        Engine engine = new Engine(Map.of("qemu_x86", qemuX86()));
        ScenarioResult full = engine.run(spec, RunOptions.DEFAULT);
        ScenarioResult changes = engine.run(spec, RunOptions.DEFAULT.withStepState(RunOptions.StepState.CHANGED));
        for (int i = 0; i < steps.size(); i++) {
            assertEquals(full.stateAfter(i), changes.stateAfter(i), "state after step " + i);
            // the language server's hover reruns the scenario up to the hovered step
            ScenarioSpec prefix = new ScenarioSpec("s", "qemu_x86", steps.subList(0, i + 1), SourceRef.NONE);
            assertEquals(full.stateAfter(i), engine.run(prefix, RunOptions.DEFAULT.withStepState(
                    RunOptions.StepState.CHANGED)).stateAfter(i), "rerun up to step " + i);
        }
        assertTrue(full.steps().get(2).state().containsKey("ns0"), "the full delta shows the whole region");
        assertFalse(changes.steps().get(2).state().containsKey("ns0"), "creating ns1 leaves ns0 as it was");
        assertTrue(changes.steps().get(2).state().containsKey("ns1"));
        assertEquals(Map.of(), changes.steps().get(4).state().get("ns0"), "destroyed: still an empty map");

        ScenarioResult none = engine.run(spec, RunOptions.DEFAULT.withStepState(RunOptions.StepState.NONE));
        for (int i = 0; i < steps.size(); i++) {
            StepResult expected = full.steps().get(i);
            StepResult actual = none.steps().get(i);
            assertEquals(Map.of(), actual.state());
            assertEquals(List.of(expected.ok(), expected.values(), expected.findings(), expected.log()),
                    List.of(actual.ok(), actual.values(), actual.findings(), actual.log()), "step " + i);
        }
    }

    @Test
    @DisplayName("an unknown kernel profile is reported (KERNEL-UNKNOWN) and the default (6.12) is used")
    void unknownKernel() {
        ScenarioSpec spec = new ScenarioSpec("s", "qemu_x86", List.of(INIT), SourceRef.NONE);
        ScenarioResult r = new Engine(Map.of("qemu_x86", qemuX86())).run(spec, new RunOptions("2.6", 10));
        assertEquals(Rules.KERNEL_UNKNOWN, r.steps().get(0).findings().get(0).rule());
        assertEquals(ScenarioStatus.ERROR, r.status());
        assertEquals("6.12", r.kernel());
        assertEquals("upstream", r.distro());
    }

    @Test
    @DisplayName("after panic the machine is down until boot; the namespaces come back with their names")
    void panicThenBoot() {
        ScenarioResult r = run(qemuX86(), INIT, step(create("ns0", "region0", NamespaceMode.FSDAX, G)),
                step(new Action.Panic()),
                step(expect("ns0", "size", 1054867456L)),
                step(new Action.Boot()),
                step(expect("ns0", "size", 1054867456L)));
        assertEquals(EngineRules.MACHINE_DOWN, r.steps().get(3).findings().get(0).rule());
        assertEquals(Map.of(), r.stateAfter(2), "nothing is readable while the machine is down");
        assertEquals(1054867456L, r.stateAfter(4).get("ns0").get("size"), "the next boot finds it again");
        assertTrue(r.steps().get(5).expectation().met());
        assertEquals(ScenarioStatus.ERROR, r.status());
    }

    @Test
    @DisplayName("expect A implies B; string attributes compare exactly; a persistence domain from the platform")
    void impliesAndStrings() {
        Condition memctrl = new Condition.Attribute("region0", "persistence_domain", Comparison.EQ,
                new Value.Text("memory_controller"));
        Condition nstype = new Condition.Attribute("region0", "nstype", Comparison.EQ, new Value.Number(BigInteger.valueOf(4)));
        ScenarioResult r = run(org.pmdl.model.Fixtures.withPersistence(qemuX86(), PersistenceDomain.MEMORY_CONTROLLER),
                step(new Action.Expect(memctrl, null)), step(new Action.Expect(memctrl, nstype)),
                step(new Action.Expect(nstype, memctrl)));
        assertEquals(ScenarioStatus.PASS, r.status(), r.findings().toString());
    }

    @Test
    @DisplayName("a scenario whose first step is boot reports that boot's log; otherwise the first step carries it")
    void firstBoot() {
        ScenarioResult booted = run(qemuX86(), step(new Action.Boot()), INIT);
        assertNotNull(booted.steps().get(0));
        assertTrue(booted.steps().get(0).ok());
        ScenarioResult bad = run(Map.of(), "nowhere", INIT);
        assertEquals(Rules.NAME_UNRESOLVED, bad.steps().get(0).findings().get(0).rule());
        assertEquals(ScenarioStatus.ERROR, bad.status());
    }

    @Test
    @DisplayName("names that do not exist now are NAME-UNRESOLVED, not a crash")
    void unknownTargets() {
        ScenarioResult r = run(qemuX86(), step(new Action.DestroyNamespace("ghost")),
                step(new Action.SetRegionAlign("region9", 4096)), step(new Action.Reboot("elsewhere")));
        r.steps().forEach(s -> assertEquals(Rules.NAME_UNRESOLVED, s.findings().get(0).rule()));
    }

    @Test
    @DisplayName("a topology the model cannot boot (a mapping of an undeclared DIMM) is MODEL-INTERNAL, not a crash")
    void internalFailureIsAnError() {
        var broken = org.pmdl.model.Fixtures.x86("broken", List.of(),
                List.of(org.pmdl.model.Fixtures.region("region0", 0x1_0000_0000L,
                        org.pmdl.model.Fixtures.mapping("nmem9", 0, G))));
        ScenarioResult r = run(broken, INIT, step(new Action.ExpectLog("x")));
        assertEquals(2, r.steps().size());
        assertEquals(ScenarioStatus.ERROR, r.status());
        assertTrue(r.findings().stream().anyMatch(f -> f.rule() == EngineRules.MODEL_INTERNAL));
    }
}
