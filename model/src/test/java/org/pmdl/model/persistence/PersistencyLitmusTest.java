package org.pmdl.model.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pmdl.model.persistence.Litmus.fence;
import static org.pmdl.model.persistence.Litmus.flush;
import static org.pmdl.model.persistence.Litmus.power;
import static org.pmdl.model.persistence.Litmus.reads;
import static org.pmdl.model.persistence.Litmus.run;
import static org.pmdl.model.persistence.Litmus.states;
import static org.pmdl.model.persistence.Litmus.store;
import static org.pmdl.model.persistence.Litmus.x86;
import static org.pmdl.model.persistence.Litmus.xy;

import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.pmdl.model.engine.ScenarioResult;
import org.pmdl.model.scenario.Action;
import org.pmdl.model.scenario.Action.FenceKind;
import org.pmdl.model.scenario.Action.FlushKind;
import org.pmdl.model.scenario.Action.StoreKind;
import org.pmdl.model.topology.Cpu;
import org.pmdl.model.topology.PersistenceDomain;

/**
 * Litmus tests with the exact set of post-crash states each allows, in rmem-persistency's form (a list of
 * reachable NVM states). x = offset 0, y = offset 0x100 (another line on x86 and POWER) unless a test is
 * about lines. Sources: Px86 = Raad, Wickerson, Neiger, Vafeiadis, "Persistency semantics of the Intel-x86
 * architecture", POPL'20 (and Intel SDM vol. 2 on CLFLUSH/CLFLUSHOPT/CLWB ordering); rmem = kaist-cp/rmem-persistency
 * litmus files (Cho et al., PLDI'21), single-thread shapes translated from DC CVAP/DSB to clwb/sfence; POWER =
 * arch/powerpc/include/asm/barrier.h pmem_wmb comment, arch/powerpc/lib/pmem.c, seed 001.
 */
class PersistencyLitmusTest {
    private static final long X = 0;
    private static final long Y = 0x100;
    private static final PersistenceDomain ADR = PersistenceDomain.MEMORY_CONTROLLER;
    /** Every combination of x, y in {0, 1}: nothing orders or persists them. */
    private static final Set<String> ANY = xy(X, Y, 0, 0, 0, 1, 1, 0, 1, 1);
    /** y=1 with x=0 forbidden, x may be lost. */
    private static final Set<String> X_BEFORE_Y = xy(X, Y, 0, 0, 1, 0, 1, 1);
    /** x durable, y may be lost. */
    private static final Set<String> X_DURABLE = xy(X, Y, 1, 0, 1, 1);

    private static Set<String> afterPowerFail(ScenarioResult r) {
        return states(r);
    }

    // ---- x86 (Px86) ----

    @Test
    @DisplayName("Px86 / rmem commit_weak: x=1; y=1 on two lines: y=1 ∧ x=0 reachable (4 states)")
    void x86NoFlush() {
        assertEquals(ANY, afterPowerFail(run(x86(ADR), store(X, 1), store(Y, 1), new Action.PowerFail(),
                reads(X, Y))));
    }

    @Test
    @DisplayName("Px86: x=1; y=1 in the same 64-byte line persist in order: y=1 ∧ x=0 forbidden")
    void x86SameLine() {
        assertEquals(xy(X, 8, 0, 0, 1, 0, 1, 1), states(run(x86(ADR), store(X, 1), store(8, 1),
                new Action.PowerFail(), reads(X, 8))));
    }

    @Test
    @DisplayName("Px86: x=1; clflushopt x; y=1 (no fence): y=1 ∧ x=0 reachable")
    void x86FlushoptWithoutFence() {
        assertEquals(ANY, states(run(x86(ADR), store(X, 1), flush(FlushKind.CLFLUSHOPT, X), store(Y, 1),
                new Action.PowerFail(), reads(X, Y))));
    }

