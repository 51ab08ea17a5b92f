package org.pmdl.model.persistence;

import static org.pmdl.model.Fixtures.G;
import static org.pmdl.model.Fixtures.dimm;
import static org.pmdl.model.Fixtures.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.pmdl.model.SourceRef;
import org.pmdl.model.engine.Engine;
import org.pmdl.model.engine.RunOptions;
import org.pmdl.model.engine.ScenarioResult;
import org.pmdl.model.engine.StepResult;
import org.pmdl.model.scenario.Action;
import org.pmdl.model.scenario.Comparison;
import org.pmdl.model.scenario.Condition;
import org.pmdl.model.scenario.MediaLocation;
import org.pmdl.model.scenario.ScenarioSpec;
import org.pmdl.model.scenario.ScenarioStep;
import org.pmdl.model.scenario.Value;
import org.pmdl.model.topology.Arch;
import org.pmdl.model.topology.Cpu;
import org.pmdl.model.topology.Hypervisor;
import org.pmdl.model.topology.Mmu;
import org.pmdl.model.topology.PersistenceDomain;
import org.pmdl.model.topology.PlatformSpec;
import org.pmdl.model.topology.RegionSpec;

/**
 * Litmus programs run through the real engine on a label-less region (its namespace0.0 exists at boot), and the
 * post-crash state sets the engine reports for them.
 */
final class Litmus {
    static final String NS = "namespace0.0";

    private Litmus() {
    }

    static MediaLocation at(long offset) {
        return new MediaLocation(NS, offset);
    }

    static PlatformSpec platform(Arch arch, Cpu cpu, PersistenceDomain domain, boolean async) {
        return platform(arch, cpu, domain, async, 0);
    }

    static PlatformSpec platform(Arch arch, Cpu cpu, PersistenceDomain domain, boolean async, int flushHints) {
        RegionSpec region = new RegionSpec("region0", 0x1_0000_0000L, List.of(mapping("nmem0", 0, 4 * G)), domain,
                false, flushHints, async, SourceRef.NONE);
        return new PlatformSpec("p", arch, arch == Arch.X86_64 ? Mmu.NATIVE : Mmu.RADIX, 0, 0, cpu, "6.1",
                Hypervisor.NONE, null, List.of(dimm("nmem0", 4 * G, 0)), List.of(region), null, List.of(),
                SourceRef.NONE);
    }

    static PlatformSpec x86(PersistenceDomain domain) {
        return platform(Arch.X86_64, Cpu.GENERIC, domain, false);
    }

    static PlatformSpec power(Cpu cpu) {
        return platform(Arch.PPC64, cpu, PersistenceDomain.MEMORY_CONTROLLER, false);
    }

    static Action store(long offset, long value) {
        return new Action.Store(Action.StoreKind.STORE, at(offset), value);
    }

    static Action store(Action.StoreKind kind, long offset, long value) {
        return new Action.Store(kind, at(offset), value);
    }

    static Action flush(Action.FlushKind kind, long offset) {
        return new Action.CacheFlush(kind, at(offset));
    }

    static Action fence(Action.FenceKind kind) {
        return new Action.Fence(kind);
    }

    static Action.Expect equal(long offset, long value) {
        return new Action.Expect(new Condition.Media(at(offset), Comparison.EQ, Value.of(value)), null);
    }

    /** {@code expect NS[a] == va implies NS[b] == vb}. */
    static Action.Expect implies(long a, long va, long b, long vb) {
        return new Action.Expect(new Condition.Media(at(a), Comparison.EQ, Value.of(va)),
                new Condition.Media(at(b), Comparison.EQ, Value.of(vb)));
    }

    /** {@code expect NS[a] <= 2^63-1 implies NS[b] <= ...}: an expectation that always holds, to read two locations. */
    static Action.Expect reads(long a, long b) {
        Value any = Value.of(Long.MAX_VALUE);
        return new Action.Expect(new Condition.Media(at(a), Comparison.LE, any),
                new Condition.Media(at(b), Comparison.LE, any));
    }

    static ScenarioResult run(PlatformSpec platform, Action... actions) {
        List<ScenarioStep> steps = new ArrayList<>();
        for (int i = 0; i < actions.length; i++) {
            steps.add(new ScenarioStep(actions[i], null, new SourceRef(i + 2, 5, i + 2, 30)));
        }
        ScenarioSpec spec = new ScenarioSpec("litmus", platform.name(), steps, SourceRef.NONE);
        return new Engine(Map.of(platform.name(), platform)).run(spec, RunOptions.DEFAULT);
    }

    static StepResult last(ScenarioResult r) {
        return r.steps().get(r.steps().size() - 1);
    }

    /** The post-crash states the last step (a media expectation) saw, as "NS[0x0]=1 NS[0x40]=0" lines. */
    static Set<String> states(ScenarioResult r) {
        return new TreeSet<>(List.of(((String) last(r).values().get("states")).split(" \\| ")));
    }

    /** Expected states over locations x and y, written as "x y" value pairs: {@code xy(0,0, 1,0)}. */
    static Set<String> xy(long x, long y, long... pairs) {
        Set<String> out = new TreeSet<>();
        out.add(NS + "[0x" + Long.toHexString(x) + "]=" + pairs[0] + " " + NS + "[0x" + Long.toHexString(y) + "]="
                + pairs[1]);
        for (int i = 2; i < pairs.length; i += 2) {
            out.add(NS + "[0x" + Long.toHexString(x) + "]=" + pairs[i] + " " + NS + "[0x" + Long.toHexString(y)
                    + "]=" + pairs[i + 1]);
        }
        return out;
    }
}
