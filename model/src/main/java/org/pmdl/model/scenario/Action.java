package org.pmdl.model.scenario;

/**
 * What one scenario step does. Every step written in a scenario compiles to exactly one action; the engine
 * gives exactly one result for it. {@link #op()} is the step's name in the report.
 * <p>
 * Each action belongs to one subsystem (the sealed interfaces below), and the engine hands each subsystem's
 * steps to that subsystem's handler: a new step kind is a record here under its subsystem, and a case there.
 */
public sealed interface Action {
    String op();

    // ---- machine lifecycle ----
    /** The machine goes up or down: boot, kexec, reboot, panic, power-fail, crash anywhere. */
    sealed interface Lifecycle extends Action {
    }

    record Boot() implements Lifecycle {
        public String op() { return "boot"; }
    }

    /** @param intoPlatform the platform to boot next with the same media, or null for the same platform */
    record Reboot(String intoPlatform) implements Lifecycle {
        public String op() { return intoPlatform == null ? "reboot" : "reboot into"; }
    }

    /**
     * {@code kexec [load | file-load]}: the syscall that loaded the next kernel (kexec_load from kexec-tools'
     * memory map, or kexec_file_load); null when the scenario does not say.
     */
    record Kexec(String method) implements Lifecycle {
        public Kexec() { this(null); }

        public String op() { return method == null ? "kexec" : "kexec " + method; }
    }

    record Panic() implements Lifecycle {
        public String op() { return "panic"; }
    }

    /**
     * @param dirtyShutdown the ADR flush failed too (ndctl's dirty shutdown): only what reached media survives
     * @param bound         the most crash states an expectation on this crash may explore; 0 for the run's default
     */
    record PowerFail(boolean dirtyShutdown, long bound) implements Lifecycle {
        public PowerFail() { this(false, 0); }

        public PowerFail(long bound) { this(false, bound); }

        public String op() { return "power-fail"; }
    }

    /** A crash at every point since the last boot; @param bound as for {@link PowerFail} */
    record CrashAnywhere(long bound) implements Lifecycle {
        public CrashAnywhere() { this(0); }

        public String op() { return "crash anywhere"; }
    }

    // ---- libnvdimm administration ----
    /** ndctl and libnvdimm's sysfs: labels, region alignment, namespaces and their pfn/dax/btt claims. */
    sealed interface Libnvdimm extends Action {
    }

    /** A step on one namespace, named as the scenario names it. */
    sealed interface OnNamespace extends Libnvdimm {
        String namespace();
    }

    /**
     * A label tool of ndctl/dimm.c on one DIMM. Unless {@code active}, it runs ndctl's way: the DIMM's regions
     * disabled around it (ndctl disable-region, the tool, ndctl enable-region); {@code active} runs the tool
     * alone while they stay enabled, as typed on a running system.
     */
    sealed interface OnDimm extends Libnvdimm {
        String nvdimm();
    }

    /**
     * ndctl init-labels [-f] [-V 1.1|1.2].
     *
     * @param labelVersion the minor label version: 1 (v1.1, ndctl's default) or 2 (v1.2)
     */
    record InitLabels(String nvdimm, boolean force, int labelVersion, boolean active) implements OnDimm {
        public InitLabels(String nvdimm) { this(nvdimm, false, 1, false); }

        public String op() { return "init-labels"; }
    }

    /** ndctl zero-labels: the whole label area zeroed, then the DIMM re-reads it. */
    record ZeroLabels(String nvdimm, boolean active) implements OnDimm {
        public String op() { return "zero-labels"; }
    }

    /** ndctl check-labels: is there a valid label index block; reading, the regions stay enabled. */
    record CheckLabels(String nvdimm) implements OnDimm {
        public String op() { return "check-labels"; }
    }

    /** ndctl read-labels -j: the label index blocks as ndctl parses them; the regions stay enabled. */
    record ReadLabels(String nvdimm) implements OnDimm {
        public String op() { return "read-labels"; }
    }

    record SetRegionAlign(String region, long align) implements Libnvdimm {
        public String op() { return "set align"; }
    }

    /** {@code set REGION read_only VALUE}: VALUE's decimal text written to regionN/read_only. */
    record SetRegionReadOnly(String region, long value) implements Libnvdimm {
        public String op() { return "set read_only"; }
    }

    /** ndctl disable-region: the region's namespaces are disabled first, then the region is unbound. */
    record DisableRegion(String region) implements Libnvdimm {
        public String op() { return "disable region"; }
    }

    /** ndctl enable-region: the region is bound and probes its namespaces from the labels again. */
    record EnableRegion(String region) implements Libnvdimm {
        public String op() { return "enable region"; }
    }

