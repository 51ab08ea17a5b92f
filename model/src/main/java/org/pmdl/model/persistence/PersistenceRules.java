package org.pmdl.model.persistence;

import org.pmdl.model.rules.Layer;
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
    public static final Rule PERSIST_X86 = new Rule("PM-PERSIST-X86", Layer.KERNEL, Severity.ERROR, X86_PMEM,
            "x86: a cached store is durable once clwb/clflushopt/clflush of its line is followed by sfence, mfence "
                    + "or a locked RMW; movnt/memcpy_flushcache need only the fence; clflush alone orders the line "
                    + "before later stores; stores to one line persist in order.",
            "Write back each stored line (clwb/clflushopt) and fence (sfence) before relying on it "
                    + "after a crash.");
    public static final Rule PERSIST_POWER = new Rule("PM-PERSIST-POWER", Layer.KERNEL, Severity.ERROR, PPC_PMEM,
            "POWER: a store is durable once dcbstps/dcbfps of its 128-byte line is followed by phwsync (pmem_wmb); "
                    + "on POWER8/9 dcbst/dcbf and hwsync behave the same; POWER10 plwsync orders them before later "
                    + "stores without persisting; lwsync does neither.",
            "Flush each stored line with dcbstps/dcbfps and end with phwsync (pmem_wmb) before "
                    + "relying on it after a crash.");
    public static final Rule NVDIMM_FLUSH = new Rule("PM-NVDIMM-FLUSH", Layer.KERNEL, Severity.ERROR,
            "drivers/nvdimm/region_devs.c nvdimm_flush, generic_nvdimm_flush; drivers/nvdimm/nd_virtio.c "
                    + "async_pmem_flush",
            "nvdimm_flush: generic_nvdimm_flush = pmem_wmb, a writeq per WPQ flush hint, wmb; an async region "
                    + "(virtio-pmem) calls its driver's flush instead, which alone makes its data durable.",
            "On an asynchronous (virtio-pmem) region, call nvdimm-flush to make data durable.");
    public static final Rule MEMCPY_FLUSHCACHE = new Rule("PM-MEMCPY-FLUSHCACHE", Layer.KERNEL, Severity.ERROR,
            "arch/x86/lib/usercopy_64.c __memcpy_flushcache (movnti); arch/powerpc/lib/pmem.c memcpy_flushcache "
                    + "(memcpy + clean_pmem_range)",
            "memcpy_flushcache bypasses the cache on x86 (a non-temporal store) and cleans the lines on POWER; "
                    + "either way a pmem_wmb is still needed.",
            "Follow memcpy_flushcache with a persistence fence (pmem_wmb).");

    // ---- findings ----
    public static final Rule STORE_NOT_FLUSHED = new Rule("PM-STORE-NOT-FLUSHED", Layer.PMEM_CHECKER, Severity.WARNING,
            "pmemcheck \"stores not made persistent\"; " + X86_PMEM,
            "A store was never written back (no flush of its line) before a crash; it may be lost.",
            "Write back the line (clwb on x86, dcbstps on POWER) and fence before the crash.")
            .withTemplate("{store} was never written back before the crash; it may be lost");
    public static final Rule FLUSH_NO_FENCE = new Rule("PM-FLUSH-NO-FENCE", Layer.KERNEL, Severity.WARNING,
            "include/linux/libnvdimm.h / asm-generic/barrier.h pmem_wmb (catalog A-01, A-09)",
            "A flush (or non-temporal store) is not followed by a persistence fence before a crash; it may be lost.",
            "Add a persistence fence (sfence, phwsync) after the flush.")
            .withTemplate("{flush} is not followed by a persistence fence before the crash; the line may be lost");
    public static final Rule FENCE_NOTHING = new Rule("PM-FENCE-NOTHING", Layer.PMEM_CHECKER, Severity.INFO,
            "PMDebugger epoch_redundant_fence; " + X86_PMEM,
            "A persistence fence with no flush, non-temporal store or (under eADR) store since the last one.",
            "Remove the fence, or move it after the flushes it should order.")
            .withTemplate("{fence} orders nothing for persistence: no write-back or non-temporal store since the"
                    + " last fence");
    public static final Rule FLUSH_REDUNDANT = new Rule("PM-FLUSH-REDUNDANT", Layer.PMEM_CHECKER, Severity.WARNING,
            "pmemcheck \"flushed multiple times\"",
            "A flush of a line already written back and not stored to since.",
            "Remove the repeated flush.")
            .withTemplate("{instruction} {location}: cache line {line} was already written back and not stored to "
                    + "since");
    public static final Rule FLUSH_EADR = new Rule("PM-FLUSH-EADR", Layer.PMEM_CHECKER, Severity.INFO,
            "PMDK pmem_has_auto_flush (eADR); drivers/nvdimm/region_devs.c persistence_domain_show "
                    + "(ND_REGION_PERSIST_CACHE)",
            "A flush under eADR (persistence domain cpu_cache), where a visible store is already durable.",
            "Remove the flush: under eADR a fence is enough to make the stores before it durable.")
            .withTemplate("{instruction} {location} is unnecessary: the region's persistence domain is cpu_cache "
                    + "(eADR)");
    public static final Rule FLUSH_UNWRITTEN = new Rule("PM-FLUSH-UNWRITTEN", Layer.PMEM_CHECKER, Severity.WARNING,
            "pmemcheck \"unnecessary flushes\" (pmem/valgrind#17)",
            "A flush of a line the scenario never stored to.",
            "Remove the flush, or flush the line that was stored to.")
            .withTemplate("{instruction} {location}: no store of this scenario wrote cache line {line} of"
                    + " {namespace}");
    public static final Rule POWER10_LEGACY = new Rule("PM-POWER10-LEGACY", Layer.KERNEL, Severity.WARNING,
            "arch/powerpc/include/asm/barrier.h pmem_wmb (phwsync); arch/powerpc/lib/pmem.c "
                    + "__clean_pmem_range (dcbstps, since \"powerpc/pmem: Add new instructions for persistent storage "
                    + "and sync\", 5.10)",
            "On POWER10 dcbf/dcbst followed by hwsync does not make data durable; use dcbstps/dcbfps and phwsync.",
            "Use dcbstps/dcbfps and phwsync on POWER10.")
            .withTemplate("{instruction} on POWER10 does not {effect}; use {replacement} (pmem_wmb)");
    public static final Rule ASYNC_CPU_FLUSH = new Rule("PM-ASYNC-CPU-FLUSH", Layer.KERNEL, Severity.WARNING,
            "drivers/nvdimm/nd_virtio.c async_pmem_flush; drivers/nvdimm/region_devs.c nvdimm_flush (ND_REGION_ASYNC)",
            "A CPU write-back on an asynchronous region (virtio-pmem): only the driver's flush (nvdimm-flush) "
                    + "makes its data durable.",
            "Call nvdimm-flush on the asynchronous region; CPU write-backs alone are not enough.")
            .withTemplate("{instruction} {location} does not persist on an asynchronous region; nvdimm-flush"
                    + " {region} calls the driver's flush");
    public static final Rule MAP_SYNC_ASYNC = new Rule("PM-MAP-SYNC-ASYNC", Layer.KERNEL, Severity.ERROR,
            "include/linux/dax.h daxdev_mapping_supported; fs/ext4/file.c ext4_file_mmap; "
                    + "drivers/nvdimm/region_devs.c is_nvdimm_sync",
            "mmap(MAP_SYNC) is refused with EOPNOTSUPP on an asynchronous (ND_REGION_ASYNC, virtio-pmem) region.",
            "Map without MAP_SYNC and call fsync/nvdimm-flush, or use a synchronous region.")
            .withTemplate("region {region} is asynchronous (ND_REGION_ASYNC): dax_synchronous() is false, MAP_SYNC is "
                    + "refused");
    public static final Rule MAP_SYNC_POLICY = new Rule("PM-MAP-SYNC-POLICY", Layer.KERNEL, Severity.ERROR,
            "PowerPC MAP_SYNC policy proposed on linux-nvdimm (catalog A-28, A-29), not merged; errno as "
                    + "include/linux/dax.h daxdev_mapping_supported",
            "With the platform's map-sync policy disabled (the PowerPC default Dan Williams proposed), "
                    + "mmap(MAP_SYNC) is refused with EOPNOTSUPP.",
            "Map without MAP_SYNC, or enable the platform's map-sync policy.")
            .withTemplate("the platform's map-sync policy is disabled");
    public static final Rule STORE_RANGE = new Rule("PM-STORE-RANGE", Layer.PMDL, Severity.ERROR,
            "PMDL scenario semantics",
            "A media location must be 8-byte aligned and inside the namespace's usable capacity.",
            "Use an 8-byte aligned offset inside the namespace's usable capacity.")
            .withTemplate("{location} is not an 8-byte aligned location inside {namespace}'s {capacity} bytes");
    public static final Rule CRASH_BOUND_RANGE = new Rule("PM-CRASH-BOUND-RANGE", Layer.PMDL, Severity.ERROR,
            "PMDL model (PersistenceModel.MAX_BOUND, TIME_LIMIT)",
            "A crash step's `bound` is between 1 and 1,000,000 states: states are kept in memory, and an exploration"
                    + " stops after 30 s whatever its bound.",
            "Use a bound between 1 and 1,000,000.")
            .withTemplate("bound {bound} is outside 1..{max}: the model keeps every crash state in memory and stops "
                    + "after {seconds} s; leave `bound` out for the default ({default})");
    public static final Rule CRASH_BOUND = new Rule("PM-CRASH-BOUND", Layer.PMDL, Severity.ERROR,
            "PMDL model (RunOptions.explorationBound, `bound N` on the crash step)",
            "Crash-state exploration stopped at its bound before deciding an expectation.",
            "Raise the crash step's `bound`, or shorten the epoch before the crash so fewer states "
                    + "exist.")
            .withTemplate("{read}: exploration stopped at {stopped} ({explored} explored, {pruned} pruned) without"
                    + " a counterexample; {advice}");
}
