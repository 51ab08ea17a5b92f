package org.pmdl.model.persistence;

import org.pmdl.model.rules.Rule;
import org.pmdl.model.scenario.Action;
import org.pmdl.model.topology.Arch;
import org.pmdl.model.topology.Cpu;

/**
 * What each instruction means for persistence on one architecture and CPU generation (docs/persistence.md
 * lists the axioms and their sources).
 */
record Persistency(Arch arch, Cpu cpu) {

    /** What a cache-maintenance instruction does to the dirty stores of its line. */
    enum Writeback {
        /** clwb, clflushopt, dcbstps, dcbfps (and dcbst/dcbf before POWER10): durable after a persistence fence. */
        ASYNC,
        /** clflush: as ASYNC, and ordered before every later store (Intel SDM: ordered with respect to writes). */
        ORDERED,
        /** dcbst/dcbf on POWER10: written back, but no fence makes it durable (seed A-13). */
        NOT_PERSISTENT
    }

    /**
     * What a fence does: complete pending write-backs (persist); order them before every later store without
     * completing them (POWER10 plwsync); or only order visibility.
     */
    enum FenceEffect {
        PERSIST, ORDER_PERSISTENT, ORDER_ONLY
    }

    /** x86 caches have 64-byte lines; POWER8, 9 and 10 128-byte ones (pmemcheck ppc64 flush granule). */
    long lineSize() {
        return arch == Arch.X86_64 ? 64 : 128;
    }

    /** POWER10 rules apply on power10 and, conservatively, on a ppc64 whose CPU is not named. */
    boolean power10() {
        return arch == Arch.PPC64 && (cpu == Cpu.POWER10 || cpu == Cpu.GENERIC);
    }

    Rule rule() {
        return arch == Arch.X86_64 ? PersistenceRules.PERSIST_X86 : PersistenceRules.PERSIST_POWER;
    }

    /** The architecture an instruction belongs to, or null when it is a kernel helper both have. */
    static Arch archOf(Action action) {
        if (action instanceof Action.CacheFlush f) {
            return switch (f.kind()) {
                case CLWB, CLFLUSHOPT, CLFLUSH -> Arch.X86_64;
                default -> Arch.PPC64;
            };
        }
        if (action instanceof Action.Fence f) {
            return switch (f.kind()) {
                case SFENCE, MFENCE -> Arch.X86_64;
                case PMEM_WMB -> null;
                default -> Arch.PPC64;
            };
        }
        if (action instanceof Action.Store s) {
            return s.kind() == Action.StoreKind.MOVNT || s.kind() == Action.StoreKind.XCHG ? Arch.X86_64 : null;
        }
        return null;
    }

    Writeback writeback(Action.FlushKind kind) {
        return switch (kind) {
            case CLFLUSH -> Writeback.ORDERED;
            case DCBST, DCBF -> power10() ? Writeback.NOT_PERSISTENT : Writeback.ASYNC;
            default -> Writeback.ASYNC;
        };
    }

    /**
     * sfence, mfence, pmem_wmb (x86: wmb = sfence; POWER: phwsync) persist; hwsync does before POWER10 only
     * (phwsync executes as hwsync there). On POWER10 plwsync "establishes order of these writes to persistent
     * storage" (the series that added it, powerpc commits c83040192f37..8c26ab72663b, cover letter) without
     * waiting for them; before POWER10 it executes as lwsync. lwsync is no persistence barrier (pmemcheck
     * ignores it).
     */
    FenceEffect fence(Action.FenceKind kind) {
        return switch (kind) {
            case SFENCE, MFENCE, PHWSYNC, PMEM_WMB -> FenceEffect.PERSIST;
            case HWSYNC -> power10() ? FenceEffect.ORDER_ONLY : FenceEffect.PERSIST;
            case PLWSYNC -> power10() ? FenceEffect.ORDER_PERSISTENT : FenceEffect.ORDER_ONLY;
            case LWSYNC -> FenceEffect.ORDER_ONLY;
        };
    }
}
