package org.pmdl.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/**
 * {@code pmdl bench soak [--edits N] [--seed S] [--server-jvm 'OPTIONS']}: the language server under a long
 * editing session. Grammar-aware edits (a PMDL token typed at a token boundary, later deleted again, so the
 * document stays near a real file) go to one document of a 1,000-line workload; after every 10 edits four hovers
 * and completions are in flight at once, after every 1,000 forty. Counts requests that failed (anything but
 * ContentModified, which asks the client to retry), exceptions on the server's stderr, and reports latency
 * percentiles and the server's RSS at the end. Exit status 1 if a request failed or stderr holds an exception.
 */
final class SoakBench {
    private static final String USAGE = "usage: pmdl bench soak [--edits N] [--seed S] [--server-jvm 'OPTIONS']";
    /** PMDL tokens the edits type: keywords, names, numbers, punctuation, comments. */
    private static final String[] TOKENS = {"platform", "scenario", "on", "{", "}", "nvdimm", "region", "at",
        "mapping", "dpa", "size", "label-area", "create", "namespace", "in", "mode", "fsdax", "devdax", "raw",
        "sector", "align", "destroy", "reconfigure", "init-labels", "expect", "ok", "error", "EINVAL", "ENXIO",
        "nmem0", "region0", "ns0", "ns0.size", "==", "1G", "2M", "4G", "128K", "4G - 128K", "(", ")", "+", "*",
        "\n", "// note", "\"6.1\""};
    /** The {@code ./pmdl lsp} options (pmdl launcher): the server as editors run it. */
    static final List<String> SERVER_JVM = List.of("-Xmx160m", "-XX:+UseSerialGC", "-XX:ReservedCodeCacheSize=64m",
            "-Xss512k");

