package org.pmdl.cli.kernel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pmdl.model.scenario.Action;
import org.pmdl.model.scenario.NamespaceMode;
import org.pmdl.model.scenario.ScenarioSpec;
import org.pmdl.model.scenario.ScenarioStep;
import org.pmdl.model.topology.Arch;
import org.pmdl.model.topology.NvdimmSpec;
import org.pmdl.model.topology.PlatformSpec;
import org.pmdl.model.topology.RegionSpec;
import org.pmdl.model.topology.ScmSpec;

/**
 * A scenario as the ndctl/sysfs commands a user would type, split into one stage per boot (a {@code reboot}
 * ends a stage). Each command runs through {@code pmdl_step ID} (guest-lib.sh), which prints its exit status,
 * output and new kernel log lines; after every step that can change something, {@code pmdl_state ID} prints
 * {@code ndctl list -RNi} and the namespaces' raw sizes. IDs are {@code SCENARIO:STEP} (0-based step index).
 *
 * <p>Regions are found by their SPA base, as QEMU placed them; namespaces the scenario creates are found by
 * their uuid (recorded at creation, which survives a reboot in the labels), other names are kernel names
 * ({@code namespace0.0} of a label-less region).
 */
final class GuestScript {
    /** A scenario step with no ndctl/sysfs equivalent on a QEMU guest. */
    static final class NotReproducible extends Exception {
        NotReproducible(String message) {
            super(message);
        }
    }

    /**
     * How a stage's kernel came up: a fresh QEMU boot (the first stage, a {@code reboot [into]}, a {@code boot}
     * after a {@code panic}), or {@code kexec} from the previous stage's kernel inside the same QEMU.
     */
    enum Entry { BOOT, KEXEC }

    /** The steps one kernel runs, the platform it was booted as, and how it came up. */
    record Stage(String platform, Entry entry, List<Integer> steps) {
    }

    private final ScenarioSpec scenario;
    private final Map<String, PlatformSpec> platforms;
    private final List<Stage> stages = new ArrayList<>();
    private final Set<String> created = new HashSet<>();
    /** Each namespace's mode as the steps so far left it (a read of a devdax one needs a load, not dd). */
    private final Map<String, NamespaceMode> modes = new HashMap<>();

    GuestScript(ScenarioSpec scenario, PlatformSpec platform) throws NotReproducible {
        this(scenario, platform, Map.of(platform.name(), platform));
    }

    /** {@code platforms}: every platform a {@code reboot into} may name. */
    GuestScript(ScenarioSpec scenario, PlatformSpec platform, Map<String, PlatformSpec> platforms)
            throws NotReproducible {
        this.scenario = scenario;
        this.platforms = platforms;
        String booted = platform.name();
        Entry entry = Entry.BOOT;
        List<Integer> stage = new ArrayList<>();
        boolean panicked = false;
        for (int i = 0; i < scenario.steps().size(); i++) {
            ScenarioStep step = scenario.steps().get(i);
            Action action = step.action();
            check(action, i, panicked, platforms.get(booted));
            if (i > 0 && (action instanceof Action.Reboot || action instanceof Action.Boot
                    || action instanceof Action.Kexec)) {
                stages.add(new Stage(booted, entry, stage));
                stage = new ArrayList<>();
                entry = action instanceof Action.Kexec ? Entry.KEXEC : Entry.BOOT;
                if (action instanceof Action.Reboot r && r.intoPlatform() != null) {
                    booted = r.intoPlatform();
                }
            }
            panicked = action instanceof Action.Panic;
            stage.add(i);
            if (action instanceof Action.CreateNamespace c) {
                created.add(c.name());
                modes.put(c.name(), c.mode() == null ? NamespaceMode.FSDAX : c.mode()); // ndctl's default
            } else if (action instanceof Action.Reconfigure r && r.mode() != null) {
                modes.put(r.namespace(), r.mode());
            }
        }
        if (panicked) {
            throw new NotReproducible("it ends with a panic: the guest cannot report a state after it");
        }
        stages.add(new Stage(booted, entry, stage));
    }