    /**
     * {@code create namespace NAME in REGION mode M [size S] [align A] [map mem|dev] [sector-size N] [force]
     * [uuid "U"] [name "N"]}. Absent options are null (ndctl picks its defaults).
     *
     * @param uuid    ndctl's --uuid, as written (ndctl parses it)
     * @param altName ndctl's --name: the namespace's alt_name
     */
    record CreateNamespace(String name, String region, NamespaceMode mode, Long size, Long align, PfnMap map,
            Long sectorSize, boolean force, String uuid, String altName) implements Libnvdimm {
        public CreateNamespace(String name, String region, NamespaceMode mode, Long size, Long align, PfnMap map,
                Long sectorSize, boolean force) {
            this(name, region, mode, size, align, map, sectorSize, force, null, null);
        }

        public String op() { return "create namespace"; }
    }

    /**
     * {@code reconfigure NAME mode M ... [uuid "U"] [name "N"]}, like {@code ndctl create-namespace -f -e NAME}.
     * {@code uuid}/{@code altName}: --uuid and --name as written, or null.
     */
    record Reconfigure(String namespace, NamespaceMode mode, Long align, PfnMap map, Long sectorSize,
            boolean force, String uuid, String altName) implements OnNamespace {
        public Reconfigure(String namespace, NamespaceMode mode, Long align, PfnMap map, Long sectorSize,
                boolean force) {
            this(namespace, mode, align, map, sectorSize, force, null, null);
        }

        public String op() { return "reconfigure"; }
    }

    record DestroyNamespace(String namespace) implements OnNamespace {
        public String op() { return "destroy namespace"; }
    }

    /** ndctl disable-namespace. */
    record DisableNamespace(String namespace) implements OnNamespace {
        public String op() { return "disable namespace"; }
    }

    /** ndctl enable-namespace: the kernel probes the namespace and whatever infoblock its media hold. */
    record EnableNamespace(String namespace) implements OnNamespace {
        public String op() { return "enable namespace"; }
    }

    /** The namespace's force_raw attribute written by hand: {@code on} 1, else 0. */
    record ForceRaw(String namespace, boolean on) implements OnNamespace {
        public String op() { return "force-raw"; }
    }

    /**
     * ndctl write-infoblock: a pfn (fsdax) or dax (devdax) infoblock written by user space.
     *
     * @param mode   fsdax or devdax; null for ndctl's default (fsdax)
     * @param align  -a, or null for ndctl's default alignment
     * @param map    -M, or null for ndctl's default (dev)
     * @param offset --offset: the physical start ndctl pads against, or null for 0
     */
    record WriteInfoblock(String namespace, NamespaceMode mode, Long align, PfnMap map, Long offset)
            implements OnNamespace {
        public String op() { return "write-infoblock"; }
    }

    /**
     * The pfn/dax seed configured and bound through sysfs (uuid, mode, align, namespace, bind).
     *
     * @param infoblockUuid the seed takes the uuid of the infoblock on the namespace's media, else a fresh one
     */
    record Claim(String namespace, NamespaceMode mode, Long align, PfnMap map, boolean infoblockUuid)
            implements OnNamespace {
        public String op() { return "claim"; }
    }

    /**
     * ndctl check-namespace [-R] [-L] [-f] (ndctl/check.c namespace_check): the BTT metadata of a disabled
     * namespace (or, with -f, of an enabled one, disabled and enabled again around the check).
     */
    record CheckNamespace(String namespace, boolean repair, boolean rewriteLog, boolean force)
            implements OnNamespace {
        public String op() { return "check-namespace"; }
    }

    /**
     * ndctl inject-error NS [-B block] [-n count] [--uninject] [--status] [--saturate] (ndctl/inject-error.c):
     * blocks are 512 bytes of the namespace's data (ndctl_namespace_get_injection_bounds).
     *
     * @param block null when {@code -B} is left out
     * @param count null when {@code -n} is left out
     */
    record InjectError(String namespace, Long block, Long count, boolean uninject, boolean status,
            boolean saturate) implements OnNamespace {
        public String op() { return "inject-error"; }
    }

    /** ndctl clear-errors NS [--scrub] (ndctl/namespace.c namespace_clear_bb). */
    record ClearErrors(String namespace, boolean scrub) implements OnNamespace {
        public String op() { return "clear-errors"; }
    }

    /** ndctl start-scrub: ARS on every NFIT bus (echo 1 > ndbusN/nfit/scrub). */
    record StartScrub() implements Libnvdimm {
        public String op() { return "start-scrub"; }
    }

    /** ndctl wait-scrub: until no ARS runs (ndctl_bus_poll_scrub_completion on nfit/scrub). */
    record WaitScrub() implements Libnvdimm {
        public String op() { return "wait-scrub"; }
    }

    /**
     * {@code read NS[OFF]}: one O_DIRECT read of the block at OFF of the namespace's block device (512 bytes;
     * a BTT's sector size), or a load from its dax device (devdax).
     */
    record Read(MediaLocation location) implements OnNamespace {
        public String namespace() { return location.namespace(); }

