package org.pmdl.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkDoneProgressBegin;
import org.eclipse.lsp4j.WorkDoneProgressCreateParams;
import org.eclipse.lsp4j.WorkDoneProgressEnd;
import org.eclipse.lsp4j.WorkDoneProgressNotification;
import org.eclipse.lsp4j.WorkDoneProgressReport;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * A real LSP client (LSP4J's client launcher) talking to {@code pmdl lsp} in its own process over stdio: used by
 * {@code pmdl bench lsp} and by the server's integration tests. It records every publishDiagnostics with the time
 * it arrived, so callers can wait for the next one and measure latency.
 */
final class LspSession implements AutoCloseable {
    /** One publishDiagnostics as received, stamped with {@link System#nanoTime()}. */
    record Published(PublishDiagnosticsParams params, long nanos) {
    }

    private final Process process;
    private final LanguageServer server;
    private final List<Published> published = new ArrayList<>();
    private int lensRefreshes;
    /** The work-done progress the server sent: "create TOKEN", then each $/progress value's kind and message. */
    private final List<String> progress = new ArrayList<>();
    private ServerCapabilities capabilities;

    private LspSession(Process process) {
        this.process = process;
        var launcher = LSPLauncher.createClientLauncher(new Client(), process.getInputStream(),
                process.getOutputStream());
        launcher.startListening();
        this.server = launcher.getRemoteProxy();
    }

    /** Starts {@code java -jar JAR lsp} with its stderr in {@code log} and initializes it. */
    static LspSession start(String javaExecutable, String jar, List<String> jvmOptions, Path log,
            InitializeParams init) throws Exception {
        LspSession session = spawn(javaExecutable, jar, jvmOptions, log);
        session.initialize(init, log);
        return session;
    }

    /** Starts {@code java -jar JAR lsp} with its stderr in {@code log}; {@link #initialize} comes next. */
    static LspSession spawn(String javaExecutable, String jar, List<String> jvmOptions, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaExecutable));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar, "lsp"));
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        return new LspSession(process);
    }

    /** initialize, then initialized; returns how long the answer to initialize took, in nanoseconds. */
    long initialize(InitializeParams init, Path log) throws Exception {
        if (init.getCapabilities() == null) {
            init.setCapabilities(new ClientCapabilities());
        }
        long sent = System.nanoTime();
        try {
            capabilities = server.initialize(init).get(60, TimeUnit.SECONDS).getCapabilities();
        } catch (Exception e) {
            close();
            throw new IOException("initialize failed; server log:\n" + Files.readString(log), e);
        }
        long answered = System.nanoTime() - sent;
        server.initialized(new InitializedParams());
        return answered;
    }

    LanguageServer server() {
        return server;
    }

    /** What the server said it can do, in its answer to initialize. */
    ServerCapabilities capabilities() {
        return capabilities;
    }

    Process process() {
        return process;
    }

    void open(String uri, String text) {
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                new TextDocumentItem(uri, "pmdl", 1, text)));
    }

    /** Sends one incremental change (or the whole text when {@code change} has no range). */
    void change(String uri, int version, TextDocumentContentChangeEvent change) {
        change(uri, version, List.of(change));
    }

    /** Sends several changes in one didChange, each on the text the previous one left (as editors do). */
    void change(String uri, int version, List<TextDocumentContentChangeEvent> changes) {
        server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(uri, version), changes));
    }

    /** The diagnostics last published for {@code uri}, or null when none were. */
    synchronized List<Diagnostic> latestDiagnostics(String uri) {
        for (int i = published.size() - 1; i >= 0; i--) {
            if (published.get(i).params().getUri().equals(uri)) {
                return published.get(i).params().getDiagnostics();
            }
        }
        return null;
    }

    /** How many publishDiagnostics have arrived so far; pass it to {@link #awaitDiagnostics} to wait for a newer. */
    synchronized int publishedCount() {
        return published.size();
    }

    /** The first publish for {@code uri} after the first {@code seen} ones that matches {@code accept}. */
    synchronized Published awaitDiagnostics(String uri, int seen, Predicate<PublishDiagnosticsParams> accept,
            long timeoutMillis) throws InterruptedException, TimeoutException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        int next = seen;
        while (true) {
            for (; next < published.size(); next++) {
                Published p = published.get(next);
                if (p.params().getUri().equals(uri) && accept.test(p.params())) {
                    return p;
                }
            }
            long left = deadline - System.currentTimeMillis();
            if (left <= 0 || !process.isAlive()) {
                throw new TimeoutException("no matching diagnostics for " + uri + " (server alive: "
                        + process.isAlive() + ")");
            }
            wait(left);
        }
    }

    /** How many workspace/codeLens/refresh requests the server has sent. */
    synchronized int lensRefreshes() {
        return lensRefreshes;
    }

    /** Waits until the server has sent more than {@code seen} code-lens refreshes. */
    synchronized void awaitLensRefresh(int seen, long timeoutMillis) throws InterruptedException, TimeoutException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (lensRefreshes <= seen) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                throw new TimeoutException("no workspace/codeLens/refresh after " + seen);
            }
            wait(left);
        }
    }

    /** The work-done progress so far ("create TOKEN", "begin MESSAGE", "report MESSAGE", "end MESSAGE"). */
    synchronized List<String> progress() {
        return List.copyOf(progress);
    }

    /** Waits until the server has sent a work-done progress "end". */
    synchronized void awaitProgressEnd(long timeoutMillis) throws InterruptedException, TimeoutException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (progress.stream().noneMatch(p -> p.startsWith("end"))) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                throw new TimeoutException("no work-done progress end; so far " + progress);
            }
            wait(left);
        }
    }

    private synchronized void progressed(String what) {
        progress.add(what);
        notifyAll();
    }

    private synchronized void lensRefreshed() {
        lensRefreshes++;
        notifyAll();
    }

    private synchronized void record(PublishDiagnosticsParams params) {
        published.add(new Published(params, System.nanoTime()));
        notifyAll();
    }

    /** An offset in {@code text} as an LSP position (UTF-16 units, as Java strings count them). */
    static Position position(CharSequence text, int offset) {
        int line = 0;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new Position(line, offset - lineStart);
    }

    /**
     * The server's resident set size from /proc (Linux), in KiB, with its child processes' (a JVM started without a
     * heap bound serves from a bounded child: org.pmdl.lsp.BoundedJvm); -1 elsewhere.
     */
    long rssKiB() {
        long total = 0;
        for (ProcessHandle server : java.util.stream.Stream.concat(java.util.stream.Stream.of(process.toHandle()),
                process.descendants()).toList()) {
            long rss = rssKiB(server.pid());
            if (rss < 0) {
                return -1;
            }
            total += rss;
        }
        return total;
    }

    private static long rssKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** shutdown + exit; true when the server process then ended by itself. */
    boolean shutdown() throws Exception {
        server.shutdown().get(30, TimeUnit.SECONDS);
        server.exit();
        return process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private final class Client implements LanguageClient {
        @Override
        public void publishDiagnostics(PublishDiagnosticsParams params) {
            record(params);
        }

        @Override
        public void telemetryEvent(Object object) {
        }

        @Override
        public void showMessage(MessageParams params) {
        }

        @Override
        public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams params) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void logMessage(MessageParams params) {
        }

        @Override
        public CompletableFuture<Void> refreshCodeLenses() {
            lensRefreshed();
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> createProgress(WorkDoneProgressCreateParams params) {
            progressed("create " + params.getToken().get());
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void notifyProgress(ProgressParams params) {
            WorkDoneProgressNotification value = params.getValue().getLeft();
            String message = value instanceof WorkDoneProgressBegin begin ? begin.getMessage()
                    : value instanceof WorkDoneProgressReport report ? report.getMessage()
                    : ((WorkDoneProgressEnd) value).getMessage();
            progressed(value.getKind().toString() + " " + message);
        }

        @Override
        public CompletableFuture<Void> refreshInlayHints() {
            return CompletableFuture.completedFuture(null);
        }
    }
}
