package org.pmdl.model.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pmdl.model.hotplug.Handover;
import org.pmdl.model.hotplug.Hotplug;
import org.pmdl.model.kernel.Distro;
import org.pmdl.model.kernel.KernelProfile;
import org.pmdl.model.libnvdimm.Dmesg;
import org.pmdl.model.libnvdimm.Media;
import org.pmdl.model.libnvdimm.Namespace;
import org.pmdl.model.libnvdimm.NdException;
import org.pmdl.model.libnvdimm.Ndctl;
import org.pmdl.model.libnvdimm.Nvdimm;
import org.pmdl.model.libnvdimm.NvdimmBus;
import org.pmdl.model.libnvdimm.Region;
import org.pmdl.model.ocxl.Ocxl;
import org.pmdl.model.ocxl.OcxlStep;
import org.pmdl.model.persistence.PersistenceModel;
import org.pmdl.model.persistence.PmemRefused;
import org.pmdl.model.persistence.StepText;
import org.pmdl.model.papr.SpaprHypervisor.Restart;
import org.pmdl.model.platform.PlatformFacts;
import org.pmdl.model.pseries.Pseries;
import org.pmdl.model.pseries.PseriesRules;
import org.pmdl.model.scenario.Comparison;
import org.pmdl.model.rules.Finding;
import org.pmdl.model.rules.Rule;
import org.pmdl.model.rules.Rules;
import org.pmdl.model.rules.Severity;
import org.pmdl.model.scenario.Action;
import org.pmdl.model.scenario.Condition;
import org.pmdl.model.scenario.OutcomeExpectation;
import org.pmdl.model.scenario.ScenarioSpec;
import org.pmdl.model.scenario.ScenarioStep;
import org.pmdl.model.scenario.Value;
import org.pmdl.model.topology.PlatformSpec;

/** One run of one scenario: the machine (platform, kernel, media, booted bus) as the steps change it. */
final class ScenarioRun {
    private final Map<String, PlatformSpec> platforms;
    private final ScenarioSpec scenario;
    private final RunOptions options;
    private final Media media = new Media();
    private final Dmesg dmesg = new Dmesg();
    private final List<String> scenarioLog = new ArrayList<>();
    private final List<String> scenarioHcalls = new ArrayList<>();
    private PlatformSpec platform;
    private KernelProfile kernel;
    /** The distribution configuration the platform runs ({@code distro}, else the Kconfig defaults). */
    private Distro distro;
    /** The booted kernel's libnvdimm; null while the machine is down. */
    private NvdimmBus bus;
    /** The pseries partition (hypervisor, papr_scm, drmem, CPUs) of a pseries platform, else null. */
    private Pseries pseries;
    /** The OpenCAPI cards of a powernv platform, else null. */
    private Ocxl ocxl;
    /** Memory hotplug and dax kmem of the booted kernel (org.pmdl.model.hotplug); null while the machine is down. */
    private Hotplug hotplug;
    /** What the last kernel hands to the next boot: plugged DIMMs, kexec's memory map. */
    private Handover handover = Handover.coldBoot();
    private Map<Object, String> lastNames = Map.of();
    /** The pmem contents: stores, write-backs, fences and crashes (org.pmdl.model.persistence). */
    private final PersistenceModel persistence;

    ScenarioRun(Map<String, PlatformSpec> platforms, ScenarioSpec scenario, RunOptions options) {
        this.platforms = platforms;
        this.scenario = scenario;
        this.options = options;
        this.persistence = new PersistenceModel(options.explorationBound());
    }

    /** What one step produced, before it becomes a StepResult. */
    private static final class Outcome {
        boolean ok = true;
        String errno;
        Rule decisive;
        Map<String, Object> values = Map.of();
        ExpectationResult expectation;
        final List<Finding> findings = new ArrayList<>();
    }

    /** The namespace names each region's state last showed, to report the ones that went away. */
    private final Map<String, Set<String>> shownNamespaces = new HashMap<>();
    /** Every name the folded state holds now. */
    private final Set<String> shown = new HashSet<>();
    /** With {@link RunOptions.StepState#CHANGED}: the folded state so far, to leave out what did not change. */
    private final Map<String, Map<String, Object>> folded = new HashMap<>();

