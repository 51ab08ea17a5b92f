package org.pmdl.model.engine;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pmdl.model.libnvdimm.Dmesg;
import org.pmdl.model.libnvdimm.Namespace;
import org.pmdl.model.libnvdimm.NdException;
import org.pmdl.model.libnvdimm.Nvdimm;
import org.pmdl.model.libnvdimm.NvdimmBus;
import org.pmdl.model.libnvdimm.Region;
import org.pmdl.model.ndctl.CheckNamespace;
import org.pmdl.model.ndctl.LabelTools;
import org.pmdl.model.ndctl.MediaErrors;
import org.pmdl.model.ndctl.Ndctl;
import org.pmdl.model.rules.Finding;
import org.pmdl.model.rules.Unresolved;
import org.pmdl.model.scenario.Action;
import org.pmdl.model.scenario.ScenarioStep;

/** ndctl and libnvdimm's sysfs: each step on its DIMM, region or namespace of the booted bus. */
final class LibnvdimmSteps extends StepHandler<Action.Libnvdimm> {

    LibnvdimmSteps(Machine machine) {
        super(machine);
    }

    @Override
    void perform(Action.Libnvdimm action, ScenarioStep step, StepOutcome out) {
        NvdimmBus bus = machine.bus; // read when the step runs: null while the machine is down
        if (action instanceof Action.InitLabels a) {
            onDimm(machine.dimmName(a.nvdimm()), step, out, d -> {
                new LabelTools(bus).initLabels(d, a);
                return bus.values(d);
            });
        } else if (action instanceof Action.ZeroLabels a) {
            onDimm(machine.dimmName(a.nvdimm()), step, out, d -> {
                new LabelTools(bus).zeroLabels(d, a);
                return bus.values(d);
            });
        } else if (action instanceof Action.ReadLabels a) {
            onDimm(machine.dimmName(a.nvdimm()), step, out, d -> new LabelTools(bus).readLabels(d));
        } else if (action instanceof Action.CheckLabels a) {
            onDimm(machine.dimmName(a.nvdimm()), step, out, d -> {
                new LabelTools(bus).checkLabels(d);
                return bus.values(d);
            });
        } else if (action instanceof Action.CheckNamespace a) {
            onNamespace(a.namespace(), step, out, ns -> {
                new CheckNamespace(bus).check(ns, a);
                return bus.values(ns);
            });
        } else if (action instanceof Action.InjectError a) {
            onNamespace(a.namespace(), step, out, ns -> {
                new MediaErrors(bus, ndctl()).injectError(ns, a);
                return bus.values(ns);
            });
        } else if (action instanceof Action.ClearErrors a) {
            onNamespace(a.namespace(), step, out, ns -> {
                new MediaErrors(bus, ndctl()).clearErrors(ns, a);
                return bus.values(ns);
            });
        } else if (action instanceof Action.StartScrub || action instanceof Action.WaitScrub) {
            if (machine.up(step, out)) {
                on(Optional.of(bus), "ndbus0", "bus", step, out, b -> {
                    MediaErrors ndctl = new MediaErrors(b, ndctl());
                    if (action instanceof Action.StartScrub) {
                        ndctl.startScrub();
                    } else {
                        ndctl.waitScrub();
                    }
                    return Map.of();
                });
            }
        } else if (action instanceof Action.Read a) {
            onNamespace(a.namespace(), step, out, ns -> {
                Map<String, Object> values = new LinkedHashMap<>(bus.values(ns));
                values.put("read", bus.pmem().read(ns, a.location().offset())); // bytes read, 0 past the end
                return values;
            });
        } else if (action instanceof Action.SetRegionAlign a) {
            onRegion(a.region(), step, out, r -> {
                bus.alignStore(r, a.align());
                return bus.values(r);
            });
        } else if (action instanceof Action.SetRegionReadOnly a) {
            onRegion(a.region(), step, out, r -> {
                bus.readOnlyStore(r, a.value());
                return bus.values(r);
            });
        } else if (action instanceof Action.DisableRegion a) {
            onRegion(a.region(), step, out, r -> {
                Dmesg.Advisory refused = ndctl().disableRegion(r);
                if (refused != null) { // ndctl exits 0: the step is ok, the region is not disabled
                    out.findings.add(new Finding(refused.rule(), refused.message(), step.source()));
                }
                return bus.values(r);
            });
        } else if (action instanceof Action.EnableRegion a) {
            onRegion(a.region(), step, out, r -> {
                ndctl().enableRegion(r);
                return bus.values(r);
            });
        } else if (action instanceof Action.CreateNamespace a) {
            onRegion(a.region(), step, out, r -> {
                out.values = bus.values(r); // what a refused step leaves to read
                return bus.values(new Ndctl(bus).createNamespace(r, a));
            });
        } else if (action instanceof Action.Reconfigure a) {
            onNamespace(a.namespace(), step, out, ns -> bus.values(ndctl().reconfigure(ns, a)));
        } else if (action instanceof Action.DestroyNamespace a) {
            onNamespace(a.namespace(), step, out, ns -> {
                ndctl().destroy(ns);
                return bus.values(ns.region());
            });
        } else if (action instanceof Action.DisableNamespace a) {
            onNamespace(a.namespace(), step, out, ns -> {
                ndctl().disableNamespace(ns);
                return bus.values(ns);
            });
        } else if (action instanceof Action.EnableNamespace a) {
            onNamespace(a.namespace(), step, out, ns -> {
                new Ndctl(bus).enableNamespace(ns);
                return bus.values(ns);
            });
        } else if (action instanceof Action.ForceRaw a) {
            onNamespace(a.namespace(), step, out, ns -> {
                bus.namespaceDevs().forceRawStore(ns, a.on());
                return bus.values(ns);
            });
        } else if (action instanceof Action.Claim a) {
            onNamespace(a.namespace(), step, out, ns -> {
                bus.pmem().claim(ns, a);
                return bus.values(ns);
            });
        } else if (action instanceof Action.WriteInfoblock a) {
            onNamespace(a.namespace(), step, out, ns -> {
                new Ndctl(bus).writeInfoblock(ns, a);
                return bus.values(ns);
            });
        }
    }

