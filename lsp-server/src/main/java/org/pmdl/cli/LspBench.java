package org.pmdl.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;

/**
 * {@code pmdl bench lsp [--lines N,...] [--edits K] [--initialize FOLDER] [--server-jvm 'OPTIONS'] [--server-jar JAR]}:
 * drives the real server ({@code java -jar <this jar, or JAR> lsp}, a
 * fresh process per file size) with LSP4J's client over stdio. For each generated file (the workload of
 * {@code pmdl bench}, sized to about N lines) it measures the time from didOpen to the first publishDiagnostics,
 * then K keystroke-sized edits (one digit of a namespace size, toggled) each timed from didChange to the
 * publishDiagnostics it causes, and the server's resident set size at the end.
 */
final class LspBench {
    private LspBench() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        List<Integer> sizes = List.of(1_000, 20_000);
        int edits = 50;
        List<String> jvm = List.of();
        Path root = null;
        String jar = null;
        try {
            for (int i = 0; i < args.size(); i++) {
                switch (args.get(i)) {
                    case "--lines" -> {
                        List<String> counts = List.of((++i < args.size() ? args.get(i) : "").split(","));
                        sizes = java.util.stream.IntStream.range(0, counts.size())
                                .map(k -> CliOptions.count(counts, k, "--lines", 10, 1_000_000)).boxed().toList();
                    }
                    case "--initialize" -> {
                        root = Path.of(++i < args.size() ? args.get(i) : "");
                        if (!Files.isDirectory(root)) {
                            throw new IllegalArgumentException("--initialize needs a workspace folder");
                        }
                    }
                    case "--server-jar" -> {
                        jar = ++i < args.size() ? args.get(i) : "";
                        if (!Files.isRegularFile(Path.of(jar))) {
                            throw new IllegalArgumentException("--server-jar needs a jar (e.g. an older build)");
                        }
                    }
                    case "--edits" -> edits = CliOptions.count(args, ++i, "--edits", 1, 10_000_000);
                    case "--server-jvm" -> {
                        if (++i >= args.size()) {
                            throw new IllegalArgumentException("--server-jvm needs a value");
                        }
                        jvm = List.of(args.get(i).trim().split("\\s+"));
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args.get(i));
                }
            }
        } catch (RuntimeException e) {
            err.println("pmdl bench lsp: " + e.getMessage() + " (usage: pmdl bench lsp [--lines N,...] [--edits K] [--initialize FOLDER] [--server-jvm 'OPTIONS'] [--server-jar JAR])");
            return Pmdl.USAGE;
        }
        try {
            jar = jar != null ? jar
                    : Path.of(LspBench.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("the jar's own location", e);
        }
        if (root != null) {
            return initializeRounds(root, jar, jvm, out, err);
        }
        out.println("                   didOpen ->          didChange -> static      didChange -> with run   server CPU");
        out.println("lines  edits   static   with run ms   p50    p95    max ms    p50    p95    max ms   ms/edit  RSS MiB");
        try {
            for (int lines : sizes) {
                Result r = measure(workloadOf(lines), edits, jar, jvm, err);
                out.printf("%5d  %5d  %7d  %9d    %6.0f %6.0f %6.0f    %6.0f %6.0f %6.0f  %8d %8d%n", r.lines(),
                        r.staticMillis().size(), r.firstMillis(), r.firstRunMillis(),
                        percentile(r.staticMillis(), 50), percentile(r.staticMillis(), 95),
                        percentile(r.staticMillis(), 100), percentile(r.runMillis(), 50),
                        percentile(r.runMillis(), 95), percentile(r.runMillis(), 100), r.cpuMillisPerEdit(),
                        r.rssKiB() / 1024);
            }
        } catch (Exception e) {
            err.println("pmdl bench lsp: " + e.getMessage());
            return Pmdl.USAGE;
        }
        machine(jvm, out);
        return Pmdl.OK;
    }

