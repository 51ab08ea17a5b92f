package org.pmdl.cli;

import com.google.inject.Injector;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.pmdl.dsl.PmdlStandaloneSetup;
import org.pmdl.dsl.compiler.PmdlCompiler;
import org.pmdl.dsl.pmdl.PmdlFile;
import org.pmdl.lsp.ScenarioRuns;
import org.pmdl.model.engine.Engine;
import org.pmdl.model.engine.RunOptions;
import org.pmdl.model.engine.ScenarioResult;
import org.pmdl.model.engine.ScenarioStatus;

/**
 * {@code pmdl bench [--scale] [--dimms N] [--steps M] [--rounds R] [--live]}: times parse+validate, compile and run of
 * a generated file — one platform with N labelled DIMMs (one region each) and one scenario that labels every DIMM and
 * then creates M namespaces round-robin across the regions, checking some of them. The first round runs on a cold
 * JVM; the median of the later rounds shows the warm cost. Heap is the used heap after the last round. {@code --live}
 * runs with the language server's keystroke options ({@link ScenarioRuns#LIVE}: no per-step state) instead of the
 * CLI's. {@code --scale} times the run alone at 1×, 10× and 100× the DIMMs and the steps (base 100 and 1000) and
 * prints the ratios, so a run that stops being linear shows.
 */
final class Bench {
    private Bench() {
    }

    record Workload(int dimms, int steps) {
        /**
         * The generated file; every namespace is 16M raw or 32M fsdax. A 4G DIMM with a 128K label area holds 100 of
         * them (2.4G, 100 of its ~500 label slots); more namespaces per DIMM get that many times both.
         */
        String text() {
            int units = Math.max(1, ((steps + dimms - 1) / dimms + 99) / 100);
            String size = 4 * units + "G";
            String labelArea = 128 * units + "K";
            StringBuilder text = new StringBuilder(64 * (dimms * 3 + steps));
            text.append("platform bench_platform {\n    arch x86_64\n    kernel \"6.1\"\n");
            for (int d = 0; d < dimms; d++) {
                text.append("    nvdimm nmem").append(d).append(" { size ").append(size).append(" label-area ")
                        .append(labelArea).append(" }\n");
            }
            for (int d = 0; d < dimms; d++) {
                text.append("    region region").append(d).append(" at 0x")
                        .append(Long.toHexString((d + 1L) * units << 32)).append(" { mapping nmem").append(d)
                        .append(" dpa 0 size ").append(size).append(" - ").append(labelArea).append(" }\n");
            }
            text.append("}\n\nscenario bench on bench_platform {\n");
            for (int d = 0; d < dimms; d++) {
                text.append("    init-labels nmem").append(d).append('\n');
            }
            for (int s = 0; s < steps; s++) {
                String mode = s % 2 == 0 ? "raw size 16M" : "fsdax size 32M";
                text.append("    create namespace ns").append(s).append(" in region").append(s % dimms)
                        .append(" mode ").append(mode).append('\n');
                if (s % 100 == 0) {
                    text.append("    expect ns").append(s).append(".size == 16M\n");
                }
            }
            return text.append("}\n").toString();
        }
    }