    ScenarioResult run() {
        start();
        for (ScenarioStep step : scenario.steps()) {
            advance(step);
        }
        return result();
    }

    /** The steps run so far, in order. */
    private final List<StepResult> results = new ArrayList<>();
    /** What went wrong before the first step (unknown platform, kernel or distro), reported at the first step. */
    private List<Finding> startFindings = new ArrayList<>();

    /** Enters the platform and boots it unless the first step is a boot: what happens before the first step. */
    void start() {
        platform = platforms.get(scenario.platform());
        if (platform == null) {
            startFindings.add(new Finding(Rules.NAME_UNRESOLVED, "platform " + scenario.platform()
                    + " is not declared", scenario.source()));
        } else {
            selectKernel(startFindings);
            pseries = Pseries.of(platform, dmesg).orElse(null);
            ocxl = Ocxl.of(platform, dmesg).orElse(null);
            boolean firstIsBoot = !scenario.steps().isEmpty() && scenario.steps().get(0).action() instanceof Action.Boot;
            if (!firstIsBoot) {
                try {
                    boot(null);
                } catch (RuntimeException e) {
                    startFindings.add(new Finding(EngineRules.MODEL_INTERNAL, "booting " + platform.name()
                            + ": the model failed (" + e + ")", scenario.source()));
                }
            }
        }
    }

    /** Runs the next step (the scenario's first, then any steps, in order: see {@link SteppedRun}). */
    void advance(ScenarioStep step) {
        results.add(platform == null ? unrunnable(step, startFindings) : runStep(step, startFindings));
        startFindings = new ArrayList<>();
    }

    int stepsRun() {
        return results.size();
    }

    /** The result of the steps run so far. */
    ScenarioResult result() {
        return new ScenarioResult(scenario.name(), scenario.platform(), kernel == null ? null : kernel.name(),
                distro == null ? null : distro.name(),
                status(results), List.copyOf(results));
    }

    private StepResult unrunnable(ScenarioStep step, List<Finding> findings) {
        return new StepResult(step, false, null, Map.of(), Map.of(), List.of(), null, List.of(), List.copyOf(findings));
    }

    /**
     * --kernel, else the platform's kernel, else the default profile; an unknown name falls back with a finding.
     * The same for the platform's distro, whose default is the Kconfig defaults.
     */
    private void selectKernel(List<Finding> findings) {
        String name = options.kernelOverride() != null ? options.kernelOverride() : platform.kernel();
        Optional<KernelProfile> profile = name == null ? Optional.of(KernelProfile.defaultProfile())
                : KernelProfile.lookup(name);
        if (profile.isEmpty()) {
            findings.add(new Finding(Rules.KERNEL_UNKNOWN, "kernel \"" + name + "\" is not a profile the model knows ("
                    + KernelProfile.known().stream().map(KernelProfile::name).toList() + "); using "
                    + KernelProfile.defaultProfile().name(), platform.source()));
        }
        kernel = profile.orElse(KernelProfile.defaultProfile());
        Optional<Distro> config = platform.distro() == null ? Optional.of(Distro.UPSTREAM)
                : Distro.lookup(platform.distro());
        if (config.isEmpty()) {
            findings.add(new Finding(Rules.DISTRO_UNKNOWN, "distro \"" + platform.distro() + "\" is not a "
                    + "configuration the model knows (" + Distro.known().stream().map(Distro::name).toList()
                    + "); using " + Distro.UPSTREAM.name(), platform.source()));
        }
        distro = config.orElse(Distro.UPSTREAM);
    }

