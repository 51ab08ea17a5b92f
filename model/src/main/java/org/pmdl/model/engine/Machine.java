package org.pmdl.model.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pmdl.model.hotplug.Handover;
import org.pmdl.model.hotplug.Hotplug;
import org.pmdl.model.kernel.Distro;
import org.pmdl.model.kernel.KernelProfile;
import org.pmdl.model.libnvdimm.Dmesg;
import org.pmdl.model.libnvdimm.Media;
import org.pmdl.model.libnvdimm.NvdimmBus;
import org.pmdl.model.ocxl.Ocxl;
import org.pmdl.model.papr.SpaprHypervisor.Restart;
import org.pmdl.model.persistence.PersistenceModel;
import org.pmdl.model.platform.PlatformFacts;
import org.pmdl.model.pseries.Pseries;
import org.pmdl.model.rules.Finding;
import org.pmdl.model.scenario.ScenarioStep;
import org.pmdl.model.topology.PlatformSpec;

/**
 * The machine one scenario runs on (platform, kernel, media, the booted kernel's subsystems) as the steps change
 * it: the state every step handler reads and changes, in one place.
 */
final class Machine {
    private final RunOptions options;
    /** Every platform of the file and its imports: {@code reboot into X} looks X up here. */
    final Map<String, PlatformSpec> platforms;
    final Media media = new Media();
    final Dmesg dmesg = new Dmesg();
    /** The pmem contents: stores, write-backs, fences and crashes (org.pmdl.model.persistence). */
    final PersistenceModel persistence;
    PlatformSpec platform;
    KernelProfile kernel;
    /** The distribution configuration the platform runs ({@code distro}, else the Kconfig defaults). */
    Distro distro;
    /** The booted kernel's libnvdimm; null while the machine is down. */
    NvdimmBus bus;
    /** The pseries partition (hypervisor, papr_scm, drmem, CPUs) of a pseries platform, else null. */
    Pseries pseries;
    /** The OpenCAPI cards of a powernv platform, else null. */
    Ocxl ocxl;
    /** Memory hotplug and dax kmem of the booted kernel (org.pmdl.model.hotplug); null while the machine is down. */
    Hotplug hotplug;
    /** What the last kernel hands to the next boot: plugged DIMMs, kexec's memory map. */
    Handover handover = Handover.coldBoot();
    private Map<Object, String> lastNames = Map.of();

    Machine(Map<String, PlatformSpec> platforms, RunOptions options) {
        this.platforms = platforms;
        this.options = options;
        this.persistence = new PersistenceModel(options.explorationBound());
    }

    /** The scenario's platform, or the one a {@code reboot into} names: its kernel, its own hypervisor and cards. */
    void enter(PlatformSpec next, List<Finding> findings) {
        platform = next;
        selectKernel(findings);
        pseries = Pseries.of(platform, dmesg).orElse(null);
        ocxl = Ocxl.of(platform, dmesg).orElse(null);
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
            KernelChoice.unknownKernel(name, platform.source()).ifPresent(findings::add);
        }
        kernel = profile.orElse(KernelProfile.defaultProfile());
        Optional<Distro> config = platform.distro() == null ? Optional.of(Distro.UPSTREAM)
                : Distro.lookup(platform.distro());
        if (config.isEmpty()) {
            KernelChoice.unknownDistro(platform.distro(), platform.source()).ifPresent(findings::add);
        }
        distro = config.orElse(Distro.UPSTREAM);
    }

    /** Boots the platform on the media; namespaces found where named ones were keep the scenario's names. */
    void boot(Restart restart) {
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
        persistence.boot(platform.name(), platform.arch(), platform.cpu(), platform.mapSyncDisabled());
    }

    /** Takes the machine down (panic, power-fail), remembering the scenario's namespace names. */
    void down(Restart restart) {
        lastNames = bus.userNames();
        handover = hotplug.reboot();
        bus = null;
        hotplug = null;
        if (pseries != null) {
            pseries.down(restart);
        }
    }

    /** Whether the machine is up; a step on a machine that is down gets MACHINE-DOWN. */
    boolean up(ScenarioStep step, StepOutcome out) {
        if (bus == null) {
            out.fail(EngineRules.MACHINE_DOWN, EngineRules.MACHINE_DOWN.message(step.action().op()), step.source());
        }
        return bus != null;
    }

    /** An SCM is a DIMM too: papr_scm registers an nvdimm for it (nmemN), which ndctl addresses. */
    String dimmName(String name) {
        return pseries == null ? name : pseries.scmDimm(name).orElse(name);
    }

    /** The attributes a user can read on the named object now: namespace, region or nvdimm. */
    Optional<Map<String, Object>> readable(String name) {
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
    static Map<String, Object> merged(Map<String, Object> a, Map<String, Object> b) {
        Map<String, Object> m = new LinkedHashMap<>(a);
        m.putAll(b);
        return m;
    }
}
