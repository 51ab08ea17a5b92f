package org.pmdl.cli.kernel;

import com.google.inject.Injector;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.pmdl.cli.PmdlFiles;
import org.pmdl.dsl.PmdlStandaloneSetup;
import org.pmdl.dsl.analysis.Diagnostic;
import org.pmdl.dsl.analysis.FileAnalysis;
import org.pmdl.dsl.analysis.PmdlAnalyzer;
import org.pmdl.dsl.compiler.PmdlCompiler;
import org.pmdl.dsl.pmdl.PmdlFile;
import org.pmdl.model.engine.Engine;
import org.pmdl.model.engine.RunOptions;
import org.pmdl.model.engine.ScenarioResult;
import org.pmdl.model.engine.StepResult;
import org.pmdl.model.rules.Rule;
import org.pmdl.model.rules.Severity;
import org.pmdl.model.scenario.ScenarioSpec;
import org.pmdl.model.topology.Arch;
import org.pmdl.model.topology.PlatformSpec;

/**
 * The real-kernel commands: {@code export qemu|script}, {@code diff} and {@code import ndctl-json|qemu}. Exit
 * status as for {@code run}: 0 success (diff: every step agrees), 1 findings (diff: a disagreement), 2 usage,
 * I/O error, or a machine QEMU cannot build.
 */
public final class KernelCommands {
    public static final String USAGE = """
                   pmdl export qemu FILE --platform NAME     the QEMU command line building NAME's NVDIMMs
                   pmdl export script FILE --scenario NAME   the scenario as an ndctl/sysfs shell script
                   pmdl diff FILE|DIR... [--scenario NAME] [--tagged] [--kernel 6.1|6.12]
                                              run scenarios on a real Linux (Debian's 6.1 or 6.12) under QEMU,
                                              report disagreements (--tagged: only files with a `// pmdl: diff`
                                              line, on the releases it lists; --kernel: only that release)
                   pmdl import ndctl-json FILE [--name N] [--spa REGION=ADDR]... [--label-area NMEM=SIZE]...
                   pmdl import qemu "ARGS" [--name N]        a .pmdl platform from a machine or a QEMU command line
            """;
    /**
     * The tag that puts a file's scenarios into CI's {@code pmdl diff --tagged}: {@code // pmdl: diff 6.1 6.12}
     * runs every scenario of the file on each release listed; a plain {@code // pmdl: diff} on the release of each
     * scenario's own kernel profile.
     */
    static final Pattern DIFF_TAG = Pattern.compile("(?m)^\\s*//\\s*pmdl:\\s*diff\\b([ \\t0-9.]*)$");
    private static final int OK = 0;
    private static final int FINDINGS = 1;
    private static final int USAGE_STATUS = 2;

    private KernelCommands() {
    }

    /** Thrown for a command line or input the commands cannot use; printed as one line, exit status 2. */
    static final class Refusal extends Exception {
        Refusal(String message) {
            super(message);
        }
    }

    public static boolean handles(String command) {
        return List.of("export", "diff", "import").contains(command);
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        try {
            Options o = new Options(args.subList(1, args.size()));
            return switch (args.get(0) + (args.get(0).equals("diff") ? "" : " " + o.word(0, "what"))) {
                case "export qemu" -> exportQemu(o, out);
                case "export script" -> exportScript(o, out);
                case "diff" -> diff(o, out, err);
                case "import ndctl-json" -> importNdctl(o, out);
                case "import qemu" -> importQemu(o, out);
                default -> throw new Refusal("unknown command '" + String.join(" ", args.subList(0,
                        Math.min(2, args.size()))) + "'");
            };
        } catch (Refusal | QemuImport.BadArgs | QemuMachine.NotExpressible | GuestScript.NotReproducible e) {
            err.println("pmdl: " + e.getMessage());
            return USAGE_STATUS;
        } catch (QemuRunner.Unavailable e) {
            err.println("pmdl diff: cannot boot a real kernel: " + e.getMessage());
            return USAGE_STATUS;
        } catch (IOException e) {
            err.println("pmdl: " + e.getMessage());
            return USAGE_STATUS;
        }
    }