    /** Boots the platform on the media; namespaces found where named ones were keep the scenario's names. */
    private void boot(Restart restart) {
        Map<Object, String> names = bus == null ? lastNames : bus.userNames();
        bus = NvdimmBus.boot(platform, PlatformFacts.of(platform, kernel), media, dmesg);
        if (pseries != null) {
            pseries.boot(restart, kernel, bus); // papr_scm regions join the bus before names are restored
        }
        if (ocxl != null) {
            ocxl.boot(); // the cards probe again by `ocxl probe` steps
        }
        bus.restoreUserNames(names);
        hotplug = new Hotplug(platform, kernel, distro, bus, dmesg, handover);
        handover = Handover.coldBoot();
        persistence.boot(platform.arch(), platform.cpu(), platform.mapSyncDisabled());
    }

    /** Takes the machine down (panic, power-fail), remembering the scenario's namespace names. */
    private void down(Restart restart) {
        lastNames = bus.userNames();
        handover = hotplug.reboot();
        bus = null;
        hotplug = null;
        if (pseries != null) {
            pseries.down(restart);
        }
    }

    private StepResult runStep(ScenarioStep step, List<Finding> carried) {
        Outcome out = new Outcome();
        out.findings.addAll(carried);
        Map<String, Map<String, Object>> state = Map.of();
        try {
            RunOptions.StepState kept = options.stepState();
            Collection<Region> touched = bus == null || kept == RunOptions.StepState.NONE ? List.of()
                    : regionsTouchedBy(step.action()); // before a destroy
            perform(step, out);
            state = switch (kept) {
                case ALL -> stateChangedBy(step, touched);
                case CHANGED -> changesOnly(stateChangedBy(step, touched));
                case NONE -> Map.of();
            };
        } catch (RuntimeException e) {
            out.ok = false;
            out.findings.add(new Finding(EngineRules.MODEL_INTERNAL, step.action().op() + ": the model failed ("
                    + e + ")", step.source()));
        }
        List<String> log = dmesg.drainLines();
        scenarioLog.addAll(log);
        List<String> hcalls = pseries == null ? List.of() : pseries.drainHcalls();
        scenarioHcalls.addAll(hcalls);
        List<Rule> applied = new ArrayList<>(dmesg.drainApplied());
        dmesg.drainAdvisories().forEach(a -> out.findings.add(new Finding(a.rule(), a.message(), step.source())));
        if (out.decisive != null) {
            applied.remove(out.decisive);
            applied.add(0, out.decisive);
        }
        if (step.action() instanceof Action.ExpectHcall e && out.ok) {
            expectHcall(e, step, out, applied);
        }
        if (step.action() instanceof Action.ExpectLog expectLog && out.ok) {
            boolean met = scenarioLog.stream().anyMatch(l -> l.contains(expectLog.text()));
            expectation(step, out, "expect log \"" + expectLog.text() + "\"", met,
                    "no log line so far contains \"" + expectLog.text() + "\"", applied);
        }
        checkOutcome(step, out, applied);
        return new StepResult(step, out.ok, out.errno, out.values, state, log, out.expectation, List.copyOf(applied),
                List.copyOf(out.findings), hcalls);
    }

    /**
     * What a step can change, after it: its region (with the region's namespaces and DIMMs), the regions of a
     * DIMM it labels, or, after a machine-level step and for the first step (which follows the implicit boot),
     * everything. A namespace shown before but gone now maps to an empty map. Storing deltas keeps a long
     * scenario linear in memory; {@link ScenarioResult#stateAfter(int)} folds them back into a full picture.
     */
    private Map<String, Map<String, Object>> stateChangedBy(ScenarioStep step, Collection<Region> touched) {
        if (bus == null) { // the machine is down: nothing is readable
            Map<String, Map<String, Object>> delta = new LinkedHashMap<>();
            shown.forEach(n -> delta.put(n, Map.of()));
            shown.clear();
            shownNamespaces.clear();
            return delta;
        }
        boolean everything = step == scenario.steps().get(0) || isMachineLevel(step.action())
                || step.action() instanceof OcxlStep; // a probe registers a region
        Collection<Region> scope = everything ? bus.regions() : touched;
        Map<String, Map<String, Object>> delta = everything ? bus.state() : bus.state(scope); // a fresh map
        for (Region r : scope) {
            Set<String> now = new HashSet<>(bus.namespaceNames(r));
            Set<String> before = shownNamespaces.put(r.name(), now);
            if (before != null) {
                before.stream().filter(n -> !now.contains(n)).forEach(n -> delta.put(n, Map.of()));
            }
        }
        if (everything || step.action() instanceof Action.Hotplug) {
            hotplug.state().forEach((name, values) -> delta.merge(name, values, ScenarioRun::merged));
        }
        if (pseries != null && (everything || isPseriesStep(step.action()))) {
            pseries.state().forEach((name, values) -> delta.merge(name, values, ScenarioRun::merged));
        }
        delta.forEach((name, values) -> {
            if (values.isEmpty()) {
                shown.remove(name);
            } else {
                shown.add(name);
            }
        });
        return delta;
    }