        public String op() { return "read"; }
    }

    // ---- stores, cache maintenance and ordering ----
    /** A CPU's stores, write-backs and fences on pmem, and the flushes that make them durable. */
    sealed interface Persistence extends Action {
    }

    enum StoreKind {
        STORE("store"), MOVNT("movnt"), MEMCPY_FLUSHCACHE("memcpy-flushcache"),
        /** x86 xchg with memory: a locked read-modify-write, a store and a full fence in one. */
        XCHG("xchg");

        private final String keyword;

        StoreKind(String keyword) { this.keyword = keyword; }

        public String keyword() { return keyword; }
    }

    record Store(StoreKind kind, MediaLocation location, long value) implements Persistence {
        public String op() { return kind.keyword(); }
    }

    enum FlushKind {
        CLWB("clwb"), CLFLUSHOPT("clflushopt"), CLFLUSH("clflush"),
        DCBST("dcbst"), DCBF("dcbf"), DCBSTPS("dcbstps"), DCBFPS("dcbfps");

        private final String keyword;

        FlushKind(String keyword) { this.keyword = keyword; }

        public String keyword() { return keyword; }
    }

    record CacheFlush(FlushKind kind, MediaLocation location) implements Persistence {
        public String op() { return kind.keyword(); }
    }

    enum FenceKind {
        SFENCE("sfence"), MFENCE("mfence"), HWSYNC("hwsync"), PHWSYNC("phwsync"), LWSYNC("lwsync"),
        PMEM_WMB("pmem-wmb"), PLWSYNC("plwsync");

        private final String keyword;

        FenceKind(String keyword) { this.keyword = keyword; }

        public String keyword() { return keyword; }
    }

    record Fence(FenceKind kind) implements Persistence {
        public String op() { return kind.keyword(); }
    }

    record NvdimmFlush(String region) implements Persistence {
        public String op() { return "nvdimm-flush"; }
    }

    /** {@code mmap NS map-sync}: a DAX mapping of the namespace with MAP_SHARED_VALIDATE | MAP_SYNC. */
    record MapSync(String namespace) implements Persistence {
        public String op() { return "mmap map-sync"; }
    }

    // ---- pseries: hcalls, DLPAR, CPU hotplug, live partition migration ----
    /** A step the pseries partition answers: papr_scm's hcalls and ioctls, RTAS, DLPAR, CPUs, LPM. */
    sealed interface Pseries extends Action {
    }

    /**
     * {@code hcall NAME [SCM] [ARG ...]}: one hcall issued directly. With an SCM the DRC index is the first
     * argument; arguments not written take papr_scm's values.
     */
    record Hcall(String hcall, String target, java.util.List<Long> args) implements Pseries {
        public String op() { return "hcall"; }
    }

    enum DlparResource { CPU, MEMORY }

    /**
     * {@code dlpar add|remove cpu CORE}, {@code dlpar add|remove memory count N | index DRC | index DRC count N}:
     * the hypervisor's hotplug request and the guest's handling of it; with both, the indexed-count request QEMU
     * makes for a pc-dimm's LMBs. Absent values are null.
     */
    record Dlpar(boolean add, DlparResource resource, Long core, Long count, Long drcIndex) implements Pseries {
        public String op() { return add ? "dlpar add" : "dlpar remove"; }
    }

    /** {@code ioctl SCM COMMAND [ARG ...]}: an ND ioctl on the SCM's DIMM (get-config-data, pdsm-health, ...). */
    record Ioctl(String target, String command, java.util.List<Long> args) implements Pseries {
        public String op() { return "ioctl"; }
    }

    /**
     * {@code rtas set-indicator isolation-state|allocation-state|dr-indicator DRC VALUE} or
     * {@code rtas get-sensor-state DRC} (then {@code indicator} is null): one RTAS call on a DRC.
     */
    record Rtas(String indicator, long drc, long value) implements Pseries {
        public String op() { return indicator == null ? "rtas get-sensor-state" : "rtas set-indicator"; }
    }

    /**
     * {@code pin memory}: the guest fills its free memory with unmovable pages (pipe buffers), so no online memory
     * block can be offlined any more (offline_pages: "unmovable page").
     */
    record PinMemory() implements Pseries {
        public String op() { return "pin memory"; }
    }

    /** {@code online cpu N} / {@code offline cpu N}: writing /sys/devices/system/cpu/cpuN/online. */
    record CpuOnline(boolean online, int cpu) implements Pseries {
        public String op() { return online ? "online cpu" : "offline cpu"; }
    }

    /** {@code migrate { lmbs A .. B node N ... }}: LPM; the destination's associativity for those LMBs. */
    record Migrate(java.util.List<org.pmdl.model.topology.LmbRangeSpec> changes) implements Pseries {
        public String op() { return "migrate"; }
    }