    private static int exportQemu(Options o, PrintStream out) throws Refusal, QemuMachine.NotExpressible {
        Loaded file = Loaded.one(o.word(1, "FILE"));
        QemuMachine machine = QemuMachine.of(file.platform(o.required("--platform")));
        List<String> words = new ArrayList<>(List.of(machine.arch() == org.pmdl.model.topology.Arch.X86_64
                ? "qemu-system-x86_64" : "qemu-system-ppc64"));
        words.addAll(machine.args(d -> d.id() + ".img"));
        out.println("# backing files: " + String.join(", ", machine.dimms().stream().map(d -> d.id() + ".img ("
                + QemuMachine.size(d.size()) + ", e.g. truncate -s " + d.size() + ")").toList())
                + "; add your kernel, initrd and console options");
        if (!machine.kernelArgs().isEmpty()) {
            out.println("# the kernel's command line needs: " + String.join(" ", machine.kernelArgs()));
        }
        out.println(String.join(" ", words));
        return OK;
    }

    private static int exportScript(Options o, PrintStream out) throws Refusal, IOException,
            QemuMachine.NotExpressible, GuestScript.NotReproducible {
        Loaded file = Loaded.one(o.word(1, "FILE"));
        ScenarioSpec scenario = file.scenario(o.required("--scenario"));
        GuestScript script = new GuestScript(scenario, file.platform(scenario.platform()));
        out.println("#!/bin/sh");
        out.println("# pmdl export script: scenario " + scenario.name() + " of " + file.path()
                + " as ndctl/sysfs commands. Every line for the reader starts with \"@@pmdl \": step ID rc=N, its");
        out.println("# output (\"| \"), new kernel log lines (\"k \"), and the state after it (ndctl list -RNi as \"j \","
                + " raw namespace sizes). Needs root, ndctl, and the regions at the SPA bases the platform declares.");
        out.print(new String(resource("guest-lib.sh"), StandardCharsets.UTF_8));
        out.println("pmdl_save_aligns");
        for (int s = 0; s < script.stageCount(); s++) {
            if (s > 0) {
                out.println("# --- reboot here, then run the rest with the same PMDL_NAMES file (namespace uuids)");
            }
            out.print(script.stage(s, scenario.name(), Map.of()));
        }
        return OK;
    }