    /** The delta without the objects it shows as they already were: folding it gives the same state. */
    private Map<String, Map<String, Object>> changesOnly(Map<String, Map<String, Object>> delta) {
        delta.entrySet().removeIf(e -> e.getValue().isEmpty() ? !folded.containsKey(e.getKey())
                : e.getValue().equals(folded.get(e.getKey())));
        delta.forEach((name, values) -> {
            if (values.isEmpty()) {
                folded.remove(name);
            } else {
                folded.put(name, values);
            }
        });
        return delta.isEmpty() ? Map.of() : delta;
    }

    private static boolean isMachineLevel(Action action) {
        return action instanceof Action.Boot || action instanceof Action.Reboot || action instanceof Action.Kexec
                || action instanceof Action.Panic || action instanceof Action.PowerFail
                || action instanceof Action.CrashAnywhere;
    }

    private Collection<Region> regionsTouchedBy(Action action) {
        if (action instanceof Action.InitLabels a) {
            return bus.nvdimm(dimmName(a.nvdimm())).map(bus::regionsOf).orElse(List.of());
        }
        Optional<Region> region = action instanceof Action.SetRegionAlign a ? bus.region(a.region())
                : action instanceof Action.CreateNamespace a ? bus.region(a.region())
                : action instanceof Action.OnNamespace a ? bus.namespace(a.namespace()).map(Namespace::region)
                : Optional.empty(); // expectations and unmodelled steps change nothing readable
        return region.map(List::of).orElse(List.of());
    }