    /** ndctl with libdaxctl's view of the booted kernel's dax devices (ndctl_namespace_disable_safe). */
    private Ndctl ndctl() {
        return new Ndctl(machine.bus, machine.hotplug::daxMemoryOnline);
    }

    /** The regions a step can change, read before it runs (a destroy takes its namespace away). */
    Collection<Region> regionsTouchedBy(Action.Libnvdimm action) {
        NvdimmBus bus = machine.bus;
        if (action instanceof Action.OnDimm a) {
            return bus.nvdimm(machine.dimmName(a.nvdimm())).map(bus::regionsOf).orElse(List.of());
        }
        Optional<Region> region = action instanceof Action.SetRegionAlign a ? bus.region(a.region())
                : action instanceof Action.SetRegionReadOnly a ? bus.region(a.region())
                : action instanceof Action.DisableRegion a ? bus.region(a.region())
                : action instanceof Action.EnableRegion a ? bus.region(a.region())
                : action instanceof Action.CreateNamespace a ? bus.region(a.region())
                : action instanceof Action.OnNamespace a ? bus.namespace(a.namespace()).map(Namespace::region)
                : Optional.empty();
        return region.map(List::of).orElse(List.of());
    }

    private interface Op<T> {
        Map<String, Object> apply(T target) throws NdException;
    }

    private <T> void on(Optional<T> target, String name, String kind, ScenarioStep step, StepOutcome out, Op<T> op) {
        if (target.isEmpty()) {
            out.fail(Unresolved.finding(kind + " " + name, "does not exist on " + machine.platform.name() + " now",
                    step.source()));
            return;
        }
        try {
            out.values = op.apply(target.get());
        } catch (NdException e) {
            out.ok = false;
            out.decisive = e.rule();
            out.arguments = e.arguments();
            out.errno = e.kernelCrashed() ? null : e.errno().name(); // a crash: its advisory is the finding
        }
    }

    private void onRegion(String name, ScenarioStep step, StepOutcome out, Op<Region> op) {
        if (machine.up(step, out)) {
            on(machine.bus.region(name), name, "region", step, out, op);
        }
    }

    private void onNamespace(String name, ScenarioStep step, StepOutcome out, Op<Namespace> op) {
        if (machine.up(step, out)) {
            on(machine.bus.namespace(name), name, "namespace", step, out, op);
        }
    }

    private void onDimm(String name, ScenarioStep step, StepOutcome out, Op<Nvdimm> op) {
        if (machine.up(step, out)) {
            on(machine.bus.nvdimm(name), name, "nvdimm", step, out, op);
        }
    }
}
