package org.pmdl.cli;

import com.google.inject.Injector;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.pmdl.dsl.PmdlStandaloneSetup;
import org.pmdl.dsl.compiler.PmdlCompiler;
import org.pmdl.dsl.pmdl.PmdlFile;
import org.pmdl.model.engine.Engine;
import org.pmdl.model.engine.RunOptions;
import org.pmdl.model.engine.ScenarioResult;
import org.pmdl.model.engine.StepResult;
import org.pmdl.model.scenario.ScenarioSpec;

/**
 * {@code pmdl bench persistence [--from N] [--to N] [--naive-max N] [--rounds R] [FILE|DIR...]}: crash-state
 * exploration against pmreorder's ReorderFull engine. For n independent stores, each written back with clwb and
 * not yet fenced, a power failure may keep any subset; pmreorder replays every permutation of every subset of
 * them (Σ n!/(n−k)! sequences). The model explores persisted sets, projected on the lines an expectation reads.
 * Two expectations are judged both ways (one fails, one holds) to check the verdicts agree. Files given after
 * the options are run scenario by scenario, with the median time per scenario (the litmus examples).
 */
final class PersistenceBench {
    private PersistenceBench() {
    }

    private static final String USAGE =
            "usage: pmdl bench persistence [--from N] [--to N] [--naive-max N] [--rounds R] [FILE|DIR...]";

    /** The generated scenario: n flushed, unfenced stores on n lines, a power failure, two expectations. */
    static String scenario(int n) {
        StringBuilder text = new StringBuilder("""
                platform bench_x86 {
                    arch x86_64
                    persistence memory_controller
                    nvdimm nmem0 { size 4G }
                    region region0 at 0x100000000 { mapping nmem0 dpa 0 size 4G }
                }
                scenario flushed_stores on bench_x86 {
                """);
        for (int i = 0; i < n; i++) {
            text.append("    store namespace0.0[").append(i * 64).append("] = 1\n");
            text.append("    clwb namespace0.0[").append(i * 64).append("]\n");
        }
        text.append("    power-fail\n");
        text.append("    expect namespace0.0[").append((n - 1) * 64).append("] == 1 implies namespace0.0[0] == 1\n");
        text.append("    expect namespace0.0[0] <= 1\n");
        return text.append("}\n").toString();
    }

    /** pmreorder-full's count: every ordered selection of k of the n stores, for every k. */
    static BigInteger reorderFullCount(int n) {
        BigInteger total = BigInteger.ZERO;
        for (int k = 0; k <= n; k++) {
            BigInteger perms = BigInteger.ONE;
            for (int i = 0; i < k; i++) {
                perms = perms.multiply(BigInteger.valueOf(n - i));
            }
            total = total.add(perms);
        }
        return total;
    }

    /** Verdicts of the two expectations by pmreorder's method: replay every sequence, check each image. */
    record NaiveVerdict(long sequences, boolean impliesHolds, boolean boundHolds, long nanos) {
    }

    static NaiveVerdict reorderFull(int n) {
        long t0 = System.nanoTime();
        long[] image = new long[n];
        boolean[] used = new boolean[n];
        long[] counts = new long[1];
        boolean[] verdicts = {true, true};
        replay(n, image, used, counts, verdicts);
        return new NaiveVerdict(counts[0], verdicts[0], verdicts[1], System.nanoTime() - t0);
    }

