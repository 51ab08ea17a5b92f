package org.pmdl.model.pseries;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pmdl.model.kernel.KernelProfile;
import org.pmdl.model.libnvdimm.Dmesg;
import org.pmdl.model.libnvdimm.NvdimmBus;
import org.pmdl.model.papr.Hcall;
import org.pmdl.model.papr.HcallResult;
import org.pmdl.model.papr.HcallStatus;
import org.pmdl.model.papr.HcallTrace;
import org.pmdl.model.papr.PaprRules;
import org.pmdl.model.papr.PaprScm;
import org.pmdl.model.papr.PaprScmRelease;
import org.pmdl.model.papr.PowerVm;
import org.pmdl.model.papr.QemuSpapr;
import org.pmdl.model.papr.ScmDrc;
import org.pmdl.model.papr.SpaprHypervisor;
import org.pmdl.model.papr.SpaprHypervisor.Restart;
import org.pmdl.model.rules.Rule;
import org.pmdl.model.scenario.Action;
import org.pmdl.model.topology.Hypervisor;
import org.pmdl.model.topology.LmbRangeSpec;
import org.pmdl.model.topology.LparSpec;
import org.pmdl.model.topology.PlatformSpec;
import org.pmdl.model.topology.ScmSpec;

/**
 * A pseries partition: the hypervisor (which outlives every guest kernel), and what the booted kernel built on
 * it: papr_scm devices, drmem_info, online CPUs. The engine drives it alongside libnvdimm's bus.
 */
public final class Pseries {
    /** Where the model places SCM DRCs: from 256 GiB (seed-rules-D scenario 22 binds at 0x4000000000) or above the LPAR's memory. */
    static final long SCM_PLACEMENT_FLOOR = 0x4000000000L;

    /** The indicators an {@code rtas set-indicator} step can name. */
    public static final List<String> RTAS_INDICATORS = Rtas.INDICATORS;

    /** What {@code expect lmb N ATTR} can read. */
    public static final List<String> LMB_ATTRIBUTES = List.of("aa_index", "dt_aa_index", "flags", "dt_flags",
            "drc_index", "base_addr", "nid", "assigned");

    /** What a pseries step produced. */
    public record Outcome(boolean ok, String errno, Map<String, Object> values, Rule decisive) {
    }

    private final PlatformSpec platform;
    private final SpaprHypervisor hypervisor;
    private final Dmesg dmesg;
    private final LparSpec lpar;
    /** The hypervisor's LMBs: assignment and associativity as it reports them. */
    private final LmbTable hvLmbs;
    private final Cores cores;
    /** The DRCs' states: the hypervisor's, so they outlive guest kernels until the machine resets. */
    private final Rtas rtas;
    private final Map<String, PaprScm> drivers = new LinkedHashMap<>();
    private PaprScmRelease paprRelease;
    private PseriesRelease release;
    /** The kernel's drmem_info, the nid of each LMB, and the property now in the device tree. */
    private LmbTable drmem;
    private int[] nid;
    /** Per LMB: its memory block is offline; it holds unmovable pages (`pin memory`). */
    private boolean[] blockOffline;
    private boolean[] pinned;
    /** QEMU's pc-dimms by the DRC index of each of their LMBs: the device id QEMU names in its rollback. */
    private final Map<Long, String> lmbDevices = new LinkedHashMap<>();
    private int pcDimms;
    private final boolean[] bootMemory;
    private byte[] dtProperty;
    private LmbTable dtDecoded;
    private boolean up;

    private Pseries(PlatformSpec platform, Dmesg dmesg) {
        this.platform = platform;
        this.dmesg = dmesg;
        HcallTrace trace = new HcallTrace();
        this.hypervisor = platform.hypervisor() == Hypervisor.QEMU ? new QemuSpapr(trace) : new PowerVm(trace);
        this.lpar = platform.lpar();
        this.hvLmbs = lpar == null ? null : LmbTable.declared(lpar);
        this.bootMemory = new boolean[hvLmbs == null ? 0 : hvLmbs.size()];
        for (int i = 0; i < bootMemory.length; i++) {
            bootMemory[i] = hvLmbs.assigned(i); // what the partition boots with: QEMU's -m
        }
        this.cores = lpar == null ? null : new Cores(lpar.cpus(), lpar.maxCpus());
        this.rtas = lpar == null ? null : new Rtas(this);
        long next = Math.max(SCM_PLACEMENT_FLOOR, hvLmbs == null || hvLmbs.size() == 0 ? 0
                : hvLmbs.base[hvLmbs.size() - 1] + lpar.lmbSize());
        for (ScmSpec scm : platform.scms()) {
            next = (next + scm.blockSize() - 1) / scm.blockSize() * scm.blockSize();
            hypervisor.attach(scm, next);
            next += scm.size();
        }
    }

