package org.pmdl.model.pseries;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pmdl.model.libnvdimm.Dmesg;
import org.pmdl.model.libnvdimm.NvdimmBus;
import org.pmdl.model.papr.Hcall;
import org.pmdl.model.papr.HcallResult;
import org.pmdl.model.papr.HcallStatus;
import org.pmdl.model.papr.PaprRules;
import org.pmdl.model.papr.PaprScm;
import org.pmdl.model.papr.PaprScmRelease;
import org.pmdl.model.papr.ScmDrc;
import org.pmdl.model.papr.SpaprHypervisor;
import org.pmdl.model.scenario.Action;
import org.pmdl.model.topology.ScmSpec;

/**
 * A partition's SCM DRCs: the hypervisor's binding of each, and the papr_scm device the booted kernel probed for
 * it; the hcalls and ND ioctls a scenario issues on them.
 */
final class ScmDevices {
    private final List<ScmSpec> scms;
    private final SpaprHypervisor hypervisor;
    private final Dmesg dmesg;
    private final Map<String, PaprScm> drivers = new LinkedHashMap<>();

    ScmDevices(List<ScmSpec> scms, SpaprHypervisor hypervisor, Dmesg dmesg) {
        this.scms = scms;
        this.hypervisor = hypervisor;
        this.dmesg = dmesg;
    }

    /** papr_scm probes every SCM DRC of the booted kernel. */
    void probe(PaprScmRelease release, NvdimmBus bus) {
        drivers.clear();
        for (ScmSpec scm : scms) {
            PaprScm driver = new PaprScm(scm, hypervisor, release, dmesg);
            driver.probe(bus);
            drivers.put(scm.name(), driver);
        }
    }

    /** The guest kernel went away with its drivers. */
    void clear() {
        drivers.clear();
    }

    /** The SCM DRC's binding as the kernel and the hypervisor see it; empty for a name that is no SCM. */
    Optional<Map<String, Object>> values(String name) {
        return scms.stream().filter(s -> s.name().equals(name)).findFirst().map(spec -> {
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
    Optional<String> dimm(String name) {
        return Optional.ofNullable(drivers.get(name)).flatMap(PaprScm::dimm);
    }

    /**
     * {@code hcall NAME [SCM] ARGS}: the arguments not written take papr_scm's values. The status is the value
     * {@code rc}; {@code expect hcall NAME returns STATUS} checks it.
     */
    PseriesOutcome hcall(Action.Hcall a) {
        Hcall hcall = Hcall.byName(a.hcall()).orElseThrow();
        Optional<ScmSpec> scm = scms.stream().filter(s -> s.name().equals(a.target())).findFirst();
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
        scm.flatMap(s -> values(s.name())).ifPresent(v::putAll);
        // the guest can always make the call: its status is a value (rc), not an errno (language.md §5)
        return new PseriesOutcome(true, null, v, PaprRules.HCALL);
    }

    /** {@code ioctl SCM COMMAND ARGS}: the ioctl's rc is the step's outcome; cmd_rc is a value like any other. */
    PseriesOutcome ioctl(Action.Ioctl a) {
        PaprScm.Ioctl r = PaprScm.ioctl(drivers.get(a.target()), a.command(), a.args());
        return new PseriesOutcome(r.errno() == null, r.errno(), r.values(), r.rule());
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
}
