package org.pmdl.model.pseries;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pmdl.model.kernel.KernelProfile;
import org.pmdl.model.libnvdimm.Dmesg;
import org.pmdl.model.libnvdimm.NvdimmBus;
import org.pmdl.model.papr.HcallTrace;
import org.pmdl.model.papr.PaprScmRelease;
import org.pmdl.model.papr.PowerVm;
import org.pmdl.model.papr.QemuSpapr;
import org.pmdl.model.papr.SpaprHypervisor;
import org.pmdl.model.papr.SpaprHypervisor.Restart;
import org.pmdl.model.rules.Rule;
import org.pmdl.model.scenario.Action;
import org.pmdl.model.topology.Hypervisor;
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

    private final PlatformSpec platform;
    private final SpaprHypervisor hypervisor;
    private final Dmesg dmesg;
    private final LparSpec lpar;
    /** The partition's LMBs and the kernel's drmem_info; null without an lpar block. */
    private final Drmem memory;
    private final Cores cores;
    /** The DRCs' states: the hypervisor's, so they outlive guest kernels until the machine resets. */
    private final Rtas rtas;
    private final Dlpar dlpar;
    private final ScmDevices scms;
    private PseriesRelease release;
    private boolean up;

    private Pseries(PlatformSpec platform, Dmesg dmesg) {
        this.platform = platform;
        this.dmesg = dmesg;
        HcallTrace trace = new HcallTrace();
        this.hypervisor = platform.hypervisor() == Hypervisor.QEMU ? new QemuSpapr(trace) : new PowerVm(trace);
        this.lpar = platform.lpar();
        this.memory = lpar == null ? null : new Drmem(lpar, dmesg);
        this.cores = lpar == null ? null : new Cores(lpar.cpus(), lpar.maxCpus());
        this.rtas = lpar == null ? null : new Rtas(trace, dmesg, cores, memory, isQemu());
        this.dlpar = lpar == null ? null : new Dlpar(dmesg, cores, rtas, memory, cpuNodeName(), this);
        this.scms = new ScmDevices(platform.scms(), hypervisor, dmesg);
        long next = Math.max(SCM_PLACEMENT_FLOOR, memory == null ? 0 : memory.end());
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
        scms.clear();
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
        release = PseriesRelease.of(kernel);
        scms.probe(PaprScmRelease.of(kernel), bus);
        if (memory != null) {
            memory.boot(isQemu(), release);
            cores.boot();
            dlpar.boot(release);
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
                        rtas.release(Cores.drcIndex(core));
                    }
                }
            }
            rtas.reset();
        }
    }

    private boolean isQemu() {
        return hypervisor instanceof QemuSpapr;
    }

    // ---- what a user reads ----

    /** The SCM DRC's binding as the kernel and the hypervisor see it; empty for a name that is no SCM. */
    public Optional<Map<String, Object>> scmValues(String name) {
        return scms.values(name);
    }

    /** The nvdimm (nmemN) papr_scm registered for the named SCM in this boot; empty for a name that is no SCM. */
    public Optional<String> scmDimm(String name) {
        return scms.dimm(name);
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
        v.put("lmbs", (long) memory.hvLmbs().size());
        if (up) {
            memory.putValues(v);
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
        return !up || memory == null ? Optional.empty() : memory.lmbAttribute(index, attribute);
    }

    // ---- steps ----

    /** {@code hcall NAME [SCM] ARGS}: see {@link ScmDevices#hcall}. */
    public PseriesOutcome hcall(Action.Hcall a) {
        return scms.hcall(a);
    }

    /** {@code ioctl SCM COMMAND ARGS}: see {@link ScmDevices#ioctl}. */
    public PseriesOutcome ioctl(Action.Ioctl a) {
        return scms.ioctl(a);
    }

    /** DLPAR and CPU steps need the lpar block. */
    public boolean hasLpar() {
        return lpar != null;
    }

    public PseriesOutcome dlpar(Action.Dlpar a) {
        return a.resource() == Action.DlparResource.CPU
                ? (a.add() ? dlpar.addCpu(a.core().intValue()) : dlpar.removeCpu(a.core().intValue()))
                : dlpar.changeMemory(a.add(), a.count(), a.drcIndex());
    }

    /** {@code rtas set-indicator NAME DRC VALUE}, {@code rtas get-sensor-state DRC}: the status is the value rc. */
    public PseriesOutcome rtas(Action.Rtas a) {
        Map<String, Object> v = new LinkedHashMap<>();
        long rc = a.indicator() == null ? rtas.senseState(a.drc())
                : rtas.setIndicator(Rtas.indicatorToken(a.indicator()), a.drc(), (int) a.value());
        v.put(a.indicator() == null ? "sensor" : "rc", rc);
        if (rtas.exists(a.drc())) {
            v.put("drc_state", rtas.state(a.drc()).name().toLowerCase(java.util.Locale.ROOT));
            v.put("unplug_pending", rtas.unplugRequested(a.drc()));
        }
        return new PseriesOutcome(true, null, v, PseriesRules.DRC_STATES);
    }

    public PseriesOutcome cpuOnline(Action.CpuOnline a) {
        return dlpar.setOnline(a.cpu(), a.online());
    }

    /** {@code offline memory N}: an LMB is one memory block (block_size_bytes is the LMB size on pseries). */
    public PseriesOutcome offlineMemory(long block) {
        return dlpar.offlineBlock(block);
    }

    /** {@code pin memory}: every online LMB now holds unmovable pages. */
    public PseriesOutcome pinMemory() {
        return dlpar.pin();
    }

    /** LPM: the destination's associativity for the given LMBs (see {@link Drmem#migrate}). */
    public PseriesOutcome migrate(Action.Migrate a) {
        Rule decisive = memory.migrate(a.changes());
        return new PseriesOutcome(true, null, lparValues().orElseThrow(), decisive);
    }

    /** The CPU node's name in the guest's messages: QEMU's -cpu, as the device tree names it. */
    private String cpuNodeName() {
        return switch (platform.cpu()) {
            case POWER8 -> "PowerPC,POWER8";
            case POWER10 -> "PowerPC,POWER10";
            default -> "PowerPC,POWER9"; // QEMU's pseries default CPU since 4.x
        };
    }
}