    private SoakBench() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        int edits = 100_000;
        long seed = 20261205L;
        List<String> jvm = SERVER_JVM;
        try {
            for (int i = 0; i < args.size(); i++) {
                switch (args.get(i)) {
                    case "--edits" -> edits = CliOptions.count(args, ++i, "--edits", 10, 10_000_000);
                    case "--seed" -> seed = CliOptions.count(args, ++i, "--seed", 0, Integer.MAX_VALUE);
                    case "--server-jvm" -> {
                        if (++i >= args.size()) {
                            throw new IllegalArgumentException("--server-jvm needs a value");
                        }
                        jvm = List.of(args.get(i).trim().split("\\s+"));
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args.get(i));
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("pmdl bench soak: " + e.getMessage() + " (" + USAGE + ")");
            return Pmdl.USAGE;
        }
        try {
            return soak(edits, new Random(seed), jvm, out) ? Pmdl.OK : Pmdl.FINDINGS;
        } catch (Exception e) {
            err.println("pmdl bench soak: " + e);
            return Pmdl.USAGE;
        }
    }

    private static boolean soak(int edits, Random random, List<String> jvm, PrintStream out) throws Exception {
        String original = LspBench.workloadOf(1_000).text();
        Path dir = Files.createTempDirectory("pmdl-soak-");
        Path root = Files.createDirectory(dir.resolve("workspace"));
        Path log = dir.resolve("server.log");
        String uri = root.resolve("soak.pmdl").toUri().toString();
        InitializeParams init = new InitializeParams();
        init.setRootUri(root.toUri().toString());
        String java = ProcessHandle.current().info().command().orElse("java");
        String jar = Path.of(SoakBench.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        int[] modified = {0};
        long started = System.nanoTime();
        try (LspSession session = LspSession.start(java, jar, jvm, log, init)) {
            session.open(uri, original);
            StringBuilder text = new StringBuilder(original);
            Deque<int[]> typed = new ArrayDeque<>(); // offset, length of each token typed and not yet deleted
            for (int edit = 1; edit <= edits; edit++) {
                session.change(uri, edit + 1, typed.size() >= 20 || (!typed.isEmpty() && random.nextInt(3) == 0)
                        ? delete(text, typed.pop()) : type(text, typed, random));
                if (edit % 10 == 0) {
                    List<CompletableFuture<?>> inFlight = new ArrayList<>();
                    for (int k = 0; k < (edit % 1000 == 0 ? 40 : 4); k++) {
                        inFlight.add(request(session, uri, text, random, latencies, failures, modified));
                    }
                    CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
                }
                if (edit % 10_000 == 0) {
                    out.printf("pmdl bench soak: %d edits, %d requests, %d failed, RSS %d MiB, %.0f s%n", edit,
                            latencies.size(), failures.size(), session.rssKiB() / 1024,
                            (System.nanoTime() - started) / 1e9);
                }
            }
            long rss = session.rssKiB();
            boolean exited = session.shutdown();
            String stderr = Files.readString(log);
            long exceptions = stderr.lines().filter(l -> l.contains("Exception") || l.contains("Error")).count();
            out.printf("pmdl bench soak: %d edits, %d hover/completion requests (%d answered ContentModified), %d"
                    + " failed; server stderr: %d lines, %d exceptions; RSS at the end %d MiB; request latency p50 %.0f"
                    + " ms, p95 %.0f ms, max %.0f ms; %.0f s; clean exit %s%n", edits, latencies.size(), modified[0],
                    failures.size(), stderr.lines().count(), exceptions, rss / 1024,
                    LspBench.percentile(latencies, 50), LspBench.percentile(latencies, 95),
                    LspBench.percentile(latencies, 100), (System.nanoTime() - started) / 1e9, exited);
            failures.stream().limit(5).forEach(f -> out.println("  failed: " + f));
            stderr.lines().limit(5).forEach(l -> out.println("  stderr: " + l));
            return failures.isEmpty() && exceptions == 0 && exited;
        }
    }

    /** Types a token at a random token boundary (before a blank, a line end or the end). */
    private static TextDocumentContentChangeEvent type(StringBuilder text, Deque<int[]> typed, Random random) {
        int offset = random.nextInt(text.length() + 1);
        while (offset < text.length() && !Character.isWhitespace(text.charAt(offset))) {
            offset++;
        }
        String token = " " + TOKENS[random.nextInt(TOKENS.length)];
        Position at = LspSession.position(text, offset);
        text.insert(offset, token);
        typed.push(new int[] {offset, token.length()});
        return new TextDocumentContentChangeEvent(new Range(at, at), token);
    }

    /** Deletes the token typed last (tokens are deleted newest first, so every recorded offset still holds). */
    private static TextDocumentContentChangeEvent delete(StringBuilder text, int[] token) {
        Range range = new Range(LspSession.position(text, token[0]), LspSession.position(text, token[0] + token[1]));
        text.delete(token[0], token[0] + token[1]);
        return new TextDocumentContentChangeEvent(range, "");
    }

    private static CompletableFuture<?> request(LspSession session, String uri, CharSequence text, Random random,
            List<Double> latencies, List<String> failures, int[] modified) {
        Position at = LspSession.position(text, random.nextInt(text.length() + 1));
        TextDocumentIdentifier document = new TextDocumentIdentifier(uri);
        long sent = System.nanoTime();
        CompletableFuture<?> answer = random.nextBoolean()
                ? session.server().getTextDocumentService().hover(new HoverParams(document, at))
                : session.server().getTextDocumentService().completion(new CompletionParams(document, at));
        return answer.handle((result, thrown) -> {
            latencies.add((System.nanoTime() - sent) / 1e6);
            Throwable cause = thrown instanceof CompletionException ? thrown.getCause() : thrown;
            if (cause instanceof ResponseErrorException e && e.getResponseError().getCode()
                    == ResponseErrorCode.ContentModified.getValue()) {
                synchronized (modified) {
                    modified[0]++;
                }
            } else if (cause != null) {
                failures.add(cause.toString());
            }
            return null;
        });
    }
}