    /** @param runAllocated bytes the run allocated on the bench thread (the garbage a language server collects) */
    record Round(long parseValidateNanos, long compileNanos, long runNanos, long runAllocated, int stepResults,
            ScenarioStatus status) {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (!args.isEmpty() && args.get(0).equals("lsp")) {
            return LspBench.run(args.subList(1, args.size()), out, err);
        }
        if (!args.isEmpty() && args.get(0).equals("soak")) {
            return SoakBench.run(args.subList(1, args.size()), out, err);
        }
        if (!args.isEmpty() && args.get(0).equals("fuzz")) {
            return FuzzBench.run(args.subList(1, args.size()), out, err);
        }
        boolean scale = args.contains("--scale");
        int dimms = scale ? 100 : 1000;
        int steps = scale ? 1000 : 10_000;
        int rounds = scale ? 3 : 5;
        RunOptions options = RunOptions.DEFAULT;
        try {
            for (int i = 0; i < args.size(); i++) {
                // --scale runs 100 times the sizes given, which must stay within the plain bench's bounds
                switch (args.get(i)) {
                    case "--dimms" -> dimms = CliOptions.count(args, ++i, "--dimms", 1, scale ? 1000 : 100_000);
                    case "--steps" -> steps = CliOptions.count(args, ++i, "--steps", 1, scale ? 100_000 : 10_000_000);
                    case "--rounds" -> rounds = CliOptions.count(args, ++i, "--rounds", 1, 1000);
                    case "--live" -> options = ScenarioRuns.LIVE;
                    case "--scale" -> { }
                    default -> throw new IllegalArgumentException("unknown bench option " + args.get(i));
                }
            }
        } catch (RuntimeException e) {
            err.println("pmdl bench: " + e.getMessage()
                    + " (usage: pmdl bench [--scale] [--dimms N] [--steps M] [--rounds R] [--live])");
            return Pmdl.USAGE;
        }
        if (scale) {
            return scale(dimms, steps, rounds, options, out);
        }
        Workload workload = new Workload(dimms, steps);
        byte[] text = workload.text().getBytes(StandardCharsets.UTF_8);
        long startup = System.nanoTime();
        Injector injector = new PmdlStandaloneSetup().createInjectorAndDoEMFRegistration();
        long injectorNanos = System.nanoTime() - startup;
        out.printf("pmdl bench: %d DIMMs, %d namespace steps, %d lines, %d KiB of text; injector %d ms; %s options%n",
                dimms, steps, workload.text().lines().count(), text.length / 1024, injectorNanos / 1_000_000,
                options == ScenarioRuns.LIVE ? "language-server" : "CLI");
        out.println("round  parse+validate ms  compile ms  run ms  run alloc MiB  total ms  steps  status");
        List<Round> results = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            Round round = round(injector, text, options);
            results.add(round);
            out.printf("%5d  %17d  %10d  %6d  %13d  %8d  %5d  %s%n", r + 1, round.parseValidateNanos() / 1_000_000,
                    round.compileNanos() / 1_000_000, round.runNanos() / 1_000_000, round.runAllocated() >> 20,
                    (round.parseValidateNanos() + round.compileNanos() + round.runNanos()) / 1_000_000,
                    round.stepResults(), round.status().label());
        }
        if (results.size() > 1) {
            List<Long> warm = results.subList(1, results.size()).stream()
                    .map(r -> r.parseValidateNanos() + r.compileNanos() + r.runNanos()).sorted().toList();
            out.printf("cold total %d ms; warm median total %d ms (rounds 2..%d)%n",
                    total(results.get(0)) / 1_000_000, warm.get(warm.size() / 2) / 1_000_000, results.size());
        }
        printHeap(out);
        return results.stream().allMatch(r -> r.status() == ScenarioStatus.PASS) ? Pmdl.OK : Pmdl.FINDINGS;
    }

    /**
     * {@code --scale}: the run at 1×, 10× and 100× the DIMMs, then at 10× and 100× the namespace steps, each the
     * fastest warm round (the first is cold unless it is the only one), with the ratio to the size 10× smaller: a run
     * linear in DIMMs and steps keeps each ratio near 10.
     */
    private static int scale(int dimms, int steps, int rounds, RunOptions options, PrintStream out) {
        Injector injector = new PmdlStandaloneSetup().createInjectorAndDoEMFRegistration();
        out.printf("pmdl bench --scale: base %d DIMMs and %d namespace steps, %d round(s) per size (run: the fastest"
                + " of rounds %s), %s options%n", dimms, steps, rounds, rounds > 1 ? "2.." + rounds : "1",
                options == ScenarioRuns.LIVE ? "language-server" : "CLI");
        out.println("axis    size   DIMMs    steps  run ms  ratio  run alloc MiB  ratio  status");
        boolean passed = true;
        Round base = null;
        for (String axis : List.of("DIMMs", "steps")) {
            Round previous = base;
            for (int times = axis.equals("DIMMs") ? 1 : 10; times <= 100; times *= 10) {
                Workload workload = axis.equals("DIMMs") ? new Workload(dimms * times, steps)
                        : new Workload(dimms, steps * times);
                Round fastest = fastestWarm(injector, workload, rounds, options);
                out.printf("%-5s  %4d×  %6d  %7d  %6d  %5s  %13d  %5s  %s%n", axis, times, workload.dimms(),
                        workload.steps(), fastest.runNanos() / 1_000_000,
                        ratio(fastest.runNanos(), previous, Round::runNanos), fastest.runAllocated() >> 20,
                        ratio(fastest.runAllocated(), previous, Round::runAllocated), fastest.status().label());
                passed &= fastest.status() == ScenarioStatus.PASS;
                previous = fastest;
                base = base == null ? fastest : base;
            }
        }
        printHeap(out);
        return passed ? Pmdl.OK : Pmdl.FINDINGS;
    }

    private static Round fastestWarm(Injector injector, Workload workload, int rounds, RunOptions options) {
        byte[] text = workload.text().getBytes(StandardCharsets.UTF_8);
        List<Round> results = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            results.add(round(injector, text, options));
        }
        return results.subList(rounds > 1 ? 1 : 0, rounds).stream()
                .min(Comparator.comparingLong(Round::runNanos)).orElseThrow();
    }

    /** "12.3×": this size's figure over the one 10× smaller's; "" for the first size. */
    private static String ratio(long value, Round smaller, ToLongFunction<Round> figure) {
        return smaller == null ? ""
                : String.format("%.1f×", value / (double) Math.max(1, figure.applyAsLong(smaller)));
    }

    /** The used heap after a GC, the heap limit and the machine, as every bench ends. */
    static void printHeap(PrintStream out) {
        System.gc();
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        out.printf("heap used after the rounds %d MiB (max %d MiB); java %s, %d cpus%n", heap.getUsed() >> 20,
                heap.getMax() >> 20, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
    }

    /** Parses and validates a generated file in a fresh resource set; a generated file must have no issues. */
    static PmdlFile loadValidated(Injector injector, byte[] text, String name) {
        XtextResourceSet set = injector.getInstance(XtextResourceSet.class);
        Resource resource = set.createResource(URI.createURI("memory:/" + name));
        try {
            resource.load(new ByteArrayInputStream(text), Map.of());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        var issues = injector.getInstance(IResourceValidator.class).validate(resource, CheckMode.ALL,
                CancelIndicator.NullImpl);
        if (!issues.isEmpty()) {
            throw new IllegalStateException("the generated file has issues: " + issues.get(0));
        }
        return (PmdlFile) resource.getContents().get(0);
    }

    /** What this thread allocated so far (HotSpot's per-thread counter). */
    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static long total(Round r) {
        return r.parseValidateNanos() + r.compileNanos() + r.runNanos();
    }

    private static Round round(Injector injector, byte[] text, RunOptions options) {
        long t0 = System.nanoTime();
        PmdlFile file = loadValidated(injector, text, "bench.pmdl");
        long t1 = System.nanoTime();
        PmdlCompiler.CompiledFile compiled = new PmdlCompiler().compile(file);
        long a2 = allocatedBytes();
        long t2 = System.nanoTime();
        ScenarioResult result = new Engine(compiled.platforms()).run(compiled.scenarios().get(0), options);
        long t3 = System.nanoTime();
        return new Round(t1 - t0, t2 - t1, t3 - t2, allocatedBytes() - a2, result.steps().size(), result.status());
    }
}