    private void check(Action action, int index, boolean panicked, PlatformSpec booted) throws NotReproducible {
        boolean pseries = booted != null && booted.arch() == Arch.PPC64;
        boolean supported = action instanceof Action.OnDimm || action instanceof Action.CheckNamespace
                || action instanceof Action.InjectError || action instanceof Action.ClearErrors
                || action instanceof Action.StartScrub || action instanceof Action.WaitScrub
                || action instanceof Action.Read r && modes.get(r.namespace()) != NamespaceMode.DEVDAX
                || action instanceof Action.DisableNamespace || action instanceof Action.EnableNamespace
                || action instanceof Action.ForceRaw
                || action instanceof Action.SetRegionAlign || action instanceof Action.SetRegionReadOnly
                || action instanceof Action.DisableRegion || action instanceof Action.EnableRegion
                || action instanceof Action.SetAutoOnlineBlocks
                || action instanceof Action.CreateNamespace || action instanceof Action.Reconfigure
                || action instanceof Action.DestroyNamespace || action instanceof Action.Expect
                || action instanceof Action.ExpectLog
                || action instanceof Action.ExpectHcall // the model's alone: see StepComparison
                || action instanceof Action.Reboot r && (r.intoPlatform() == null || platforms.containsKey(
                        r.intoPlatform()))
                || action instanceof Action.Boot && (index == 0 || panicked)
                || action instanceof Action.Panic
                || action instanceof Action.Kexec && pseries // the x86 guest has no kexec-tools
                || action instanceof Action.Daxctl d && onNamespace(d, booted);
        if (!supported) {
            throw new NotReproducible("step " + (index + 1) + " (" + action.op() + ") has no ndctl/sysfs"
                    + " equivalent on a QEMU guest");
        }
        if (panicked && !(action instanceof Action.Boot || action instanceof Action.Reboot)) {
            throw new NotReproducible("step " + (index + 1) + " (" + action.op() + ") follows a panic: the guest"
                    + " is down until a boot");
        }
    }

    /**
     * daxctl on a namespace's dax device: QEMU's x86 machine boots without EFI, so there is no soft-reserved
     * memory and no dynamic dax region whose devices create-device could name.
     */
    private static boolean onNamespace(Action.Daxctl d, PlatformSpec booted) {
        return booted != null && booted.hotplug().memories().stream().noneMatch(m -> m.name().equals(d.namespace()))
                && (d.command().equals("create-device") || d.device() == null);
    }

    ScenarioSpec scenario() {
        return scenario;
    }

    int stageCount() {
        return stages.size();
    }

    List<Stage> stages() {
        return stages;
    }

    /**
     * Whether this scenario, run after {@code pmdl_reset} in a boot that already ran others, starts as on a fresh
     * boot. The reset destroys namespaces and zeroes labels, but a DIMM that had labels keeps its "label" flag
     * until the next boot (nvdimm_probe sets NDD_LABELING and nothing clears it), so its region comes back
     * labelled: only a scenario that first initialises the labels of every DIMM that has a label area, or a
     * platform without label areas, sees what a fresh boot shows.
     */
    boolean startsAfterReset() {
        Set<String> labelled = new HashSet<>();
        PlatformSpec platform = platforms.get(stages.get(0).platform());
        platform.nvdimms().stream().filter(NvdimmSpec::hasLabelArea).forEach(d -> labelled.add(d.name()));
        platform.scms().forEach(s -> labelled.add(s.name())); // papr_scm: the metadata area is a label area
        for (ScenarioStep step : scenario.steps()) {
            if (labelled.isEmpty()) {
                return true;
            }
            if (!(step.action() instanceof Action.InitLabels init) || init.active()
                    || !labelled.remove(init.nvdimm())) {
                return false;
            }
        }
        return labelled.isEmpty();
    }

    /**
     * The shell text of one stage; {@code name} tells this scenario's lines from others' in a batched boot.
     * {@code uuids} are the namespaces this scenario created in earlier stages (name
     * → uuid, from their transcripts).
     */
    String stage(int index, String name, Map<String, String> uuids) {
        StringBuilder sh = new StringBuilder();
        sh.append("echo '@@pmdl scenario ").append(name).append(" stage ").append(index).append("'\n");
        uuids.forEach((ns, uuid) -> sh.append("pmdl_remember ").append(ns).append(' ').append(uuid).append('\n'));
        PlatformSpec platform = platforms.get(stages.get(index).platform());
        for (RegionSpec r : platform.regions()) {
            region(sh, r.name(), "pmdl_region_at " + QemuMachine.hex(r.spaBase()));
        }
        for (ScmSpec scm : platform.scms()) { // papr_scm names its bus after the DRC's device-tree node
            region(sh, scm.name(), "pmdl_region_of_drc " + Long.toHexString(scm.drcIndex()));
        }
        for (int i : stages.get(index).steps()) {
            String id = name + ":" + i;
            Action action = scenario.steps().get(i).action();
            if (action instanceof Action.Panic) {
                sh.append("pmdl_panic ").append(id).append('\n'); // the machine stops here: nothing follows
                continue;
            }
            String command = command(action);
            if (command == null) {
                continue; // expectations are evaluated on the host, from the states around them
            }
            sh.append("pmdl_step ").append(id).append(' ').append(command).append('\n');
            if (action instanceof Action.CreateNamespace c) {
                sh.append("pmdl_name ").append(c.name()).append('\n');
            } else if (action instanceof Action.Reconfigure r && created.contains(r.namespace())) {
                sh.append("pmdl_name ").append(r.namespace()).append('\n');
            }
            sh.append("pmdl_state ").append(id).append('\n');
        }
        if (endsInKexec(index)) { // the kexec step itself reports from the next kernel (pmdl_boot_log)
            int k = stages.get(index + 1).steps().get(0);
            sh.append("pmdl_kexec ").append(name).append(':').append(k).append(' ')
                    .append(kexecOption((Action.Kexec) scenario.steps().get(k).action())).append('\n');
        }
        return sh.toString();
    }