    private static void machine(List<String> jvm, PrintStream out) {
        out.printf("java %s, %d cpus, load average %.1f; server JVM options: %s%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                jvm.isEmpty() ? "(none: the server's own, org.pmdl.lsp.BoundedJvm)" : String.join(" ", jvm));
    }

    /**
     * Waits until the server's JVM is up: its process tree (a bounded child JVM included) has used under 20 ms of
     * CPU in half a second, waiting for initialize on stdin.
     */
    private static void awaitIdle(LspSession session) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        long before = cpuMillis(session);
        Thread.sleep(1_000);
        while (System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
            long now = cpuMillis(session);
            if (now - before < 20) {
                return;
            }
            before = now;
        }
    }

    /** Rounds of {@code --initialize}: the median is what the bench reports. */
    private static final int INITIALIZE_ROUNDS = 5;

    /**
     * {@code --initialize FOLDER}: five fresh servers with FOLDER as the workspace root. Each is left to start its
     * JVM (the target is the answer once the JVM is up: {@link #awaitIdle}), then timed from initialize to its
     * answer, and from there to the end of the workspace build's work-done progress.
     */
    private static int initializeRounds(Path root, String jar, List<String> jvm, PrintStream out, PrintStream err) {
        List<Double> answers = new ArrayList<>();
        List<Double> builds = new ArrayList<>();
        try {
            String java = ProcessHandle.current().info().command().orElse("java");
            for (int round = 0; round < INITIALIZE_ROUNDS; round++) {
                Path log = Files.createTempFile("pmdl-bench-lsp-", ".log");
                try (LspSession session = LspSession.spawn(java, jar, jvm, log)) {
                    awaitIdle(session);
                    InitializeParams init = new InitializeParams();
                    init.setRootUri(root.toAbsolutePath().toUri().toString());
                    var window = new org.eclipse.lsp4j.WindowClientCapabilities();
                    window.setWorkDoneProgress(true);
                    var capabilities = new org.eclipse.lsp4j.ClientCapabilities();
                    capabilities.setWindow(window);
                    init.setCapabilities(capabilities);
                    long answer = session.initialize(init, log);
                    long answered = System.nanoTime();
                    Thread.sleep(1_000); // the workspace build's progress, if any, has begun
                    answers.add(answer / 1e6);
                    if (!session.progress().isEmpty()) { // an older build (--server-jar) builds in initialize
                        session.awaitProgressEnd(600_000);
                        builds.add((System.nanoTime() - answered) / 1e6);
                    }
                    session.shutdown();
                } finally {
                    Files.deleteIfExists(log);
                }
            }
        } catch (Exception e) {
            err.println("pmdl bench lsp: " + e.getMessage());
            return Pmdl.USAGE;
        }
        out.printf("initialize with %s as the root, %d servers, each once its JVM was up (idle):%n", root,
                answers.size());
        out.printf("  initialize -> answer       median %6.0f ms  min %6.0f  max %6.0f%n", percentile(answers, 50),
                percentile(answers, 0), percentile(answers, 100));
        if (builds.isEmpty()) {
            out.println("  answer -> workspace built  (no work-done progress: the workspace was built inside initialize)");
        } else {
            out.printf("  answer -> workspace built  median %6.0f ms  min %6.0f  max %6.0f%n", percentile(builds, 50),
                    percentile(builds, 0), percentile(builds, 100));
        }
        machine(jvm, out);
        return Pmdl.OK;
    }

    /** The {@code pmdl bench} workload closest to {@code lines} lines: 1 DIMM per 50 lines, the rest steps. */
    static Bench.Workload workloadOf(int lines) {
        int dimms = Math.max(1, lines / 50);
        int steps = Math.max(1, (lines - 8 - 3 * dimms) * 100 / 101);
        return new Bench.Workload(dimms, steps);
    }

    /**
     * @param cpuMillisPerEdit the server's CPU time (all its threads: build, run, collector) over the edits, per
     *                         edit: unlike the latencies, hardly changed by other processes on a busy machine
     */
    record Result(long lines, long firstMillis, long firstRunMillis, List<Double> staticMillis,
            List<Double> runMillis, long cpuMillisPerEdit, long rssKiB) {
    }

    /** Nearest-rank percentile. */
    static double percentile(List<Double> values, int p) {
        List<Double> sorted = values.stream().sorted().toList();
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    /**
     * When the {@code nth} publish for {@code uri} after the first {@code seen} arrived. A clean file gets two per
     * edit: the build's static diagnostics, then the run's findings with them.
     */
    private static long published(LspSession session, String uri, int seen, int nth) throws Exception {
        int[] count = {0};
        return session.awaitDiagnostics(uri, seen, p -> ++count[0] == nth, 600_000).nanos();
    }

    /** The server's CPU time, with its bounded child JVM's (org.pmdl.lsp.BoundedJvm). */
    private static long cpuMillis(LspSession session) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(session.process().toHandle()),
                session.process().descendants()).mapToLong(p -> p.info().totalCpuDuration()
                        .map(java.time.Duration::toMillis).orElse(0L)).sum();
    }

