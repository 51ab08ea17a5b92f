package org.pmdl.cli;

import com.google.inject.Injector;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.pmdl.cli.kernel.KernelCommands;
import org.pmdl.dsl.PmdlStandaloneSetup;
import org.pmdl.dsl.analysis.FileAnalysis;
import org.pmdl.dsl.analysis.PmdlAnalyzer;
import org.pmdl.dsl.fixes.QuickFixes;
import org.pmdl.dsl.lang.Imports;
import org.pmdl.dsl.parser.InputLimits;
import org.pmdl.lsp.BoundedJvm;
import org.pmdl.lsp.PmdlLanguageServer;
import org.pmdl.model.engine.RunOptions;
import org.pmdl.model.engine.ScenarioStatus;
import org.pmdl.model.kernel.KernelProfile;
import org.pmdl.model.rules.Rules;
import org.pmdl.model.rules.Severity;

/**
 * The {@code pmdl} command (language.md §4): check, run, lsp. Exit status 0 when nothing is at error level and
 * every expectation is met, 1 for findings, 2 for usage and I/O errors. Never prints a stack trace: an internal
 * failure is reported as one line on stderr with exit status 2.
 */
public final class Pmdl {
    static final int OK = 0;
    static final int FINDINGS = 1;
    static final int USAGE = 2;

    private static final String USAGE_TEXT = """
            usage: pmdl check FILE|DIR...     parse + validate topology and scenarios statically
                   pmdl run   FILE|DIR...     check, then execute every scenario (or --scenario NAME)
                   pmdl fmt   [--check] FILE|DIR...   lay out files (--check: only report, exit 1 if any would change)
                   pmdl map   FILE --platform NAME [--scenario NAME --after-step LINE] -o MAP.svg
                                              draw the platform's SPA space (regions, mappings, namespaces)
                   pmdl lsp                   language server on stdio
                   pmdl rules [--layer L] [--subsystem S] [--format json]   every rule: ID, layer, severity, summary
                   pmdl explain RULE          a rule: its layer, source, smallest bundled example, page
                   pmdl bench [--dimms N] [--steps M] [--rounds R] [--live]   time compile+run of a generated workload
                   pmdl bench --scale [--dimms N] [--steps M] [--rounds R] [--live]
                                                                 the run at 1×, 10×, 100× the DIMMs and steps, ratios
                   pmdl bench persistence [--from N] [--to N] [--naive-max N] [--rounds R] [FILE|DIR...]
                                                                 crash states explored vs pmreorder-full
                   pmdl bench lpar [--lmbs N] [--rounds R]         the same for a pseries LPAR (DLPAR + LPM)
                   pmdl bench lsp [--lines N,...] [--edits K]       time the language server on generated files
                   pmdl bench lsp --initialize FOLDER             time initialize and the workspace build
                   pmdl bench soak [--edits N] [--seed S]          a long editing session: failed requests, RSS, p95
                   pmdl bench fuzz [--cases N] [--seconds S] [--seed S] [DIR...]   mutated examples against the CLI
            %s  --format text|json|sarif   output format (default text)
              --kernel VERSION           override the platforms' kernel profile (%s)
              --scenario NAME            run only this scenario
              --baseline FILE            findings recorded in FILE are shown but do not fail (a ratchet)
              --update-baseline          write today's findings to the --baseline FILE, then exit 0
              --strict-new               with --baseline: new warnings fail too (old findings stay relaxed)
              --fix                      apply the verified quick fixes to the files (written atomically)
              --fail-on refused          a step refused without `expect error` fails the run (default: a warning)
              -v, --verbose              text output: every step of every scenario, with its kernel log
              --confine-imports          refuse imports from outside the given directories (files: their folder)
              --force                    let --fix, --update-baseline, fmt and map -o replace read-only files
              --disable RULE[,RULE...]   do not report RULE (repeatable; also .pmdl.json, `// pmdl: disable RULE`)
              --error RULE[,RULE...]     report RULE's findings as errors (repeatable; also .pmdl.json)
            exit status: 0 nothing at error level and every expectation met; 1 findings; 2 usage or I/O error
            """;