    private void perform(ScenarioStep step, Outcome out) {
        Action action = step.action();
        if (action instanceof Action.Boot) {
            boot(null);
        } else if (action instanceof Action.Kexec k) {
            if (hotplug != null) { // from a running kernel: what it hands over
                handover = hotplug.kexec(k.method());
                onHotplug(new Hotplug.Outcome(true, null, handover.values(), null, handover.notes()), step, out);
            }
            boot(Restart.KEXEC);
        } else if (action instanceof Action.Reboot r) {
            reboot(r, step, out);
        } else if (action instanceof Action.Panic || action instanceof Action.PowerFail
                || action instanceof Action.CrashAnywhere) {
            if (machineUp(step, out)) {
                apply(persistence.crash(action, step.source()), out);
                // media keep labels and infoblocks; the next boot step brings the machine up
                down(action instanceof Action.Panic ? Restart.PANIC : Restart.POWER_FAIL);
            }
        } else if (action instanceof Action.InitLabels a) {
            onDimm(dimmName(a.nvdimm()), step, out, d -> {
                new Ndctl(bus).initLabels(d);
                return bus.values(d);
            });
        } else if (action instanceof Action.SetRegionAlign a) {
            onRegion(a.region(), step, out, r -> {
                bus.alignStore(r, a.align());
                return bus.values(r);
            });
        } else if (action instanceof Action.CreateNamespace a) {
            onRegion(a.region(), step, out, r -> {
                out.values = bus.values(r); // what a refused step leaves to read
                return bus.values(new Ndctl(bus).createNamespace(r, a));
            });
        } else if (action instanceof Action.Reconfigure a) {
            onNamespace(a.namespace(), step, out, ns -> bus.values(new Ndctl(bus).reconfigure(ns, a)));
        } else if (action instanceof Action.DestroyNamespace a) {
            onNamespace(a.namespace(), step, out, ns -> {
                new Ndctl(bus).destroy(ns);
                return bus.values(ns.region());
            });
        } else if (action instanceof Action.DisableNamespace a) {
            onNamespace(a.namespace(), step, out, ns -> {
                new Ndctl(bus).disableNamespace(ns);
                return bus.values(ns);
            });
        } else if (action instanceof Action.EnableNamespace a) {
            onNamespace(a.namespace(), step, out, ns -> {
                new Ndctl(bus).enableNamespace(ns);
                return bus.values(ns);
            });
        } else if (action instanceof Action.Claim a) {
            onNamespace(a.namespace(), step, out, ns -> {
                bus.claim(ns, a);
                return bus.values(ns);
            });
        } else if (action instanceof Action.WriteInfoblock a) {
            onNamespace(a.namespace(), step, out, ns -> {
                new Ndctl(bus).writeInfoblock(ns, a);
                return bus.values(ns);
            });
        } else if (action instanceof Action.MemoryState m && m.state().equals("offline") && pseries != null
                && pseries.hasLpar()) {
            onPseries(step, out); // an LMB's memory block
        } else if (action instanceof Action.Hotplug h) {
            if (machineUp(step, out)) {
                onHotplug(hotplug.perform(h), step, out);
            }
        } else if (isPseriesStep(action)) {
            onPseries(step, out);
        } else if (action instanceof OcxlStep s) {
            onOcxl(s, step, out);
        } else if (action instanceof Action.Expect e) {
            expect(e, step, out);
        } else if (action instanceof Action.ExpectDurable || action instanceof Action.ExpectOrdered) {
            expectMedia(step, out);
        } else if (!(action instanceof Action.ExpectLog || action instanceof Action.ExpectHcall)) {
            // expect log / expect hcall are evaluated once this step's log and hcalls are in
            if (machineUp(step, out)) {
                try {
                    apply(persistence.perform(action, StepText.of(action), step.source(),
                            new PmemTargets(bus, platform)), out);
                } catch (PmemRefused e) {
                    refused(e, step, out);
                }
            }
        }
    }

    private static void apply(PersistenceModel.Effect effect, Outcome out) {
        out.values = effect.values();
        out.decisive = effect.rule();
        out.findings.addAll(effect.findings());
    }

    private static void refused(PmemRefused e, ScenarioStep step, Outcome out) {
        out.ok = false;
        out.errno = e.errno() == null ? null : e.errno().name();
        out.decisive = e.rule();
        if (e.errno() == null) {
            out.findings.add(new Finding(e.rule(), step.action().op() + ": " + e.getMessage(), step.source()));
        }
    }

    /** A media expectation: over every post-crash state after a crash, over what a load reads before one. */
    private void expectMedia(ScenarioStep step, Outcome out) {
        String text = StepText.of(step.action());
        // a sysfs condition in an implication is false while the machine is down: nothing is readable then
        PersistenceModel.Verdict v = persistence.expect(step.action(), text, step.source(), a -> bus != null
                && readable(a.target()).map(values -> compare(values.get(a.attribute()), a.op(), a.value())).orElse(false));
        out.values = v.values();
        if (!v.decided()) {
            out.ok = false;
            out.findings.add(v.undecided());
            return;
        }
        out.expectation = new ExpectationResult(text, v.met(), v.counterexample());
        if (!v.met()) {
            out.findings.add(new Finding(Rules.EXPECT_UNMET, text + " does not hold: " + v.prediction() + " ("
                    + v.counterexample() + ")", step.source()));
        }
    }

    private void reboot(Action.Reboot r, ScenarioStep step, Outcome out) {
        if (r.intoPlatform() != null) {
            PlatformSpec next = platforms.get(r.intoPlatform());
            if (next == null) {
                out.ok = false;
                out.findings.add(new Finding(Rules.NAME_UNRESOLVED, "platform " + r.intoPlatform()
                        + " is not declared", step.source()));
                return;
            }
            platform = next;
            selectKernel(out.findings);
            pseries = Pseries.of(platform, dmesg).orElse(null); // another machine: its own hypervisor
            ocxl = Ocxl.of(platform, dmesg).orElse(null);
            boot(null);
            return;
        }
        handover = hotplug == null ? handover : hotplug.reboot();
        boot(Restart.REBOOT);
    }