    /** A partition for a platform with a hypervisor, SCM DRCs or an LPAR; empty for any other platform. */
    public static Optional<Pseries> of(PlatformSpec platform, Dmesg dmesg) {
        boolean pseries = platform.hypervisor() != Hypervisor.NONE || platform.lpar() != null
                || (platform.scms() != null && !platform.scms().isEmpty());
        return pseries ? Optional.of(new Pseries(platform, dmesg)) : Optional.empty();
    }

    public List<String> drainHcalls() {
        return hypervisor.trace().drain();
    }

    // ---- the guest's lifecycle ----

    /** The guest kernel goes away (panic, power-fail): the hypervisor keeps what its profile keeps. */
    public void down(Restart kind) {
        restart(kind);
        drivers.clear();
        up = false;
    }

    /**
     * A kernel boots: after a kexec or reboot the hypervisor first sees the restart; then papr_scm probes every
     * SCM DRC and drmem_info is read from the device tree the hypervisor publishes.
     */
    public void boot(Restart restart, KernelProfile kernel, NvdimmBus bus) {
        if (restart != null) {
            restart(restart);
        }
        paprRelease = PaprScmRelease.of(kernel);
        release = PseriesRelease.of(kernel);
        drivers.clear();
        for (ScmSpec scm : platform.scms()) {
            PaprScm driver = new PaprScm(scm, hypervisor, paprRelease, dmesg);
            driver.probe(bus);
            drivers.put(scm.name(), driver);
        }
        if (hvLmbs != null) {
            setDtProperty(publish(isQemu() ? hvLmbs.asQemuPublishes(bootMemory) : hvLmbs));
            drmem = dtTable();
            nid = new int[drmem.size()];
            blockOffline = new boolean[drmem.size()];
            pinned = new boolean[drmem.size()];
            for (int i = 0; i < nid.length; i++) {
                nid[i] = drmem.assigned(i) && drmem.aa[i] != LmbTable.INVALID_AA ? drmem.aa[i] : -1;
            }
            cores.boot();
        }
        up = true;
    }

    /**
     * The hypervisor sees the guest restart. A reboot or power loss resets the machine: QEMU completes pending
     * unplugs and every DRC returns to its device's state (spapr_drc_reset).
     */
    private void restart(Restart kind) {
        hypervisor.restart(kind);
        if (rtas != null && (kind == Restart.REBOOT || kind == Restart.POWER_FAIL)) {
            if (isQemu()) {
                for (int core = 0; core < cores.max; core++) {
                    if (cores.unplugPending[core]) {
                        cores.unplugPending[core] = false;
                        release(Cores.drcIndex(core));
                    }
                }
            }
            rtas.reset();
        }
    }

    boolean isQemu() {
        return hypervisor instanceof QemuSpapr;
    }

    /** The hypervisor completes an unplug: the core or the LMB leaves the partition. */
    void release(long drc) {
        long core = drc - Cores.CPU_DRC_BASE;
        if (core >= 0 && core < cores.max) {
            cores.present[(int) core] = false;
            cores.online[(int) core] = false;
            cores.deviceId[(int) core] = null;
        } else {
            int i = hvLmbs.indexOfDrc((int) drc);
            hvLmbs.flags[i] &= ~LmbTable.DRCONF_MEM_ASSIGNED;
        }
    }

    private byte[] publish(LmbTable t) {
        return lpar.dynamicMemoryV1() ? t.encodeV1() : t.encodeV2();
    }

    private void setDtProperty(byte[] property) {
        dtProperty = property;
        dtDecoded = null;
    }

    private LmbTable dtTable() {
        if (dtDecoded == null) {
            dtDecoded = lpar.dynamicMemoryV1() ? LmbTable.decodeV1(dtProperty, lpar.lmbSize())
                    : LmbTable.decodeV2(dtProperty, lpar.lmbSize());
        }
        return dtDecoded;
    }

