package org.pmdl.model.persistence;

import org.pmdl.model.rules.Rule;
import org.pmdl.model.rules.Severity;

/**
 * Persistence-barrier rules: what makes a store durable per architecture and persistence domain, and the
 * findings on flush/fence use. The axioms behind them, with sources, are in docs/persistence.md.
 */
public final class PersistenceRules {
    private PersistenceRules() {
    }

    private static final String X86_PMEM = "arch/x86/include/asm/special_insns.h clwb/clflushopt; "
            + "arch/x86/lib/usercopy_64.c arch_wb_cache_pmem; Px86 (Raad et al., POPL'20)";
    private static final String PPC_PMEM = "arch/powerpc/lib/pmem.c __clean_pmem_range (dcbstps), "
            + "__flush_pmem_range (dcbfps); arch/powerpc/include/asm/barrier.h pmem_wmb (phwsync)";

    // ---- semantics (cited in a step's applied rules) ----
    public static final Rule PERSIST_X86 = new Rule("PM-PERSIST-X86", Severity.ERROR, X86_PMEM,
            "x86: a cached store is durable once clwb/clflushopt/clflush of its line is followed by sfence, mfence "
                    + "or a locked RMW; movnt/memcpy_flushcache need only the fence; clflush alone orders the line "
                    + "before later stores; stores to one line persist in order.");
    public static final Rule PERSIST_POWER = new Rule("PM-PERSIST-POWER", Severity.ERROR, PPC_PMEM,
            "POWER: a store is durable once dcbstps/dcbfps of its 128-byte line is followed by phwsync (pmem_wmb); "
                    + "on POWER8/9 dcbst/dcbf and hwsync behave the same; POWER10 plwsync orders them before later "
                    + "stores without persisting; lwsync does neither.");
    public static final Rule PERSIST_DOMAIN = new Rule("PM-PERSIST-DOMAIN", Severity.ERROR,
            "drivers/nvdimm/region_devs.c persistence_domain_show (ND_REGION_PERSIST_CACHE / _MEMCTRL)",
            "cpu_cache (eADR): a visible store is durable, a fence drains the store buffer; memory_controller or "
                    + "unknown (ADR): flush + fence; none: nothing survives power loss.");
    public static final Rule NVDIMM_FLUSH = new Rule("PM-NVDIMM-FLUSH", Severity.ERROR,
            "drivers/nvdimm/region_devs.c nvdimm_flush, generic_nvdimm_flush; drivers/nvdimm/nd_virtio.c "
                    + "async_pmem_flush",
            "nvdimm_flush: generic_nvdimm_flush = pmem_wmb, a writeq per WPQ flush hint, wmb; an async region "
                    + "(virtio-pmem) calls its driver's flush instead, which alone makes its data durable.");
    public static final Rule MEMCPY_FLUSHCACHE = new Rule("PM-MEMCPY-FLUSHCACHE", Severity.ERROR,
            "arch/x86/lib/usercopy_64.c __memcpy_flushcache (movnti); arch/powerpc/lib/pmem.c memcpy_flushcache "
                    + "(memcpy + clean_pmem_range)",
            "memcpy_flushcache bypasses the cache on x86 (a non-temporal store) and cleans the lines on POWER; "
                    + "either way a pmem_wmb is still needed.");

    // ---- findings ----
    public static final Rule STORE_NOT_FLUSHED = new Rule("PM-STORE-NOT-FLUSHED", Severity.WARNING,
            "pmemcheck \"stores not made persistent\"; " + X86_PMEM,
            "A store was never written back (no flush of its line) before a crash; it may be lost.");
    public static final Rule FLUSH_NO_FENCE = new Rule("PM-FLUSH-NO-FENCE", Severity.WARNING,
            "include/linux/libnvdimm.h / asm-generic/barrier.h pmem_wmb; seed A-01, A-09",
            "A flush (or non-temporal store) is not followed by a persistence fence before a crash; it may be lost.");
    public static final Rule FENCE_NOTHING = new Rule("PM-FENCE-NOTHING", Severity.INFO,
            "PMDebugger epoch_redundant_fence; " + X86_PMEM,
            "A persistence fence with no flush, non-temporal store or (under eADR) store since the last one.");
    public static final Rule FLUSH_REDUNDANT = new Rule("PM-FLUSH-REDUNDANT", Severity.WARNING,
            "pmemcheck \"flushed multiple times\"; PMDK pmem_has_auto_flush (eADR)",
            "A flush of a line already written back and not stored to since, or any flush under eADR "
                    + "(cpu_cache), where visible means durable (then only info).");
    public static final Rule FLUSH_UNWRITTEN = new Rule("PM-FLUSH-UNWRITTEN", Severity.WARNING,
            "pmemcheck \"unnecessary flushes\" (pmem/valgrind#17)",
            "A flush of a line the scenario never stored to.");
    public static final Rule POWER10_LEGACY = new Rule("PM-POWER10-LEGACY", Severity.WARNING,
            "seed 001 L1731-1733, L1975-1987 (A-13, A-26); arch/powerpc/include/asm/barrier.h pmem_wmb",
            "On POWER10 dcbf/dcbst followed by hwsync does not make data durable; use dcbstps/dcbfps and phwsync.");
    public static final Rule ASYNC_CPU_FLUSH = new Rule("PM-ASYNC-CPU-FLUSH", Severity.WARNING,
            "seed 001 L1852-1859 (A-19); drivers/nvdimm/nd_virtio.c async_pmem_flush",
            "A CPU write-back on an asynchronous region (virtio-pmem): only the driver's flush (nvdimm-flush) "
                    + "makes its data durable.");
    public static final Rule MAP_SYNC_ASYNC = new Rule("PM-MAP-SYNC-ASYNC", Severity.ERROR,
            "include/linux/dax.h daxdev_mapping_supported; fs/ext4/file.c ext4_file_mmap; "
                    + "drivers/nvdimm/region_devs.c is_nvdimm_sync",
            "mmap(MAP_SYNC) is refused with EOPNOTSUPP on an asynchronous (ND_REGION_ASYNC, virtio-pmem) region.");
    public static final Rule MAP_SYNC_POLICY = new Rule("PM-MAP-SYNC-POLICY", Severity.ERROR,
            "seed 001 L1913-1928 (A-28, A-29): proposed, not merged; errno as daxdev_mapping_supported [INF]",
            "With the platform's map-sync policy disabled (the PowerPC default Dan Williams proposed), "
                    + "mmap(MAP_SYNC) is refused with EOPNOTSUPP.");
    public static final Rule STORE_RANGE = new Rule("PM-STORE-RANGE", Severity.ERROR, "PMDL scenario semantics",
            "A media location must be 8-byte aligned and inside the namespace's usable capacity.");
    public static final Rule CRASH_BOUND_RANGE = new Rule("PM-CRASH-BOUND-RANGE", Severity.ERROR,
            "PMDL model (PersistenceModel.MAX_BOUND, TIME_LIMIT)",
            "A crash step's `bound` is between 1 and 1,000,000 states: states are kept in memory, and an exploration"
                    + " stops after 30 s whatever its bound.");
    public static final Rule CRASH_BOUND = new Rule("PM-CRASH-BOUND", Severity.ERROR,
            "PMDL model (RunOptions.explorationBound, `bound N` on the crash step)",
            "Crash-state exploration stopped at its bound before deciding an expectation.");
}