    @Test
    @DisplayName("Px86: x=1; clflushopt x; sfence; y=1: x durable, crash anywhere: y=1 ∧ x=0 forbidden")
    void x86FlushoptSfence() {
        Action[] program = {store(X, 1), flush(FlushKind.CLFLUSHOPT, X), fence(FenceKind.SFENCE), store(Y, 1)};
        assertEquals(X_DURABLE, states(run(x86(ADR), concat(program, new Action.PowerFail(), reads(X, Y)))));
        assertEquals(X_BEFORE_Y, states(run(x86(ADR), concat(program, new Action.CrashAnywhere(), reads(X, Y)))));
    }

    @Test
    @DisplayName("Px86: clwb behaves as clflushopt: x=1; clwb x; sfence; y=1 forbids y=1 ∧ x=0; mfence too")
    void x86ClwbFences() {
        for (FenceKind f : new FenceKind[] {FenceKind.SFENCE, FenceKind.MFENCE, FenceKind.PMEM_WMB}) {
            assertEquals(X_DURABLE, states(run(x86(ADR), store(X, 1), flush(FlushKind.CLWB, X), fence(f),
                    store(Y, 1), new Action.PowerFail(), reads(X, Y))), f.keyword());
        }
    }

    @Test
    @DisplayName("Px86 / Intel SDM: clflush is ordered with later writes: x=1; clflush x; y=1 forbids y=1 ∧ x=0, "
            + "but without a fence x may still be lost")
    void x86Clflush() {
        assertEquals(X_BEFORE_Y, states(run(x86(ADR), store(X, 1), flush(FlushKind.CLFLUSH, X), store(Y, 1),
                new Action.PowerFail(), reads(X, Y))));
    }

    @Test
    @DisplayName("POPL'22 (Raad, Maranget, Vafeiadis): movnt x=1; y=1 reachable y=1 ∧ x=0; with sfence x durable")
    void x86NonTemporal() {
        assertEquals(ANY, states(run(x86(ADR), store(StoreKind.MOVNT, X, 1), store(Y, 1), new Action.PowerFail(),
                reads(X, Y))));
        assertEquals(X_DURABLE, states(run(x86(ADR), store(StoreKind.MOVNT, X, 1), fence(FenceKind.SFENCE),
                store(Y, 1), new Action.PowerFail(), reads(X, Y))));
    }

    @Test
    @DisplayName("a locked RMW (xchg) orders like mfence: x=1; clwb x; xchg y=1 forbids y=1 ∧ x=0")
    void x86LockedRmw() {
        assertEquals(X_DURABLE, states(run(x86(ADR), store(X, 1), flush(FlushKind.CLWB, X),
                store(StoreKind.XCHG, Y, 1), new Action.PowerFail(), reads(X, Y))));
    }

    @Test
    @DisplayName("rmem commit1 / commit_opt in x86 form: data, clwb, sfence, commit: commit=1 ⇒ data written")
    void commitPattern() {
        assertEquals(xy(X, Y, 0, 0, 42, 0, 42, 1), states(run(x86(ADR), store(X, 42), flush(FlushKind.CLWB, X),
                fence(FenceKind.SFENCE), store(Y, 1), new Action.CrashAnywhere(), reads(X, Y))));
        // commit_opt: two data lines, one fence
        ScenarioResult r = run(x86(ADR), store(X, 42), store(0x200, 7), flush(FlushKind.CLWB, X),
                flush(FlushKind.CLWB, 0x200), fence(FenceKind.SFENCE), store(Y, 1), new Action.CrashAnywhere(),
                Litmus.implies(Y, 1, 0x200, 7));
        assertEquals(true, Litmus.last(r).expectation().met());
    }

    @Test
    @DisplayName("eADR (cpu_cache): visible means durable, stores persist in program order; a fence drains")
    void x86Eadr() {
        PersistenceDomain eadr = PersistenceDomain.CPU_CACHE;
        assertEquals(X_BEFORE_Y, states(run(x86(eadr), store(X, 1), store(Y, 1), new Action.PowerFail(),
                reads(X, Y))));
        assertEquals(xy(X, Y, 1, 1), states(run(x86(eadr), store(X, 1), store(Y, 1), fence(FenceKind.SFENCE),
                new Action.PowerFail(), reads(X, Y))));
    }