    private String propertyName() {
        return lpar.dynamicMemoryV1() ? "ibm,dynamic-memory" : "ibm,dynamic-memory-v2";
    }

    // ---- what a user reads ----

    /** The SCM DRC's binding as the kernel and the hypervisor see it; empty for a name that is no SCM. */
    public Optional<Map<String, Object>> scmValues(String name) {
        return platform.scms().stream().filter(s -> s.name().equals(name)).findFirst().map(spec -> {
            PaprScm driver = drivers.get(name);
            Map<String, Object> v = new LinkedHashMap<>();
            ScmDrc drc = hypervisor.scm(spec.drcIndex()).orElseThrow();
            if (driver != null) {
                v.putAll(driver.values());
                v.put("bound", driver.bound() && drc.fullyBound());
            } else {
                v.put("drc_index", spec.drcIndex());
                v.put("bound", false);
            }
            v.put("hypervisor_bound", drc.fullyBound());
            v.put("hypervisor", hypervisor.keyword());
            return v;
        });
    }

    /** The nvdimm (nmemN) papr_scm registered for the named SCM in this boot; empty for a name that is no SCM. */
    public Optional<String> scmDimm(String name) {
        return Optional.ofNullable(drivers.get(name)).flatMap(PaprScm::dimm);
    }

    public boolean bound(String name) {
        return scmValues(name).map(v -> Boolean.TRUE.equals(v.get("bound"))).orElse(false);
    }

    /** The partition as a whole: LMBs, the device-tree property, cores. */
    public Optional<Map<String, Object>> lparValues() {
        if (lpar == null) {
            return Optional.empty();
        }
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("lmb_size", lpar.lmbSize());
        v.put("lmbs", (long) hvLmbs.size());
        if (up) {
            long assigned = 0;
            for (int i = 0; i < drmem.size(); i++) {
                assigned += drmem.assigned(i) ? 1 : 0;
            }
            v.put("assigned_lmbs", assigned);
            v.put("property", propertyName());
            v.put("property_bytes", (long) dtProperty.length);
            if (!lpar.dynamicMemoryV1()) {
                v.put("property_sets", (long) java.nio.ByteBuffer.wrap(dtProperty).getInt());
            }
            v.put("cpus_online", cores.list(cores.online));
        }
        v.put("cores_present", cores.list(cores.present));
        v.put("unplug_pending", cores.list(cores.unplugPending));
        return Optional.of(v);
    }

    /** Everything readable, by name: each SCM DRC and "lpar". */
    public Map<String, Map<String, Object>> state() {
        Map<String, Map<String, Object>> s = new LinkedHashMap<>();
        platform.scms().forEach(scm -> s.put(scm.name(), scmValues(scm.name()).orElseThrow()));
        lparValues().ifPresent(v -> s.put("lpar", v));
        return s;
    }

    /** {@code lmb N attr}: drmem_info's view (aa_index, flags, nid, ...) or the device tree's (dt_aa_index, dt_flags). */
    public Optional<Object> lmbAttribute(long index, String attribute) {
        if (!up || drmem == null) {
            return Optional.empty();
        }
        int i = -1;
        for (int k = 0; k < hvLmbs.size(); k++) {
            if (hvLmbs.base[k] == index * lpar.lmbSize()) {
                i = k;
                break;
            }
        }
        if (i < 0) {
            return Optional.empty();
        }
        return Optional.ofNullable(switch (attribute) {
            case "aa_index" -> Integer.toUnsignedLong(drmem.aa[i]);
            case "dt_aa_index" -> Integer.toUnsignedLong(dtTable().aa[i]);
            case "flags" -> (long) drmem.flags[i];
            case "dt_flags" -> (long) dtTable().flags[i];
            case "drc_index" -> Integer.toUnsignedLong(drmem.drc[i]);
            case "base_addr" -> drmem.base[i];
            case "nid" -> (long) nid[i];
            case "assigned" -> drmem.assigned(i);
            default -> null;
        });
    }

    // ---- steps ----

    private Outcome refused(String errno, Rule rule) {
        return new Outcome(false, errno, Map.of(), rule);
    }