    private static void region(StringBuilder sh, String name, String find) {
        sh.append(var(name)).append("=$(").append(find).append(")\n");
        sh.append("echo \"@@pmdl region ").append(name).append(" $").append(var(name)).append("\"\n");
    }

    /** Whether stage {@code index} ends by kexec'ing into the next one (which then needs a kernel and initrd). */
    boolean endsInKexec(int index) {
        return index + 1 < stages.size() && stages.get(index + 1).entry() == Entry.KEXEC;
    }

    /**
     * kexec-tools' load: {@code -c} forces kexec_load, {@code -s} kexec_file_load; plain {@code -l} lets it choose.
     * ({@code -l} is needed with both: without an action kexec loads and then runs shutdown.)
     */
    private static String kexecOption(Action.Kexec k) {
        return k.method() == null ? "-l" : k.method().equals("file-load") ? "-s -l" : "-c -l";
    }

    /** The command of one step, or null for a step the host evaluates. */
    private String command(Action action) {
        if (action instanceof Action.InitLabels a) {
            return labels(a, a.active(), "init-labels" + (a.force() ? " -f" : "")
                    + (a.labelVersion() == 2 ? " -V 1.2" : ""));
        } else if (action instanceof Action.ZeroLabels a) {
            return labels(a, a.active(), "zero-labels");
        } else if (action instanceof Action.CheckLabels a) {
            return labels(a, true, "check-labels"); // chk_only: no disabled region needed
        } else if (action instanceof Action.ReadLabels a) {
            return labels(a, true, "read-labels -j"); // reading needs no disabled region
        } else if (action instanceof Action.CheckNamespace a) {
            return "ndctl check-namespace" + (a.repair() ? " -R" : "") + (a.rewriteLog() ? " -L" : "")
                    + (a.force() ? " -f" : "") + " \"$(pmdl_ns " + a.namespace() + ")\"";
        } else if (action instanceof Action.InjectError a) {
            return "ndctl inject-error \"$(pmdl_ns " + a.namespace() + ")\""
                    + (a.block() == null ? "" : " -B " + a.block()) + (a.count() == null ? "" : " -n " + a.count())
                    + (a.uninject() ? " --uninject" : "") + (a.status() ? " --status" : "")
                    + (a.saturate() ? " --saturate" : "");
        } else if (action instanceof Action.ClearErrors a) {
            return "ndctl clear-errors \"$(pmdl_ns " + a.namespace() + ")\"" + (a.scrub() ? " --scrub" : "");
        } else if (action instanceof Action.StartScrub) {
            return "ndctl start-scrub";
        } else if (action instanceof Action.WaitScrub) {
            return "ndctl wait-scrub";
        } else if (action instanceof Action.Read a) {
            return "pmdl_read " + a.namespace() + " " + a.location().offset();
        } else if (action instanceof Action.DisableNamespace a) {
            return "ndctl disable-namespace \"$(pmdl_ns " + a.namespace() + ")\"";
        } else if (action instanceof Action.EnableNamespace a) {
            return "ndctl enable-namespace \"$(pmdl_ns " + a.namespace() + ")\"";
        } else if (action instanceof Action.ForceRaw a) {
            return "pmdl_write " + (a.on() ? 1 : 0) + " \"$D/$(pmdl_ns " + a.namespace() + ")/force_raw\"";
        } else if (action instanceof Action.SetRegionAlign a) {
            return "pmdl_write " + a.align() + " \"$D/$" + var(a.region()) + "/align\"";
        } else if (action instanceof Action.SetRegionReadOnly a) {
            return "pmdl_write " + a.value() + " \"$D/$" + var(a.region()) + "/read_only\"";
        } else if (action instanceof Action.DisableRegion a) {
            return "ndctl disable-region \"$" + var(a.region()) + "\"";
        } else if (action instanceof Action.EnableRegion a) {
            return "ndctl enable-region \"$" + var(a.region()) + "\"";
        } else if (action instanceof Action.SetAutoOnlineBlocks a) {
            return "pmdl_write " + a.state() + " /sys/devices/system/memory/auto_online_blocks";
        } else if (action instanceof Action.CreateNamespace a) {
            return "ndctl create-namespace -r \"$" + var(a.region()) + "\"" + mode(a.mode())
                    + options(a.size(), a.align(), a.map(), a.sectorSize(), a.force()) + identity(a.uuid(), a.altName());
        } else if (action instanceof Action.Reconfigure a) {
            return "ndctl create-namespace -f -e \"$(pmdl_ns " + a.namespace() + ")\"" + mode(a.mode())
                    + options(null, a.align(), a.map(), a.sectorSize(), false) + identity(a.uuid(), a.altName());
        } else if (action instanceof Action.DestroyNamespace a) {
            return "ndctl destroy-namespace -f \"$(pmdl_ns " + a.namespace() + ")\"";
        } else if (action instanceof Action.Daxctl a) {
            return daxctl(a);
        } else if (action instanceof Action.Reboot || action instanceof Action.Boot
                || action instanceof Action.Kexec) {
            return "pmdl_boot_log"; // the boot happened before this stage began: what the kernel said on the way
        }
        return null;
    }

