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
 * {@code pmdl bench lsp [--lines N,...] [--edits K] [--server-jvm 'OPTIONS']}: drives the real server ({@code java -jar <this jar> lsp}, a
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
        int edits = 40;
        List<String> jvm = List.of();
        try {
            for (int i = 0; i < args.size(); i++) {
                switch (args.get(i)) {
                    case "--lines" -> sizes = List.of(args.get(++i).split(",")).stream().map(Integer::parseInt)
                            .toList();
                    case "--edits" -> edits = Integer.parseInt(args.get(++i));
                    case "--server-jvm" -> jvm = List.of(args.get(++i).trim().split("\\s+"));
                    default -> throw new IllegalArgumentException("unknown option " + args.get(i));
                }
            }
        } catch (RuntimeException e) {
            err.println("pmdl bench lsp: " + e.getMessage() + " (usage: pmdl bench lsp [--lines N,...] [--edits K] [--server-jvm 'OPTIONS'])");
            return Pmdl.USAGE;
        }
        out.println("lines  first diagnostics ms  edit->diagnostics p50 ms  p95 ms  max ms  edits  server RSS MiB");
        try {
            for (int lines : sizes) {
                Result r = measure(workloadOf(lines), edits, jvm);
                out.printf("%5d  %20d  %24.1f  %6.1f  %6.1f  %5d  %14d%n", r.lines(), r.firstMillis(),
                        r.percentile(50), r.percentile(95), r.percentile(100), r.editMillis().size(),
                        r.rssKiB() / 1024);
            }
        } catch (Exception e) {
            err.println("pmdl bench lsp: " + e.getMessage());
            return Pmdl.USAGE;
        }
        out.printf("java %s, %d cpus, load average %.1f; server JVM options: %s%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                jvm.isEmpty() ? "(defaults)" : String.join(" ", jvm));
        return Pmdl.OK;
    }

    /** The {@code pmdl bench} workload closest to {@code lines} lines: 1 DIMM per 50 lines, the rest steps. */
    static Bench.Workload workloadOf(int lines) {
        int dimms = Math.max(1, lines / 50);
        int steps = Math.max(1, (lines - 8 - 3 * dimms) * 100 / 101);
        return new Bench.Workload(dimms, steps);
    }

    record Result(long lines, long firstMillis, List<Double> editMillis, long rssKiB) {
        double percentile(int p) {
            List<Double> sorted = editMillis.stream().sorted().toList();
            int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
        }
    }

    private static Result measure(Bench.Workload workload, int edits, List<String> jvm) throws Exception {
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
        String jar = Path.of(LspBench.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        try (LspSession session = LspSession.start(java, jar, jvm, dir.resolve("server.log"), init)) {
            int seen = session.publishedCount();
            long opened = System.nanoTime();
            session.open(uri, text);
            long first = session.awaitDiagnostics(uri, seen, p -> true, 600_000).nanos() - opened;

            // the first digit of the last `size 16M` / `size 32M`, toggled to 26M / 42M and back: still 2M multiples
            int sizeAt = text.lastIndexOf(" size ") + " size ".length();
            Position at = LspSession.position(text, sizeAt);
            Range digit = new Range(at, new Position(at.getLine(), at.getCharacter() + 1));
            char original = text.charAt(sizeAt);
            List<Double> millis = new ArrayList<>();
            for (int edit = 0; edit < edits; edit++) {
                String typed = String.valueOf(edit % 2 == 0 ? (char) (original + 1) : original);
                seen = session.publishedCount();
                long changed = System.nanoTime();
                session.change(uri, edit + 2, new TextDocumentContentChangeEvent(digit, typed));
                long published = session.awaitDiagnostics(uri, seen, p -> true, 600_000).nanos();
                millis.add((published - changed) / 1e6);
            }
            long rss = session.rssKiB();
            session.shutdown();
            return new Result(text.lines().count(), TimeUnit.NANOSECONDS.toMillis(first), millis, rss);
        } finally {
            Files.deleteIfExists(dir.resolve("server.log"));
            Files.deleteIfExists(file);
            Files.deleteIfExists(root);
            Files.deleteIfExists(dir);
        }
    }
}