    /**
     * {@code hcall NAME [SCM] ARGS}: the arguments not written take papr_scm's values. The status is the value
     * {@code rc}; {@code expect hcall NAME returns STATUS} checks it.
     */
    public Outcome hcall(Action.Hcall a) {
        Hcall hcall = Hcall.byName(a.hcall()).orElseThrow();
        Optional<ScmSpec> scm = platform.scms().stream().filter(s -> s.name().equals(a.target())).findFirst();
        long[] defaults = defaults(hcall, scm.orElse(null));
        // the DRC index (and for H_SCM_UNBIND_ALL the scope) come from the SCM; written arguments follow
        int offset = scm.isEmpty() ? 0 : hcall == Hcall.H_SCM_UNBIND_ALL ? 2 : 1;
        long[] args = java.util.Arrays.copyOf(defaults, Math.max(defaults.length, offset + a.args().size()));
        for (int i = 0; i < a.args().size(); i++) {
            args[offset + i] = a.args().get(i);
        }
        dmesg.applied(PaprRules.HCALL);
        HcallResult r = hypervisor.call(hcall, args);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("hcall", hcall.name());
        v.put("rc", HcallStatus.name(r.rc()));
        for (int i = 0; i < r.out().length; i++) {
            v.put("R" + (4 + i), r.out()[i]);
        }
        scm.flatMap(s -> scmValues(s.name())).ifPresent(v::putAll);
        // the guest can always make the call: its status is a value (rc), not an errno (language.md §5)
        return new Outcome(true, null, v, PaprRules.HCALL);
    }

    /** {@code ioctl SCM COMMAND ARGS}: the ioctl's rc is the step's outcome; cmd_rc is a value like any other. */
    public Outcome ioctl(Action.Ioctl a) {
        PaprScm driver = drivers.get(a.target());
        if (driver == null || !driver.bound()) {
            return refused("ENXIO", PaprRules.NDCTL_RC); // no DIMM: papr_scm did not probe
        }
        Map<String, Object> v = driver.ioctl(a.command(), a.args());
        Object rc = v.get("rc");
        return rc instanceof String errno ? new Outcome(false, errno.substring(1), v, PaprRules.NDCTL_RC)
                : new Outcome(true, null, v, PaprRules.NDCTL_RC);
    }

    /** papr_scm's arguments for each hcall; UNBIND_ALL's scope is DRC with an SCM, ALL without. */
    private long[] defaults(Hcall hcall, ScmSpec scm) {
        long drc = scm == null ? 0 : scm.drcIndex();
        long blocks = scm == null ? 0 : scm.blocks();
        long addr = scm == null ? 0 : hypervisor.scm(drc).map(d -> d.boundAddr()).orElse(0L);
        return switch (hcall) {
            case H_SCM_READ_METADATA -> new long[] {drc, 0, 8};
            case H_SCM_WRITE_METADATA -> new long[] {drc, 0, 0, 8};
            case H_SCM_BIND_MEM -> new long[] {drc, 0, blocks, Hcall.BIND_ANY_ADDR, 0};
            case H_SCM_UNBIND_MEM -> new long[] {drc, addr, blocks, 0};
            case H_SCM_QUERY_BLOCK_MEM_BINDING -> new long[] {drc, 0};
            case H_SCM_QUERY_LOGICAL_MEM_BINDING -> new long[] {};
            case H_SCM_UNBIND_ALL -> scm == null ? new long[] {Hcall.H_UNBIND_SCOPE_ALL, 0, 0}
                    : new long[] {Hcall.H_UNBIND_SCOPE_DRC, drc, 0};
            case H_SCM_HEALTH -> new long[] {drc};
            case H_SCM_PERFORMANCE_STATS -> new long[] {drc, 0, 0};
            case H_SCM_FLUSH -> new long[] {drc, 0};
        };
    }

    /** DLPAR and CPU steps need the lpar block. */
    public boolean hasLpar() {
        return lpar != null;
    }

    public Outcome dlpar(Action.Dlpar a) {
        Dlpar dlpar = new Dlpar(this);
        return a.resource() == Action.DlparResource.CPU
                ? (a.add() ? dlpar.addCpu(a.core().intValue()) : dlpar.removeCpu(a.core().intValue()))
                : (a.add() ? dlpar.addMemory(a.count(), a.drcIndex()) : dlpar.removeMemory(a.count(), a.drcIndex()));
    }