    private Pmdl() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("lsp")) {
            String[] serverArgs = Arrays.copyOfRange(args, 1, args.length);
            int status = BoundedJvm.relaunch(serverArgs); // a JVM without a heap bound serves from a bounded child
            if (status >= 0) {
                System.exit(status);
            }
            PmdlLanguageServer.launch(serverArgs);
            return;
        }
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        int status;
        try {
            status = run(Arrays.asList(args), out, err);
        } catch (OutOfMemoryError e) {
            err.println("pmdl: out of memory; give the JVM more heap, e.g. PMDL_JAVA_OPTS=-Xmx8g");
            status = USAGE;
        } catch (RuntimeException | Error e) {
            err.println("pmdl: internal error: " + e + " (please report it with the input file)");
            status = USAGE;
        }
        if (out.checkError() || System.out.checkError()) {
            // A full disk or a closed pipe: the report is lost, so success must not be claimed.
            err.println("pmdl: cannot write the output (standard output failed: disk full or pipe closed)");
            status = USAGE;
        }
        System.exit(status);
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.contains("--help") || args.contains("-h") || args.get(0).equals("help")) {
            (args.isEmpty() ? err : out).print(usage());
            return args.isEmpty() ? USAGE : OK;
        }
        if (args.get(0).equals("bench") && args.size() > 1 && args.get(1).equals("persistence")) {
            return PersistenceBench.run(args.subList(2, args.size()), out, err);
        }
        if (args.get(0).equals("bench") && args.size() > 1 && args.get(1).equals("lpar")) {
            return LparBench.run(args.subList(2, args.size()), out, err);
        }
        if (args.get(0).equals("bench")) {
            return Bench.run(args.subList(1, args.size()), out, err);
        }
        if (args.get(0).equals("fmt")) {
            return Fmt.run(args.subList(1, args.size()), out, err);
        }
        if (args.get(0).equals("rules") || args.get(0).equals("explain")) {
            return RulesCommand.run(args, out, err);
        }
        if (args.get(0).equals("map")) {
            return AddressMapCommand.run(args.subList(1, args.size()), out, err);
        }
        if (KernelCommands.handles(args.get(0))) {
            return KernelCommands.run(args, out, err);
        }
        CliOptions options;
        try {
            options = CliOptions.parse(args);
            validate(options);
        } catch (CliOptions.UsageException e) {
            err.println("pmdl: " + e.getMessage());
            err.print(usage());
            return USAGE;
        }
        return checkOrRun(options, out, err);
    }

    private static void validate(CliOptions options) throws CliOptions.UsageException {
        if (!options.command().equals("check") && !options.command().equals("run")) {
            throw new CliOptions.UsageException("unknown command '" + options.command() + "'");
        }
        if (options.kernel() != null && KernelProfile.lookup(options.kernel()).isEmpty()) {
            throw new CliOptions.UsageException("unknown kernel profile '" + options.kernel() + "'");
        }
    }

    private static int checkOrRun(CliOptions options, PrintStream out, PrintStream err) {
        PmdlFiles.Selection selection = PmdlFiles.collect(options.paths());
        for (PmdlFiles.Problem problem : selection.problems()) {
            err.println("pmdl: cannot read " + problem.path() + ": " + problem.reason());
        }
        Injector injector = new PmdlStandaloneSetup().createInjectorAndDoEMFRegistration();
        XtextResourceSet resourceSet = injector.getInstance(XtextResourceSet.class);
        resourceSet.addLoadOption(XtextResource.OPTION_ENCODING, StandardCharsets.UTF_8.name());
        if (options.confineImports()) {
            resourceSet.addLoadOption(Imports.CONFINE_TO, options.paths().stream().map(Path::of)
                    .map(p -> Files.isDirectory(p) ? p : p.toAbsolutePath().getParent()).toList());
        }
        PmdlAnalyzer analyzer = injector.getInstance(PmdlAnalyzer.class);
        RunOptions runOptions = new RunOptions(options.kernel(), RunOptions.DEFAULT.explorationBound());
        boolean run = options.command().equals("run");

        FileRules rules = new FileRules(options.rules(), err);
        List<Report.FileReport> reports = new ArrayList<>();
        boolean ioError = !selection.problems().isEmpty();
        Progress progress = Progress.of(err, selection.files().size());
        for (Path file : selection.files()) {
            progress.file(reports.size() + 1, file);
            if (options.fix()) {
                ioError |= !Fixer.fix(file, injector.getInstance(QuickFixes.class), runOptions, rules, options.force(),
                        err);
            }
            Resource resource;
            try {
                resource = resourceSet.getResource(URI.createFileURI(file.toAbsolutePath().normalize().toString()),
                        true);
            } catch (RuntimeException | OutOfMemoryError e) {
                // EMF wraps what loading throws; a heap too small for the syntax tree is said as such
                err.println("pmdl: " + (root(e) instanceof OutOfMemoryError ? file + ": " + InputLimits.outOfMemory(
                        "reading it") : "cannot read " + file + ": " + rootMessage(e)));
                ioError = true;
                continue;
            }
            FileAnalysis analysis;
            try {
                analysis = analyzer.analyze(resource, run, runOptions, options.scenario(), CancelIndicator.NullImpl);
            } catch (OutOfMemoryError e) {
                // Its model and states went with the stack: the other files still get checked and reported.
                resource.unload();
                err.println("pmdl: " + file + ": " + InputLimits.outOfMemory((run ? "running" : "checking") + " it"));
                ioError = true;
                continue;
            } catch (RuntimeException | StackOverflowError e) {
                // One file the tool fails on must not cost the report of the others.
                err.println("pmdl: internal error checking " + file + ": " + e + " (please report it with the file)");
                ioError = true;
                continue;
            }
            // disabling and turning up change what is reported, never what was validated and run
            reports.add(new Report.FileReport(file.toString(), rules.of(file, resource).apply(analysis)));
        }
        progress.done();
        if (run && options.scenario() != null
                && reports.stream().allMatch(r -> r.analysis().scenarios().isEmpty())
                && reports.stream().noneMatch(r -> r.analysis().hasErrors())) {
            err.println("pmdl: no scenario named '" + options.scenario() + "' in the given files");
            return USAGE;
        }

        Set<String> accepted;
        try {
            accepted = acceptedFindings(options);
        } catch (Baseline.BaselineException e) {
            err.println("pmdl: " + e.getMessage());
            return USAGE;
        }
        switch (options.format()) {
            case JSON -> JsonReport.write(reports, out);
            case SARIF -> SarifReport.write(reports, accepted, version(), out);
            default -> TextReport.write(reports, run, options.verbose(), options.failOnRefused(), out);
        }
        if (ioError || rules.configInvalid()) {
            return USAGE;
        }
        if (options.updateBaseline()) {
            try {
                Baseline.write(Path.of(options.baseline()), reports, new AtomicFiles.Guard(inputs(resourceSet),
                        options.force()));
            } catch (java.io.IOException e) {
                err.println("pmdl: cannot write baseline " + options.baseline() + ": " + e.getMessage());
                return USAGE;
            }
            err.println("pmdl: baseline " + options.baseline() + " now accepts today's findings");
            return OK;
        }
        List<Report.FileReport> counted = accepted == null ? reports : Baseline.newFindings(reports, accepted);
        if (accepted != null) {
            err.println("pmdl: baseline " + options.baseline() + ": " + counted.stream()
                    .mapToLong(r -> r.analysis().diagnostics().size()).sum() + " new finding(s)");
        }
        // With a baseline, a failed scenario counts through its findings; without one, any non-pass fails.
        boolean findings = counted.stream().anyMatch(r -> r.analysis().hasErrors() || accepted == null
                && r.analysis().scenarios().stream().anyMatch(s -> s.status() != ScenarioStatus.PASS)
                || options.strictNew() && r.analysis().diagnostics().stream()
                        .anyMatch(d -> d.severity() == Severity.WARNING)
                || options.failOnRefused() && r.analysis().diagnostics().stream()
                        .anyMatch(d -> d.rule().equals(Rules.STEP_REFUSED.id())));
        return findings ? FINDINGS : OK;
    }

    /** The fingerprints the --baseline file accepts (none when it does not exist yet), or null without one. */
    private static Set<String> acceptedFindings(CliOptions options) throws Baseline.BaselineException {
        if (options.baseline() == null || options.updateBaseline()) {
            return null;
        }
        Path file = Path.of(options.baseline());
        return Files.exists(file) ? Baseline.read(file) : Set.of();
    }

    /** Every file the run read: the checked files and their imports. */
    static List<Path> inputs(XtextResourceSet resourceSet) {
        return resourceSet.getResources().stream().map(Resource::getURI).filter(URI::isFile)
                .map(uri -> Path.of(uri.toFileString())).toList();
    }

    private static String version() {
        String version = Pmdl.class.getPackage().getImplementationVersion();
        return version == null ? "0.0.0-dev" : version;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = root(e);
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static Throwable root(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root;
    }

    private static String usage() {
        return USAGE_TEXT.formatted(KernelCommands.USAGE, "known: " + String.join(", ",
                KernelProfile.known().stream().map(KernelProfile::name).toList()));
    }
}