    private static int diff(Options o, PrintStream out, PrintStream err) throws Refusal, IOException,
            QemuRunner.Unavailable {
        String only = o.value("--scenario");
        boolean tagged = o.flag("--tagged");
        String release = o.value("--kernel");
        if (release != null && !QemuRunner.RELEASES.containsKey(release)) {
            throw new Refusal("--kernel " + release + ": the harness boots " + String.join(" and ",
                    QemuRunner.RELEASES.keySet().stream().sorted().toList()));
        }
        PmdlFiles.Selection selection = PmdlFiles.collect(o.words());
        if (selection.files().isEmpty() && selection.problems().isEmpty()) {
            throw new Refusal("diff needs at least one FILE or DIR");
        }
        for (PmdlFiles.Problem problem : selection.problems()) {
            throw new Refusal("cannot read " + problem.path() + ": " + problem.reason());
        }
        // one harness per architecture and release: x86 boots Debian's kernel of the release, pseries the kernel of
        // shared/kernels/ppc64le; DLPAR stories are replayed through QEMU's monitor
        Map<String, List<KernelDiff.Target>> targets = new java.util.TreeMap<>();
        Map<String, Integer> skipped = new LinkedHashMap<>();
        List<DlparReplay.Target> dlpar = new ArrayList<>();
        for (Path path : selection.files()) {
            List<String> listed = List.of();
            if (tagged) {
                java.util.regex.Matcher tag = DIFF_TAG.matcher(Files.readString(path));
                if (!tag.find()) {
                    continue;
                }
                listed = List.of(tag.group(1).trim().split("\\s+")).stream().filter(w -> !w.isEmpty()).toList();
                if (release != null && !listed.isEmpty() && !listed.contains(release)) {
                    continue;
                }
            }
            Loaded file = Loaded.load(path);
            Engine engine = new Engine(file.compiled().platforms());
            for (ScenarioSpec scenario : file.compiled().scenarios()) {
                if (only != null && !only.equals(scenario.name())) {
                    continue;
                }
                PlatformSpec platform = file.compiled().platforms().get(scenario.platform());
                Arch arch = platform.arch();
                // --kernel, else the releases the tag lists, else the scenario's own profile
                List<String> releases = release != null ? List.of(release) : !listed.isEmpty() ? listed
                        : List.of(engine.run(scenario, RunOptions.DEFAULT).kernel());
                for (String r : releases) {
                    ScenarioResult predicted = engine.run(scenario, new RunOptions(r,
                            RunOptions.DEFAULT.explorationBound()));
                    Optional<StepResult> down = predicted.steps().stream()
                            .filter(s -> !s.ok() && s.errno() == null && s.expectation() == null).findFirst();
                    String unbootable = down.isPresent() // a kernel oops hangs the guest script: nothing after it compares
                            ? "on " + r + " the model predicts the kernel goes down at line "
                                    + down.get().step().source().line() + " (" + down.get().applied().stream()
                                    .map(Rule::id).findFirst().orElse("no rule") + ")"
                            : arch == Arch.X86_64 ? (QemuRunner.RELEASES.containsKey(predicted.kernel()) ? null
                                    : "kernel profile " + predicted.kernel() + " has no real kernel here (the harness"
                                    + " boots " + String.join(" and ", QemuRunner.RELEASES.keySet().stream().sorted()
                                    .toList()) + ")")
                            : QemuRunner.pseriesKernelMissing(predicted.kernel());
                    if (unbootable != null) {
                        skipped.merge(arch.toString(), 1, Integer::sum);
                        out.println(path + ": " + scenario.name() + ": skipped: " + unbootable);
                        continue;
                    }
                    try {
                        if (DlparReplay.replays(scenario)) {
                            dlpar.add(DlparReplay.target(path, platform, scenario, predicted));
                            continue;
                        }
                        GuestScript script = new GuestScript(scenario, platform, file.compiled().platforms());
                        KernelDiff.Target target = new KernelDiff.Target(path, platform,
                                machines(script, file.compiled().platforms()), script, predicted);
                        targets.computeIfAbsent(arch + " " + predicted.kernel(), k -> new ArrayList<>()).add(target);
                    } catch (QemuMachine.NotExpressible | GuestScript.NotReproducible e) {
                        skipped.merge(arch.toString(), 1, Integer::sum);
                        out.println(path + ": " + scenario.name() + ": skipped: " + e.getMessage());
                    }
                }
            }
        }
        if (targets.isEmpty() && dlpar.isEmpty()) {
            throw new Refusal("no scenario to reproduce" + (only != null ? " named '" + only + "'" : "")
                    + (tagged ? " in files tagged `// pmdl: diff`" : "")
                    + (release != null ? " on " + release : ""));
        }
        int disagreements = 0;
        for (List<KernelDiff.Target> group : targets.values()) {
            long start = System.nanoTime();
            Arch arch = group.get(0).platform().arch();
            try (QemuRunner runner = QemuRunner.open(arch, group.get(0).model().kernel())) {
                KernelDiff diff = new KernelDiff(runner, out);
                diff.run(group);
                out.printf("pmdl diff: %d of %d scenarios agree with Linux %s (profile %s), %d disagreement(s), %d"
                        + " skipped; %d boots in %.1f s%n", diff.agreed(), group.size(), runner.kernelVersion(),
                        group.get(0).model().kernel(), diff.disagreements(), skipped.getOrDefault(arch.toString(), 0),
                        runner.boots(),
                        (System.nanoTime() - start) / 1e9);
                skipped.remove(arch.toString()); // counted once per architecture
                disagreements += diff.disagreements();
            }
        }
        if (!dlpar.isEmpty()) {
            disagreements += dlpar(dlpar, out, skipped.getOrDefault(Arch.PPC64.toString(), 0));
        }
        return disagreements == 0 ? OK : FINDINGS;
    }