    /** A hotplug step's (or kexec's) outcome: its notes become findings on the step. */
    private static void onHotplug(Hotplug.Outcome o, ScenarioStep step, Outcome out) {
        out.ok = o.ok();
        out.errno = o.errno();
        out.values = o.values();
        out.decisive = o.decisive();
        o.notes().forEach(n -> out.findings.add(new Finding(n.rule(), n.message(), step.source())));
    }

    // ---- targets ----

    private interface Op<T> {
        Map<String, Object> apply(T target) throws NdException;
    }

    private boolean machineUp(ScenarioStep step, Outcome out) {
        if (bus == null) {
            out.ok = false;
            out.findings.add(new Finding(EngineRules.MACHINE_DOWN, step.action().op()
                    + ": the machine is down after panic/power-fail; add a boot step", step.source()));
        }
        return bus != null;
    }

    private static boolean isPseriesStep(Action action) {
        return action instanceof Action.Hcall || action instanceof Action.Ioctl || action instanceof Action.Dlpar
                || action instanceof Action.CpuOnline || action instanceof Action.Migrate || action instanceof Action.Rtas
                || action instanceof Action.PinMemory;
    }

    /** hcall, dlpar, online/offline cpu, migrate: the partition answers (packages papr and pseries). */
    private void onPseries(ScenarioStep step, Outcome out) {
        if (!machineUp(step, out)) {
            return;
        }
        Action action = step.action();
        boolean scmStep = action instanceof Action.Hcall || action instanceof Action.Ioctl;
        if (pseries == null || (!scmStep && !pseries.hasLpar())) {
            out.ok = false;
            out.findings.add(new Finding(PseriesRules.DLPAR_NO_LPAR, action.op() + " needs a pseries platform with "
                    + (scmStep ? "a hypervisor or an scm" : "an lpar block"), step.source()));
            return;
        }
        Pseries.Outcome o = action instanceof Action.Hcall a ? pseries.hcall(a)
                : action instanceof Action.Ioctl a ? pseries.ioctl(a)
                : action instanceof Action.Dlpar a ? pseries.dlpar(a)
                : action instanceof Action.CpuOnline a ? pseries.cpuOnline(a)
                : action instanceof Action.Rtas a ? pseries.rtas(a)
                : action instanceof Action.MemoryState a ? pseries.offlineMemory(a.block())
                : action instanceof Action.PinMemory ? pseries.pinMemory()
                : pseries.migrate((Action.Migrate) action);
        out.ok = o.ok();
        out.errno = o.errno();
        out.values = o.values();
        out.decisive = o.decisive();
    }

    /** ocxl steps: the card's link, OPAL and its ocxlpmem device answer (package ocxl). */
    private void onOcxl(OcxlStep action, ScenarioStep step, Outcome out) {
        if (ocxl == null) {
            out.ok = false;
            out.findings.add(new Finding(Rules.NAME_UNRESOLVED, "platform " + platform.name() + " has no ocxl card "
                    + action.card(), step.source()));
        } else if (machineUp(step, out)) {
            Ocxl.Outcome o = ocxl.perform(action, bus);
            out.ok = o.ok();
            out.errno = o.errno();
            out.values = o.values();
            out.decisive = o.decisive();
            o.warnings().forEach(w -> out.findings.add(new Finding(w.rule(), action.op() + ": " + w.message(),
                    step.source())));
            if (o.decisive() != null) {
                dmesg.applied(o.decisive());
            }
        }
    }