    // ---- ocxl: OpenCAPI persistent memory on powernv (records in org.pmdl.model.ocxl) ----
    /** An ocxl step: the link's LPC window, the ocxlpmem device's probe, admin commands, events, labels. */
    non-sealed interface Ocxl extends Action {
    }

    // ---- memory hotplug (org.pmdl.model.hotplug) ----
    /** A step the memory-hotplug model answers. */
    sealed interface Hotplug extends Action {
    }

    /**
     * {@code add-memory MEM [driver-managed "System RAM (NAME)"]}: add_memory(), or add_memory_driver_managed()
     * with that resource name.
     */
    record AddMemory(String memory, String resourceName) implements Hotplug {
        public String op() { return "add-memory"; }
    }

    /** {@code remove-memory MEM}: remove_memory() of the range (and unplug of the DIMM). */
    record RemoveMemory(String memory) implements Hotplug {
        public String op() { return "remove-memory"; }
    }

    /** {@code online memory N [movable|kernel]} / {@code offline memory N}: /sys/devices/system/memory/memoryN/state. */
    record MemoryState(long block, String state) implements Hotplug {
        public String op() { return state.equals("offline") ? "offline memory" : "online memory"; }
    }

    /** {@code set auto_online_blocks STATE}: /sys/devices/system/memory/auto_online_blocks. */
    record SetAutoOnlineBlocks(String state) implements Hotplug {
        public String op() { return "set auto_online_blocks"; }
    }

    /**
     * {@code daxctl reconfigure-device NS system-ram|devdax [no-online] [no-movable] [force]},
     * {@code daxctl reconfigure-device NS size S}, {@code daxctl online-memory NS [no-movable]},
     * {@code daxctl offline-memory NS}, {@code daxctl enable-device|disable-device NS},
     * {@code daxctl destroy-device NS [force]}: on the dax device of the devdax namespace NS (or of soft-reserved
     * memory, or one create-device named); {@code daxctl create-device DEVICE in NS [size S] [align A]}: a new
     * device named DEVICE in the dax region of NS. {@code mode} is null but for reconfigure-device without size;
     * {@code device}, {@code size} and {@code align} are null unless given.
     */
    record Daxctl(String command, String namespace, String mode, boolean noOnline, boolean noMovable, boolean force,
            String device, Long size, Long align) implements Hotplug {
        public Daxctl(String command, String namespace, String mode, boolean noOnline, boolean noMovable,
                boolean force) {
            this(command, namespace, mode, noOnline, noMovable, force, null, null, null);
        }

        public String op() { return "daxctl " + command; }
    }

    /**
     * {@code memremap BAR [p2pdma] [pgprot page-kernel|wc|uc] [altmap]}: devm_memremap_pages() of the BAR as a
     * MEMORY_DEVICE_PCI_P2PDMA pagemap (its pgprot chosen by memremap_pages), or with the pgprot a driver passes.
     * Absent values are null.
     */
    record Memremap(String bar, boolean p2pdma, String pgprot, boolean altmap) implements Hotplug {
        public String op() { return "memremap"; }
    }

    /** {@code access BAR OP ...}: CPU operations on the mapped BAR in program order (store, wmb, doorbell, lock, unlock, atomic). */
    record MmioAccess(String bar, java.util.List<String> ops) implements Hotplug {
        public String op() { return "access"; }
    }

    /**
     * {@code virtio-mem DEV requested-size S}: the host asks the driver to (un)plug to S (QEMU: qom-set DEV
     * requested-size S); {@code virtio-mem DEV store|load ADDR}: a CPU access to physical address ADDR in the
     * device's region.
     */
    record VirtioMem(String device, String command, long value) implements Hotplug {
        public String op() { return "virtio-mem " + command; }
    }

    // ---- standalone expectations ----
    /** A step that only checks what the steps before it did. */
    sealed interface Expectation extends Action {
    }

    /** {@code expect COND} or {@code expect COND implies COND} (then {@code implied} is non-null). */
    record Expect(Condition condition, Condition implied) implements Expectation {
        public String op() { return "expect"; }
    }

    record ExpectDurable(MediaLocation location) implements Expectation {
        public String op() { return "expect durable"; }
    }

    record ExpectOrdered(MediaLocation first, MediaLocation second) implements Expectation {
        public String op() { return "expect ordered"; }
    }

    record ExpectLog(String text) implements Expectation {
        public String op() { return "expect log"; }
    }

    /** {@code expect [no] hcall NAME [returns STATUS]}: an hcall of the scenario so far (none, with {@code no}). */
    record ExpectHcall(String hcall, String status, boolean negated) implements Expectation {
        public String op() { return "expect hcall"; }
    }
}