    /** The DLPAR stories, one pseries boot each, their hotplug driven through QEMU's monitor. */
    private static int dlpar(List<DlparReplay.Target> targets, PrintStream out, int skipped)
            throws IOException, QemuRunner.Unavailable {
        long start = System.nanoTime();
        Path work = Files.createTempDirectory("pmdl-dlpar");
        DlparReplay replay = DlparReplay.open(work, out);
        try {
            for (DlparReplay.Target t : targets) {
                replay.run(t);
            }
        } finally {
            if (System.getenv("PMDL_DIFF_KEEP") == null) {
                QemuRunner.deleteTree(work);
            }
        }
        out.printf("pmdl diff: %d of %d DLPAR scenarios agree with Linux 6.1 pseries (QEMU, QMP), %d disagreement(s),"
                + " %d skipped; %d boots in %.1f s%n", replay.agreed(), targets.size(), replay.disagreements(), skipped,
                replay.boots(), (System.nanoTime() - start) / 1e9);
        return replay.disagreements();
    }

    /** The machine of each stage: a {@code reboot into} boots its platform on the same media. */
    private static List<QemuMachine> machines(GuestScript script, Map<String, PlatformSpec> platforms)
            throws QemuMachine.NotExpressible {
        List<QemuMachine> machines = new ArrayList<>();
        for (GuestScript.Stage stage : script.stages()) {
            QemuMachine m = QemuMachine.of(platforms.get(stage.platform()));
            if (!machines.isEmpty() && !sameMedia(machines.get(0), m)) {
                throw new QemuMachine.NotExpressible(stage.platform(), List.of("its DIMMs differ from those of "
                        + script.stages().get(0).platform() + " (a reboot into it keeps the same backing files)"));
            }
            machines.add(m);
        }
        return machines;
    }

    private static boolean sameMedia(QemuMachine a, QemuMachine b) {
        return a.arch() == b.arch() && a.dimms().stream().map(d -> d.id() + "/" + d.size() + "/" + d.labelSize())
                .toList().equals(b.dimms().stream().map(d -> d.id() + "/" + d.size() + "/" + d.labelSize()).toList());
    }

    private static int importNdctl(Options o, PrintStream out) throws Refusal, IOException, QemuImport.BadArgs {
        String path = o.word(1, "FILE");
        String json;
        try {
            json = Files.readString(Path.of(path));
        } catch (IOException e) {
            throw new Refusal("cannot read " + path + ": " + e.getMessage());
        }
        Map<String, Long> spa = new LinkedHashMap<>();
        for (String assignment : o.values("--spa")) {
            try {
                spa.put(key(assignment), Long.decode(value(assignment)));
            } catch (NumberFormatException e) {
                throw new Refusal("--spa " + assignment + ": not an address (e.g. 0x100000000)");
            }
        }
        Map<String, Long> labels = new LinkedHashMap<>();
        for (String assignment : o.values("--label-area")) {
            labels.put(key(assignment), QemuImport.bytes(value(assignment)));
        }
        out.print(NdctlJsonImport.platform(json, o.valueOr("--name", "imported"), spa, labels,
                "imported by pmdl import ndctl-json " + Path.of(path).getFileName()).render());
        return OK;
    }

    private static int importQemu(Options o, PrintStream out) throws Refusal, QemuImport.BadArgs {
        String args = o.word(1, "\"ARGS\"");
        QemuMachine machine = QemuImport.parse(args);
        out.print(QemuImport.platform(machine, o.valueOr("--name", "imported"), "imported by pmdl import qemu")
                .render());
        return OK;
    }