    private <T> void on(Optional<T> target, String name, String kind, ScenarioStep step, Outcome out, Op<T> op) {
        if (target.isEmpty()) {
            out.ok = false;
            out.findings.add(new Finding(Rules.NAME_UNRESOLVED, kind + " " + name + " does not exist on "
                    + platform.name() + " now", step.source()));
            return;
        }
        try {
            out.values = op.apply(target.get());
        } catch (NdException e) {
            out.ok = false;
            out.decisive = e.rule();
            out.errno = e.kernelCrashed() ? null : e.errno().name(); // a crash: its advisory is the finding
        }
    }

    private void onRegion(String name, ScenarioStep step, Outcome out, Op<Region> op) {
        if (machineUp(step, out)) {
            on(bus.region(name), name, "region", step, out, op);
        }
    }

    private void onNamespace(String name, ScenarioStep step, Outcome out, Op<Namespace> op) {
        if (machineUp(step, out)) {
            on(bus.namespace(name), name, "namespace", step, out, op);
        }
    }

    /** An SCM is a DIMM too: papr_scm registers an nvdimm for it (nmemN), which ndctl addresses. */
    private String dimmName(String name) {
        return pseries == null ? name : pseries.scmDimm(name).orElse(name);
    }

    private void onDimm(String name, ScenarioStep step, Outcome out, Op<Nvdimm> op) {
        if (machineUp(step, out)) {
            on(bus.nvdimm(name), name, "nvdimm", step, out, op);
        }
    }

    // ---- expectations ----

    /** The attributes a user can read on the named object now: namespace, region or nvdimm. */
    private Optional<Map<String, Object>> readable(String name) {
        Optional<Map<String, Object>> kernel = bus.namespace(name).map(bus::values)
                .or(() -> bus.region(name).map(bus::values))
                .or(() -> bus.nvdimm(name).map(bus::values));
        Optional<Map<String, Object>> partition = pseries == null ? Optional.empty()
                : pseries.scmValues(name).or(() -> "lpar".equals(name) ? pseries.lparValues() : Optional.empty());
        if (ocxl != null) { // a card and its region share a name
            partition = partition.or(() -> ocxl.values(name));
        }
        Optional<Map<String, Object>> hot = hotplug.values(name);
        if (hot.isPresent()) {
            partition = Optional.of(merged(partition.orElse(Map.of()), hot.get()));
        }
        if (partition.isEmpty()) {
            return kernel;
        }
        Map<String, Object> all = merged(kernel.orElse(Map.of()), partition.get());
        // an SCM is also the nvdimm papr_scm registers: its label area (available_slots, label_version, ...)
        if (pseries != null) {
            pseries.scmDimm(name).flatMap(bus::nvdimm).map(bus::values).ifPresent(d -> d.forEach(all::putIfAbsent));
        }
        return Optional.of(all);
    }

    /** An SCM's region and its DRC share a name: one object with both sets of attributes. */
    private static Map<String, Object> merged(Map<String, Object> a, Map<String, Object> b) {
        Map<String, Object> m = new LinkedHashMap<>(a);
        m.putAll(b);
        return m;
    }

    private void expect(Action.Expect e, ScenarioStep step, Outcome out) {
        List<Condition> conditions = e.implied() == null ? List.of(e.condition()) : List.of(e.condition(), e.implied());
        // media conditions are read after a crash without a boot (language.md §5), so they are not MACHINE-DOWN
        if (conditions.stream().anyMatch(c -> c instanceof Condition.Media)) {
            expectMedia(step, out);
            return;
        }
        if (!machineUp(step, out)) {
            return;
        }
        List<String> predictions = new ArrayList<>();
        List<Boolean> holds = new ArrayList<>();
        for (Condition c : conditions) {
            if (c instanceof Condition.Bound b) {
                boolean bound = pseries != null && pseries.bound(b.target());
                holds.add(bound == b.bound());
                predictions.add(b.target() + (bound ? " is bound" : " is not bound"));
            } else if (c instanceof Condition.Lmb l) {
                Optional<Object> actual = pseries == null ? Optional.empty() : pseries.lmbAttribute(l.index(), l.attribute());
                holds.add(actual.map(v -> compare(v, l.op(), l.value())).orElse(false));
                predictions.add("lmb " + l.index() + " " + l.attribute() + " is "
                        + actual.map(ScenarioRun::show).orElse("not readable (no such LMB or attribute)"));
            } else {
                Condition.Attribute a = (Condition.Attribute) c;
                Optional<Object> actual = readable(a.target()).map(v -> v.get(a.attribute()));
                holds.add(actual.map(v -> compare(v, a.op(), a.value())).orElse(false));
                predictions.add(a.target() + "." + a.attribute() + " is "
                        + actual.map(ScenarioRun::show).orElse("not readable (no such object or attribute)"));
            }
        }
        boolean met = holds.size() == 1 ? holds.get(0) : !holds.get(0) || holds.get(1);
        String text = StepText.of(e);
        expectation(step, out, text, met, "the model predicts " + String.join(", ", predictions), List.of());
    }