    /** Checks the image reached so far, then extends the sequence by every store not yet in it. */
    private static void replay(int n, long[] image, boolean[] used, long[] counts, boolean[] verdicts) {
        counts[0]++;
        verdicts[0] &= image[n - 1] != 1 || image[0] == 1;
        verdicts[1] &= image[0] <= 1;
        for (int i = 0; i < n; i++) {
            if (!used[i]) {
                used[i] = true;
                long before = image[i];
                image[i] = 1;
                replay(n, image, used, counts, verdicts);
                image[i] = before;
                used[i] = false;
            }
        }
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        int from = 4;
        int to = 12;
        int naiveMax = 10;
        int rounds = 21;
        List<String> files = new ArrayList<>();
        try {
            for (int i = 0; i < args.size(); i++) {
                switch (args.get(i)) {
                    case "--from" -> from = CliOptions.count(args, ++i, "--from", 1, 20);
                    case "--to" -> to = CliOptions.count(args, ++i, "--to", 1, 20);
                    case "--naive-max" -> naiveMax = CliOptions.count(args, ++i, "--naive-max", 0, 20);
                    case "--rounds" -> rounds = CliOptions.count(args, ++i, "--rounds", 1, 1000);
                    default -> {
                        if (args.get(i).startsWith("--")) {
                            throw new IllegalArgumentException("unknown option " + args.get(i));
                        }
                        files.add(args.get(i));
                    }
                }
            }
            if (from < 1 || to < from || to > 20 || rounds < 1) {
                throw new IllegalArgumentException("need 1 <= from <= to <= 20 and rounds >= 1");
            }
        } catch (NumberFormatException e) {
            err.println("pmdl bench persistence: not a number (" + e.getMessage() + "); " + USAGE);
            return Pmdl.USAGE;
        } catch (RuntimeException e) {
            err.println("pmdl bench persistence: " + e.getMessage() + " (" + USAGE + ")");
            return Pmdl.USAGE;
        }
        PmdlFiles.Selection selection = PmdlFiles.collect(files);
        if (!selection.problems().isEmpty()) {
            PmdlFiles.Problem p = selection.problems().get(0);
            err.println("pmdl bench persistence: " + p.path() + ": " + p.reason());
            return Pmdl.USAGE;
        }
        Injector injector = new PmdlStandaloneSetup().createInjectorAndDoEMFRegistration();
        List<ScenarioSpec> warmup = new ArrayList<>();
        PmdlCompiler.CompiledFile warm = compile(injector, scenario(to), warmup);
        for (int r = 0; r < rounds; r++) { // the JIT compiles the model before the first timed row
            new Engine(warm.platforms()).run(warmup.get(0), RunOptions.DEFAULT);
        }
        boolean agree = true;
        out.println("n   pmreorder-full  naive ms  naive verdicts  crash states  explored  pruned  model ms  verdicts");
        for (int n = from; n <= to; n++) {
            List<ScenarioSpec> specs = new ArrayList<>();
            PmdlCompiler.CompiledFile compiled = compile(injector, scenario(n), specs);
            long[] times = new long[rounds];
            ScenarioResult result = null;
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                result = new Engine(compiled.platforms()).run(specs.get(0), RunOptions.DEFAULT);
                times[r] = System.nanoTime() - t0;
            }
            List<StepResult> steps = result.steps();
            StepResult crash = steps.get(steps.size() - 3);
            StepResult implies = steps.get(steps.size() - 2);
            StepResult bound = steps.get(steps.size() - 1);
            boolean modelImplies = implies.expectation().met();
            boolean modelBound = bound.expectation().met();
            long explored = (Long) implies.values().get("states_explored")
                    + (Long) bound.values().get("states_explored");
            long pruned = (Long) implies.values().get("states_pruned") + (Long) bound.values().get("states_pruned");
            String naive = "not run";
            String naiveMs = "—";
            if (n <= naiveMax) {
                NaiveVerdict v = reorderFull(n);
                naive = verdicts(v.impliesHolds(), v.boundHolds());
                naiveMs = String.valueOf(v.nanos() / 1_000_000);
                agree &= v.impliesHolds() == modelImplies && v.boundHolds() == modelBound
                        && v.sequences() == reorderFullCount(n).longValueExact();
            }
            out.printf("%-3d %14s  %8s  %14s  %12s  %8d  %6d  %8.2f  %s%n", n,
                    String.format("%,d", reorderFullCount(n)),
                    naiveMs, naive, crash.values().get("crash_states"), explored, pruned, median(times) / 1e6,
                    verdicts(modelImplies, modelBound));
        }
        out.println(agree ? "verdicts agree with pmreorder-full wherever it ran" : "VERDICTS DISAGREE");
        int status = agree ? Pmdl.OK : Pmdl.FINDINGS;
        if (!selection.files().isEmpty()) {
            status = Math.max(status, litmus(injector, selection.files(), rounds, out, err));
        }
        return status;
    }

    private static String verdicts(boolean implies, boolean bound) {
        return (implies ? "holds" : "fails") + "/" + (bound ? "holds" : "fails");
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** Runs every scenario of the files {@code rounds} times; prints the median model time of each. */
    private static int litmus(Injector injector, List<Path> files, int rounds, PrintStream out, PrintStream err) {
        out.println("scenario                          status  states  model ms (median of " + rounds + ")");
        try {
            for (Path path : files) {
                List<ScenarioSpec> specs = new ArrayList<>();
                PmdlCompiler.CompiledFile compiled = compile(injector, Files.readString(path), specs);
                for (ScenarioSpec spec : specs) {
                    long[] times = new long[rounds];
                    ScenarioResult result = null;
                    for (int r = 0; r < rounds; r++) {
                        long t0 = System.nanoTime();
                        result = new Engine(compiled.platforms()).run(spec, RunOptions.DEFAULT);
                        times[r] = System.nanoTime() - t0;
                    }
                    long states = result.steps().stream().map(s -> s.values().get("states_explored"))
                            .filter(Long.class::isInstance).mapToLong(Long.class::cast).sum();
                    out.printf("%-33s %-6s  %6d  %.3f%n", spec.name(), result.status().label(), states,
                            median(times) / 1e6);
                }
            }
        } catch (IOException | RuntimeException e) {
            err.println("pmdl bench persistence: " + e.getMessage());
            return Pmdl.USAGE;
        }
        return Pmdl.OK;
    }

    private static PmdlCompiler.CompiledFile compile(Injector injector, String text, List<ScenarioSpec> specs) {
        XtextResourceSet set = injector.getInstance(XtextResourceSet.class);
        Resource resource = set.createResource(URI.createURI("memory:/bench.pmdl"));
        try {
            resource.load(new ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)), Map.of());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        var issues = injector.getInstance(IResourceValidator.class).validate(resource, CheckMode.ALL,
                CancelIndicator.NullImpl).stream().filter(i -> i.getSeverity()
                == org.eclipse.xtext.diagnostics.Severity.ERROR).toList();
        if (!issues.isEmpty()) {
            throw new IllegalStateException("the file has errors: " + issues.get(0));
        }
        PmdlCompiler.CompiledFile compiled = new PmdlCompiler().compile((PmdlFile) resource.getContents().get(0));
        specs.addAll(compiled.scenarios());
        return compiled;
    }
}
