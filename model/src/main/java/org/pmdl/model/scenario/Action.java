package org.pmdl.model.scenario;

/**
 * What one scenario step does. Every step written in a scenario compiles to exactly one action; the engine
 * gives exactly one result for it. {@link #op()} is the step's name in the report.
 */
public sealed interface Action {
    String op();

    // ---- machine lifecycle ----
    record Boot() implements Action {
        public String op() { return "boot"; }
    }

    /** @param intoPlatform the platform to boot next with the same media, or null for the same platform */
    record Reboot(String intoPlatform) implements Action {
        public String op() { return intoPlatform == null ? "reboot" : "reboot into"; }
    }

    record Kexec() implements Action {
        public String op() { return "kexec"; }
    }

    record Panic() implements Action {
        public String op() { return "panic"; }
    }

    /**
     * @param dirtyShutdown the ADR flush failed too (ndctl's dirty shutdown): only what reached media survives
     * @param bound         the most crash states an expectation on this crash may explore; 0 for the run's default
     */
    record PowerFail(boolean dirtyShutdown, long bound) implements Action {
        public PowerFail() { this(false, 0); }

        public PowerFail(long bound) { this(false, bound); }

        public String op() { return "power-fail"; }
    }

    /** A crash at every point since the last boot; @param bound as for {@link PowerFail} */
    record CrashAnywhere(long bound) implements Action {
        public CrashAnywhere() { this(0); }

        public String op() { return "crash anywhere"; }
    }

    // ---- libnvdimm administration ----
    record InitLabels(String nvdimm) implements Action {
        public String op() { return "init-labels"; }
    }

    record SetRegionAlign(String region, long align) implements Action {
        public String op() { return "set align"; }
    }

    /**
     * {@code create namespace NAME in REGION mode M [size S] [align A] [map mem|dev] [sector-size N] [force]}.
     * Absent options are null (ndctl picks its defaults).
     */
    record CreateNamespace(String name, String region, NamespaceMode mode, Long size, Long align, PfnMap map,
            Long sectorSize, boolean force) implements Action {
        public String op() { return "create namespace"; }
    }

    /** {@code reconfigure NAME mode M ...}, like {@code ndctl create-namespace -f -e NAME}. */
    record Reconfigure(String namespace, NamespaceMode mode, Long align, PfnMap map, Long sectorSize,
            boolean force) implements Action {
        public String op() { return "reconfigure"; }
    }

    record DestroyNamespace(String namespace) implements Action {
        public String op() { return "destroy namespace"; }
    }

    // ---- stores, cache maintenance and ordering ----
    enum StoreKind {
        STORE("store"), MOVNT("movnt"), MEMCPY_FLUSHCACHE("memcpy-flushcache"),
        /** x86 xchg with memory: a locked read-modify-write, a store and a full fence in one. */
        XCHG("xchg");

        private final String keyword;

        StoreKind(String keyword) { this.keyword = keyword; }

        public String keyword() { return keyword; }
    }

    record Store(StoreKind kind, MediaLocation location, long value) implements Action {
        public String op() { return kind.keyword(); }
    }

    enum FlushKind {
        CLWB("clwb"), CLFLUSHOPT("clflushopt"), CLFLUSH("clflush"),
        DCBST("dcbst"), DCBF("dcbf"), DCBSTPS("dcbstps"), DCBFPS("dcbfps");

        private final String keyword;

        FlushKind(String keyword) { this.keyword = keyword; }

        public String keyword() { return keyword; }
    }

    record CacheFlush(FlushKind kind, MediaLocation location) implements Action {
        public String op() { return kind.keyword(); }
    }

    enum FenceKind {
        SFENCE("sfence"), MFENCE("mfence"), HWSYNC("hwsync"), PHWSYNC("phwsync"), LWSYNC("lwsync"),
        PMEM_WMB("pmem-wmb"), PLWSYNC("plwsync");

        private final String keyword;

        FenceKind(String keyword) { this.keyword = keyword; }

        public String keyword() { return keyword; }
    }

    record Fence(FenceKind kind) implements Action {
        public String op() { return kind.keyword(); }
    }

    record NvdimmFlush(String region) implements Action {
        public String op() { return "nvdimm-flush"; }
    }

    /** {@code mmap NS map-sync}: a DAX mapping of the namespace with MAP_SHARED_VALIDATE | MAP_SYNC. */
    record MapSync(String namespace) implements Action {
        public String op() { return "mmap map-sync"; }
    }

    // ---- standalone expectations ----
    /** {@code expect COND} or {@code expect COND implies COND} (then {@code implied} is non-null). */
    record Expect(Condition condition, Condition implied) implements Action {
        public String op() { return "expect"; }
    }

    record ExpectDurable(MediaLocation location) implements Action {
        public String op() { return "expect durable"; }
    }

    record ExpectOrdered(MediaLocation first, MediaLocation second) implements Action {
        public String op() { return "expect ordered"; }
    }

    record ExpectLog(String text) implements Action {
        public String op() { return "expect log"; }
    }
}