    @Test
    @DisplayName("persistence domain none: nothing survives, flushed and fenced or not")
    void noneDomain() {
        assertEquals(xy(X, Y, 0, 0), states(run(x86(PersistenceDomain.NONE), store(X, 1), flush(FlushKind.CLWB, X),
                fence(FenceKind.SFENCE), store(Y, 1), new Action.PowerFail(), reads(X, Y))));
    }

    // ---- POWER ----

    @Test
    @DisplayName("POWER10: x=1; dcbstps x; phwsync; y=1: x durable (barrier.h pmem_wmb comment)")
    void power10Commit() {
        for (FlushKind f : new FlushKind[] {FlushKind.DCBSTPS, FlushKind.DCBFPS}) {
            assertEquals(X_DURABLE, states(run(power(Cpu.POWER10), store(X, 1), flush(f, X),
                    fence(FenceKind.PHWSYNC), store(Y, 1), new Action.PowerFail(), reads(X, Y))), f.keyword());
        }
    }

    @Test
    @DisplayName("lwsync is no persistence barrier (pmemcheck ignores it): 4 states; POWER10 plwsync orders the "
            + "write-back before y without making x durable; before POWER10 plwsync executes as lwsync")
    void powerLightweightSync() {
        Action[] program = {store(X, 1), flush(FlushKind.DCBSTPS, X), null, store(Y, 1), new Action.PowerFail(),
            reads(X, Y)};
        program[2] = fence(FenceKind.LWSYNC);
        assertEquals(ANY, states(run(power(Cpu.POWER10), program)));
        program[2] = fence(FenceKind.PLWSYNC);
        assertEquals(X_BEFORE_Y, states(run(power(Cpu.POWER10), program)));
        assertEquals(ANY, states(run(power(Cpu.POWER9), program)));
    }

    @Test
    @DisplayName("seed A-13/A-14: dcbf; hwsync is durable on POWER9, not on POWER10")
    void legacySequence() {
        Action[] program = {store(X, 1), flush(FlushKind.DCBF, X), fence(FenceKind.HWSYNC), store(Y, 1),
            new Action.PowerFail(), reads(X, Y)};
        assertEquals(X_DURABLE, states(run(power(Cpu.POWER9), program)));
        assertEquals(X_DURABLE, states(run(power(Cpu.POWER8), program)));
        assertEquals(ANY, states(run(power(Cpu.POWER10), program)));
    }

    @Test
    @DisplayName("seed A-13: on POWER9 the new instructions behave as the old: dcbstps; phwsync durable")
    void newSequenceOnPower9() {
        assertEquals(X_DURABLE, states(run(power(Cpu.POWER9), store(X, 1), flush(FlushKind.DCBSTPS, X),
                fence(FenceKind.PHWSYNC), store(Y, 1), new Action.PowerFail(), reads(X, Y))));
    }

    @Test
    @DisplayName("128-byte POWER line: flushing x at 0 also writes back y at 0x40; on x86 (64-byte lines) it does not")
    void lineGranule() {
        Action[] power = {store(X, 1), store(0x40, 1), flush(FlushKind.DCBSTPS, X), fence(FenceKind.PHWSYNC),
            new Action.PowerFail(), reads(X, 0x40)};
        assertEquals(xy(X, 0x40, 1, 1), states(run(power(Cpu.POWER10), power)));
        assertEquals(xy(X, 0x40, 1, 0, 1, 1), states(run(x86(ADR), store(X, 1), store(0x40, 1),
                flush(FlushKind.CLWB, X), fence(FenceKind.SFENCE), new Action.PowerFail(), reads(X, 0x40))));
    }

    // ---- kernel helpers ----