    private static boolean compare(Object actual, Comparison op, Value value) {
        return op.holds(actual, value);
    }

    private static String show(Object v) {
        return v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
    }


    /** {@code expect [no] hcall NAME [returns STATUS]} over the hcalls of the scenario so far. */
    private void expectHcall(Action.ExpectHcall e, ScenarioStep step, Outcome out, List<Rule> applied) {
        boolean seen = scenarioHcalls.stream().anyMatch(line -> line.startsWith(e.hcall() + "(")
                && (e.status() == null || e.status().equals(line.substring(line.lastIndexOf(" = ") + 3).split(" ")[0])));
        String what = e.hcall() + (e.status() == null ? "" : " returns " + e.status());
        expectation(step, out, "expect " + (e.negated() ? "no " : "") + "hcall " + what, seen != e.negated(),
                (seen ? "the scenario made " : "the scenario made no ") + what, applied);
    }

    private void expectation(ScenarioStep step, Outcome out, String text, boolean met, String prediction,
            List<Rule> applied) {
        out.expectation = new ExpectationResult(text, met, null);
        if (!met) {
            out.findings.add(new Finding(Rules.EXPECT_UNMET, text + " does not hold: " + prediction + cite(applied),
                    step.source()));
        }
    }

    /** A step's trailing expect ok / expect error, or a refusal nobody expected. */
    private void checkOutcome(ScenarioStep step, Outcome out, List<Rule> applied) {
        OutcomeExpectation expected = step.expectedOutcome();
        boolean refused = !out.ok && out.errno != null;
        if (expected == null) {
            if (refused) {
                out.findings.add(new Finding(Rules.STEP_REFUSED, step.action().op() + " is refused with "
                        + out.errno + cite(applied) + "; add `expect error " + out.errno + "` if that is intended",
                        step.source()));
            }
            return;
        }
        if (out.expectation != null || (!out.ok && out.errno == null)) {
            return; // an expect step's own condition, or a step the model could not evaluate
        }
        boolean met = expected.expectsOk() ? out.ok : refused && expected.errno().equals(out.errno);
        String predicted = out.ok ? "ok" : "error " + out.errno;
        out.expectation = new ExpectationResult(expected.text(), met, null);
        if (!met) {
            out.findings.add(new Finding(Rules.EXPECT_UNMET, expected.text() + " does not hold: the model predicts "
                    + predicted + cite(applied), step.source()));
        }
    }

    private static String cite(List<Rule> applied) {
        return applied.isEmpty() ? "" : " [" + applied.get(0).id() + ": " + applied.get(0).source() + "]";
    }

    /** error: a step could not be evaluated; fail: an expectation is unmet; else pass. */
    private static ScenarioStatus status(List<StepResult> results) {
        List<Finding> findings = results.stream().flatMap(r -> r.findings().stream()).toList();
        if (findings.stream().anyMatch(f -> f.severity() == Severity.ERROR && f.rule() != Rules.EXPECT_UNMET)) {
            return ScenarioStatus.ERROR;
        }
        boolean unmet = results.stream().anyMatch(r -> r.expectation() != null && !r.expectation().met());
        return unmet ? ScenarioStatus.FAIL : ScenarioStatus.PASS;
    }
}