    private static String key(String assignment) throws Refusal {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new Refusal("'" + assignment + "' is not NAME=VALUE");
        }
        return assignment.substring(0, eq);
    }

    private static String value(String assignment) throws Refusal {
        key(assignment);
        return assignment.substring(assignment.indexOf('=') + 1);
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = KernelCommands.class.getResourceAsStream("/org/pmdl/cli/kernel/" + name)) {
            if (in == null) {
                throw new IOException("missing resource " + name);
            }
            return in.readAllBytes();
        }
    }

    /** A checked, compiled file. */
    record Loaded(Path path, PmdlCompiler.CompiledFile compiled) {
        private static Injector injector;

        static Loaded one(String path) throws Refusal {
            return load(Path.of(path));
        }

        static Loaded load(Path path) throws Refusal {
            if (!Files.isRegularFile(path)) {
                throw new Refusal("cannot read " + path + ": no such file");
            }
            if (injector == null) {
                injector = new PmdlStandaloneSetup().createInjectorAndDoEMFRegistration();
            }
            XtextResourceSet set = injector.getInstance(XtextResourceSet.class);
            set.addLoadOption(XtextResource.OPTION_ENCODING, StandardCharsets.UTF_8.name());
            Resource resource;
            try {
                resource = set.getResource(URI.createFileURI(path.toAbsolutePath().normalize().toString()), true);
            } catch (RuntimeException e) {
                throw new Refusal("cannot read " + path + ": " + e.getMessage());
            }
            FileAnalysis analysis = injector.getInstance(PmdlAnalyzer.class).analyze(resource, false,
                    RunOptions.DEFAULT, null, CancelIndicator.NullImpl);
            for (Diagnostic d : analysis.diagnostics()) {
                if (d.severity() == Severity.ERROR) {
                    throw new Refusal(path + ":" + d.range().line() + ":" + d.range().column() + ": error: ["
                            + d.rule() + "] " + d.message() + " (pmdl check shows all)");
                }
            }
            return new Loaded(path, new PmdlCompiler().compile((PmdlFile) resource.getContents().get(0)));
        }

        PlatformSpec platform(String name) throws Refusal {
            PlatformSpec p = compiled.platforms().get(name);
            if (p == null) {
                throw new Refusal("no platform named '" + name + "' in " + path);
            }
            return p;
        }

        ScenarioSpec scenario(String name) throws Refusal {
            return compiled.scenarios().stream().filter(s -> s.name().equals(name)).findFirst()
                    .orElseThrow(() -> new Refusal("no scenario named '" + name + "' in " + path));
        }
    }

    /** Positional words and {@code --option value} pairs (an option may repeat). */
    private static final class Options {
        private static final List<String> KNOWN = List.of("--platform", "--scenario", "--name", "--spa",
                "--label-area", "--kernel");
        private final List<String> words = new ArrayList<>();
        private final Map<String, List<String>> values = new LinkedHashMap<>();

        Options(List<String> args) throws Refusal {
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (a.equals("--tagged")) {
                    values.computeIfAbsent(a, k -> new ArrayList<>()).add("");
                } else if (a.startsWith("--")) {
                    if (!KNOWN.contains(a)) {
                        throw new Refusal("unknown option " + a);
                    }
                    if (i + 1 >= args.size()) {
                        throw new Refusal(a + " needs a value");
                    }
                    values.computeIfAbsent(a, k -> new ArrayList<>()).add(args.get(++i));
                } else {
                    words.add(a);
                }
            }
        }

        List<String> words() {
            return words;
        }

        String word(int index, String what) throws Refusal {
            if (index >= words.size()) {
                throw new Refusal("missing " + what);
            }
            return words.get(index);
        }

        String value(String option) {
            List<String> v = values.get(option);
            return v == null ? null : v.get(v.size() - 1);
        }

        String valueOr(String option, String otherwise) {
            String v = value(option);
            return v == null ? otherwise : v;
        }

        String required(String option) throws Refusal {
            String v = value(option);
            if (v == null) {
                throw new Refusal("needs " + option + " NAME");
            }
            return v;
        }

        List<String> values(String option) {
            return values.getOrDefault(option, List.of());
        }

        boolean flag(String option) {
            return values.containsKey(option);
        }
    }
}