    @Test
    @DisplayName("memcpy_flushcache + pmem_wmb is durable on x86 (movnti) and POWER (memcpy + dcbstps); "
            + "without the barrier it may be lost")
    void memcpyFlushcache() {
        for (var p : new org.pmdl.model.topology.PlatformSpec[] {x86(ADR), power(Cpu.POWER10)}) {
            assertEquals(X_DURABLE, states(run(p, store(StoreKind.MEMCPY_FLUSHCACHE, X, 1), fence(FenceKind.PMEM_WMB),
                    store(Y, 1), new Action.PowerFail(), reads(X, Y))), p.arch().keyword());
            assertEquals(ANY, states(run(p, store(StoreKind.MEMCPY_FLUSHCACHE, X, 1), store(Y, 1),
                    new Action.PowerFail(), reads(X, Y))), p.arch().keyword());
        }
    }

    @Test
    @DisplayName("nvdimm_flush on a synchronous region starts with pmem_wmb: write-backs before it are durable")
    void nvdimmFlush() {
        assertEquals(X_DURABLE, states(run(x86(ADR), store(X, 1), flush(FlushKind.CLWB, X),
                new Action.NvdimmFlush("region0"), store(Y, 1), new Action.PowerFail(), reads(X, Y))));
    }

    @Test
    @DisplayName("async region (virtio-pmem, A-19): clwb + sfence do not persist; only nvdimm-flush (the driver "
            + "callback) does, for everything stored before it")
    void asyncRegion() {
        var virtio = Litmus.platform(org.pmdl.model.topology.Arch.X86_64, Cpu.GENERIC, ADR, true);
        assertEquals(ANY, states(run(virtio, store(X, 1), flush(FlushKind.CLWB, X), fence(FenceKind.SFENCE),
                store(Y, 1), new Action.PowerFail(), reads(X, Y))));
        assertEquals(X_DURABLE, states(run(virtio, store(X, 1), new Action.NvdimmFlush("region0"), store(Y, 1),
                new Action.PowerFail(), reads(X, Y))));
    }

    @Test
    @DisplayName("seed S-03 (A-05, A-23): after a fence x is in the ADR domain, not on media: a dirty shutdown "
            + "(ADR failure) may lose it, a plain power failure does not")
    void dirtyShutdownLosesTheAdrDomain() {
        Action[] program = {store(StoreKind.MOVNT, X, 1), fence(FenceKind.PMEM_WMB), null, Litmus.equal(X, 1)};
        program[2] = new Action.PowerFail();
        assertEquals(xy1(X, 1), states(run(x86(ADR), program)));
        program[2] = new Action.PowerFail(true, 0);
        assertEquals(xy1(X, 0, 1), states(run(x86(ADR), program)));
        // the fence's ordering went through the failed ADR domain too [INF]: y=1 with x=0 is possible again
        assertEquals(ANY, states(run(x86(ADR), store(X, 1), flush(FlushKind.CLWB, X), fence(FenceKind.SFENCE),
                store(Y, 1), flush(FlushKind.CLWB, Y), fence(FenceKind.SFENCE), new Action.PowerFail(true, 0),
                reads(X, Y))));
    }

    @Test
    @DisplayName("seed S-01 (A-06, A-23): nvdimm_flush with a WPQ flush hint deep-flushes: x survives a dirty "
            + "shutdown; without hints generic_nvdimm_flush only fences")
    void deepFlushWithHints() {
        Action[] program = {store(StoreKind.MEMCPY_FLUSHCACHE, X, 1), new Action.NvdimmFlush("region0"),
            new Action.PowerFail(true, 0), Litmus.equal(X, 1)};
        var hints = Litmus.platform(org.pmdl.model.topology.Arch.X86_64, Cpu.GENERIC, ADR, false, 1);
        assertEquals(xy1(X, 1), states(run(hints, program)));
        assertEquals(xy1(X, 0, 1), states(run(x86(ADR), program)));
    }

    /** One location's states: {@code NS[x]=v} for each value. */
    private static Set<String> xy1(long x, long... values) {
        Set<String> out = new java.util.TreeSet<>();
        for (long v : values) {
            out.add(Litmus.NS + "[0x" + Long.toHexString(x) + "]=" + v);
        }
        return out;
    }

    private static Action[] concat(Action[] head, Action... tail) {
        Action[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }
}