    /** {@code rtas set-indicator NAME DRC VALUE}, {@code rtas get-sensor-state DRC}: the status is the value rc. */
    public Outcome rtas(Action.Rtas a) {
        Map<String, Object> v = new LinkedHashMap<>();
        long rc = a.indicator() == null ? rtas.senseState(a.drc())
                : rtas.setIndicator(Rtas.indicatorToken(a.indicator()), a.drc(), (int) a.value());
        v.put(a.indicator() == null ? "sensor" : "rc", rc);
        if (rtas.exists(a.drc())) {
            v.put("drc_state", rtas.state(a.drc()).name().toLowerCase(java.util.Locale.ROOT));
            v.put("unplug_pending", rtas.unplugRequested(a.drc()));
        }
        return new Outcome(true, null, v, PseriesRules.DRC_STATES);
    }

    public Outcome cpuOnline(Action.CpuOnline a) {
        return new Dlpar(this).setOnline(a.cpu(), a.online());
    }

    /** {@code offline memory N}: an LMB is one memory block (block_size_bytes is the LMB size on pseries). */
    public Outcome offlineMemory(long block) {
        return new Dlpar(this).offlineBlock(block);
    }

    /** {@code pin memory}: every online LMB now holds unmovable pages. */
    public Outcome pinMemory() {
        return new Dlpar(this).pin();
    }

    /**
     * LPM: on the destination the hypervisor reports new associativity for the given LMBs and updates the
     * property (OF_RECONFIG_UPDATE_PROPERTY on /ibm,dynamic-reconfiguration-memory).
     */
    public Outcome migrate(Action.Migrate a) {
        for (LmbRangeSpec change : a.changes()) {
            for (int i = 0; i < hvLmbs.size(); i++) {
                long lmb = hvLmbs.base[i] / lpar.lmbSize();
                if (lmb >= change.first() && lmb <= change.last()) {
                    hvLmbs.aa[i] = change.node();
                }
            }
        }
        byte[] property = publish(hvLmbs);
        setDtProperty(property);
        propertyUpdated(property);
        return new Outcome(true, null, lparValues().orElseThrow(), release.drmemUpdateAfterLpm()
                ? PseriesRules.DRMEM_LPM_UPDATE : PseriesRules.DRMEM_STALE_WRITEBACK);
    }

    /**
     * pseries_memory_notifier(OF_RECONFIG_UPDATE_PROPERTY): with the fix, drmem_update_lmbs() copies aa_index
     * of every LMB in the new property to the first drmem_info LMB with the same drc-index.
     */
    void propertyUpdated(byte[] property) {
        if (!release.drmemUpdateAfterLpm()) {
            return;
        }
        dmesg.applied(PseriesRules.DRMEM_LPM_UPDATE);
        LmbTable updated = lpar.dynamicMemoryV1() ? LmbTable.decodeV1(property, lpar.lmbSize())
                : LmbTable.decodeV2(property, lpar.lmbSize());
        for (int k = 0; k < updated.size(); k++) {
            int i = drmem.indexOfDrc(updated.drc[k]);
            if (i >= 0) {
                drmem.aa[i] = updated.aa[k];
            }
        }
    }

    /** drmem_update_dt(): the kernel rewrites the property from drmem_info, then the notifier sees it. */
    void drmemUpdateDt() {
        dmesg.applied(PseriesRules.DRMEM_STALE_WRITEBACK);
        byte[] property = publish(drmem);
        setDtProperty(property);
        propertyUpdated(property);
    }

    // ---- accessors for Dlpar ----

    SpaprHypervisor hypervisor() {
        return hypervisor;
    }

    Dmesg dmesg() {
        return dmesg;
    }

    PseriesRelease release() {
        return release;
    }

    Cores cores() {
        return cores;
    }

    Rtas rtas() {
        return rtas;
    }

    boolean[] blockOffline() {
        return blockOffline;
    }

    boolean[] pinned() {
        return pinned;
    }

    Map<Long, String> lmbDevices() {
        return lmbDevices;
    }

    /** The id of the next pc-dimm QEMU plugs: dimm0, dimm1, ... as `pmdl diff` names them in device_add. */
    String nextPcDimm() {
        return "dimm" + pcDimms++;
    }

    LmbTable hvLmbs() {
        return hvLmbs;
    }

    LmbTable drmem() {
        return drmem;
    }

    int[] nid() {
        return nid;
    }

    String cpuNodeName() {
        return switch (platform.cpu()) {
            case POWER8 -> "PowerPC,POWER8";
            case POWER10 -> "PowerPC,POWER10";
            default -> "PowerPC,POWER9"; // QEMU's pseries default CPU since 4.x
        };
    }

}