    private static Result measure(Bench.Workload workload, int edits, String jar, List<String> jvm, PrintStream err)
            throws Exception {
        String text = workload.text();
        Path dir = Files.createTempDirectory("pmdl-bench-lsp-");
        Path root = Files.createDirectory(dir.resolve("workspace"));
        // the file lies outside the workspace root, so the first diagnostics come from didOpen, not from the
        // workspace build at initialize
        Path file = dir.resolve("bench.pmdl");
        Files.writeString(file, text);
        String uri = file.toUri().toString();
        InitializeParams init = new InitializeParams();
        init.setRootUri(root.toUri().toString());
        String java = ProcessHandle.current().info().command().orElse("java");
        try (LspSession session = LspSession.start(java, jar, jvm, dir.resolve("server.log"), init)) {
            int seen = session.publishedCount();
            long opened = System.nanoTime();
            session.open(uri, text);
            long first = session.awaitDiagnostics(uri, seen, p -> true, 600_000).nanos() - opened;
            long firstRun = published(session, uri, seen, 2) - opened;

            // the first digit of the last `size 16M` / `size 32M`, toggled to 26M / 42M and back: still 2M multiples
            int sizeAt = text.lastIndexOf(" size ") + " size ".length();
            Position at = LspSession.position(text, sizeAt);
            Range digit = new Range(at, new Position(at.getLine(), at.getCharacter() + 1));
            char original = text.charAt(sizeAt);
            List<Double> staticMillis = new ArrayList<>();
            List<Double> runMillis = new ArrayList<>();
            long cpuBefore = cpuMillis(session);
            for (int edit = 0; edit < edits; edit++) {
                String typed = String.valueOf(edit % 2 == 0 ? (char) (original + 1) : original);
                seen = session.publishedCount();
                long changed = System.nanoTime();
                session.change(uri, edit + 2, new TextDocumentContentChangeEvent(digit, typed));
                staticMillis.add((published(session, uri, seen, 1) - changed) / 1e6);
                runMillis.add((published(session, uri, seen, 2) - changed) / 1e6);
            }
            long cpu = (cpuMillis(session) - cpuBefore) / Math.max(1, edits);
            long rss = session.rssKiB();
            session.shutdown();
            // a run that failed (e.g. out of memory with a small heap) would make the numbers look better than they are
            Files.readAllLines(dir.resolve("server.log")).stream().filter(l -> l.startsWith("pmdl lsp: "))
                    .forEach(l -> err.println("pmdl bench lsp: the server logged: " + l));
            return new Result(text.lines().count(), TimeUnit.NANOSECONDS.toMillis(first),
                    TimeUnit.NANOSECONDS.toMillis(firstRun), staticMillis, runMillis, cpu, rss);
        } finally {
            Files.deleteIfExists(dir.resolve("server.log"));
            Files.deleteIfExists(file);
            Files.deleteIfExists(root);
            Files.deleteIfExists(dir);
        }
    }
}