    /** A label tool on the DIMM's one region (pmdl_labels, guest-lib.sh): idle between disable- and enable-region. */
    private String labels(Action.OnDimm a, boolean active, String tool) {
        return "pmdl_labels \"$" + var(regionOf(a.nvdimm())) + "\" " + (active ? "active " : "idle ") + tool;
    }

    /** daxctl 76.1's command line for a step on a namespace's dax device (daxR.N of namespaceR.N). */
    private static String daxctl(Action.Daxctl a) {
        String dev = " \"$(pmdl_dax " + a.namespace() + ")\"";
        return switch (a.command()) {
            case "create-device" -> "daxctl create-device -r \"$(pmdl_dax_region " + a.namespace() + ")\""
                    + (a.size() == null ? "" : " -s " + a.size()) + (a.align() == null ? "" : " -a " + a.align());
            case "reconfigure-device" -> "daxctl reconfigure-device" + (a.size() != null ? " -s " + a.size()
                    : " -m " + a.mode() + (a.noOnline() ? " -N" : "") + (a.noMovable() ? " --no-movable" : "")
                    + (a.force() ? " -f" : "")) + dev;
            case "online-memory" -> "daxctl online-memory" + (a.noMovable() ? " --no-movable" : "") + dev;
            case "destroy-device" -> "daxctl destroy-device" + (a.force() ? " -f" : "") + dev;
            default -> "daxctl " + a.command() + dev; // offline-memory, enable-device, disable-device
        };
    }

    /** ndctl's -m, left out as the step leaves it out: ndctl's own default applies (fsdax, or the mode kept). */
    private static String mode(NamespaceMode mode) {
        return mode == null ? "" : " -m " + mode.keyword();
    }

    private static String options(Long size, Long align, org.pmdl.model.scenario.PfnMap map, Long sectorSize,
            boolean force) {
        StringBuilder o = new StringBuilder();
        if (size != null) {
            o.append(" -s ").append(size);
        }
        if (align != null) {
            o.append(" -a ").append(align);
        }
        if (map != null) {
            o.append(" -M ").append(map.keyword());
        }
        if (sectorSize != null) {
            o.append(" -l ").append(sectorSize);
        }
        if (force) {
            o.append(" -f");
        }
        return o.toString();
    }

    /** ndctl's -u and -n, each single-quoted for the guest's shell. */
    private static String identity(String uuid, String name) {
        return (uuid == null ? "" : " -u " + quoted(uuid)) + (name == null ? "" : " -n " + quoted(name));
    }

    private static String quoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    /**
     * The region of a DIMM: under QEMU each DIMM has exactly one (QemuMachine refuses anything else); an SCM's
     * region has the SCM's name.
     */
    private String regionOf(String nvdimm) {
        return platforms.get(stages.get(0).platform()).regions().stream().filter(r -> r.mappings().get(0).nvdimm().equals(nvdimm))
                .map(RegionSpec::name).findFirst().orElse(nvdimm);
    }

    /** A shell variable holding the kernel's name of a PMDL region. */
    private static String var(String region) {
        return "R_" + region.replaceAll("[^A-Za-z0-9_]", "_");
    }
}
