package org.pmdl.eclipse;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import org.eclipse.core.runtime.FileLocator;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.SemanticTokensLegend;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageServer;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

import com.google.gson.JsonObject;

/**
 * The one `pmdl lsp` process of the workbench: the jar this bundle carries, started with the README's JVM options
 * on the configured Java, spoken to with LSP4J over stdio. Every message goes through one thread, so the server
 * sees didOpen/didChange/requests in the order the editors made them. A settings change stops the process; the
 * next message starts a new one and re-opens the documents that are still open.
 */
public final class Server {

    /** How long a hover or completion waits before it shows nothing (the first one also waits for the start). */
    static final long INTERACTIVE_TIMEOUT_SECONDS = 15;
    /** How long colouring and the outline wait, in the background. */
    static final long BACKGROUND_TIMEOUT_SECONDS = 60;

    private static final Server INSTANCE = new Server();
    private static final ILog LOG = ILog.of(Server.class);

    private final ExecutorService queue = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "PMDL language server queue");
        thread.setDaemon(true);
        return thread;
    });
    private final Documents documents = new Documents();
    private final Client client = new Client(documents);
    private Process process;
    private LanguageServer proxy;
    private SemanticTokensLegend legend;
    /** Why the last start failed; no new try until the settings change. */
    private volatile String startProblem;

    private Server() {
        IEclipsePreferences settings = InstanceScope.INSTANCE.getNode(Settings.QUALIFIER);
        settings.addPreferenceChangeListener(event -> queue.execute(() -> {
            stop();
            startProblem = null;
        }));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Process running = process;
            if (running != null) {
                running.destroy();
            }
        }));
    }

    public static Server get() {
        return INSTANCE;
    }

    /** Sends a notification (in order with all others); the server starts first if it is not running. */
    void notify(Consumer<LanguageServer> message) {
        queue.execute(() -> {
            LanguageServer server = running();
            if (server != null) {
                message.accept(server);
            }
        });
    }

    /** Sends a request after every earlier message and waits for its answer; null when there is none in time. */
    <T> T request(long timeoutSeconds, Function<LanguageServer, CompletableFuture<T>> message) {
        try {
            CompletableFuture<T> answer = CompletableFuture.supplyAsync(() -> {
                LanguageServer server = running();
                return server == null ? CompletableFuture.<T>completedFuture(null) : message.apply(server);
            }, queue).thenCompose(Function.identity());
            return answer.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            LOG.warn("PMDL language server request failed: " + e);
            return null;
        }
    }

    /** The token types of the server's semantic tokens (known once it has started). */
    SemanticTokensLegend legend() {
        return legend;
    }

    Documents documents() {
        return documents;
    }

    /** Why the server is not running, or null. */
    public String startProblem() {
        return startProblem;
    }

    /** On the queue thread only. */
    private LanguageServer running() {
        if (proxy != null && process.isAlive()) {
            return proxy;
        }
        stop();
        if (startProblem != null) {
            return null;
        }
        try {
            start();
            documents.reopenAll(proxy);
        } catch (Exception e) {
            startProblem = "The PMDL language server did not start: " + e.getMessage();
            LOG.error(startProblem, e);
            client.showStartProblem(startProblem);
            stop();
        }
        return proxy;
    }

    private void start() throws Exception {
        Bundle bundle = FrameworkUtil.getBundle(Server.class);
        URL entry = bundle.getEntry("server/" + serverJarName(bundle));
        File jar = new File(FileLocator.toFileURL(entry).getPath());
        List<String> command = new ArrayList<>();
        command.add(javaExecutable().toString());
        command.addAll(Arrays.asList(Settings.get(Settings.JVM_OPTIONS).split("\\s+")));
        command.removeIf(String::isEmpty);
        command.addAll(List.of("-jar", jar.getPath(), "lsp"));
        File log = Platform.getStateLocation(bundle).append("server.log").toFile();
        process = new ProcessBuilder(command).redirectError(log).start();
        LOG.info("PMDL language server started: " + String.join(" ", command) + " (stderr: " + log + ")");
        // daemon threads: the reader must not keep Eclipse's JVM alive after the workbench has closed
        var launcher = new LSPLauncher.Builder<LanguageServer>().setLocalService(client)
                .setRemoteInterface(LanguageServer.class).setInput(process.getInputStream())
                .setOutput(process.getOutputStream()).setExecutorService(Executors.newCachedThreadPool(r -> {
                    Thread thread = new Thread(r, "PMDL language server connection");
                    thread.setDaemon(true);
                    return thread;
                })).create();
        launcher.startListening();
        proxy = launcher.getRemoteProxy();
        InitializeParams params = new InitializeParams();
        params.setProcessId((int) ProcessHandle.current().pid());
        params.setClientInfo(new org.eclipse.lsp4j.ClientInfo("Eclipse"));
        params.setCapabilities(new ClientCapabilities());
        params.setInitializationOptions(initializationOptions());
        Path workspace = Path.of(org.eclipse.core.resources.ResourcesPlugin.getWorkspace().getRoot()
                .getLocation().toOSString());
        params.setWorkspaceFolders(List.of(new WorkspaceFolder(Documents.uri(workspace), "workspace")));
        InitializeResult result = proxy.initialize(params).get(60, TimeUnit.SECONDS);
        var tokens = result.getCapabilities().getSemanticTokensProvider();
        legend = tokens == null ? null : tokens.getLegend();
        proxy.initialized(new InitializedParams());
    }

    /** The same initializationOptions as the VS Code extension's (lsp-server's ClientSettings reads them). */
    private static JsonObject initializationOptions() {
        JsonObject options = new JsonObject();
        String kernel = Settings.get(Settings.KERNEL_PROFILE);
        if (!kernel.isEmpty()) {
            options.addProperty("kernelProfile", kernel);
        }
        options.addProperty("explorationBound", Platform.getPreferencesService()
                .getInt(Settings.QUALIFIER, Settings.EXPLORATION_BOUND, 100_000, null));
        return options;
    }

    private static String serverJarName(Bundle bundle) throws IOException {
        var entries = bundle.getEntryPaths("server/");
        while (entries != null && entries.hasMoreElements()) {
            String path = entries.nextElement();
            if (path.endsWith("-all.jar")) {
                return path.substring("server/".length());
            }
        }
        throw new IOException("the bundle carries no server/*-all.jar; reinstall the plug-in");
    }

    private static Path javaExecutable() throws IOException {
        String configured = Settings.get(Settings.JAVA_HOME);
        Path home = Path.of(configured.isEmpty() ? System.getProperty("java.home") : configured);
        Path java = home.resolve("bin").resolve(Platform.getOS().equals(Platform.OS_WIN32) ? "java.exe" : "java");
        if (!java.toFile().canExecute()) {
            throw new IOException("no Java at " + java
                    + " (Window > Preferences > PMDL > Java home: a JDK or JRE 17+)");
        }
        return java;
    }

    /** On the queue thread only. */
    private void stop() {
        if (proxy != null && process.isAlive()) {
            try {
                proxy.shutdown().get(5, TimeUnit.SECONDS);
                proxy.exit();
            } catch (Exception e) {
                LOG.warn("PMDL language server did not shut down cleanly: " + e);
            }
        }
        if (process != null) {
            process.destroy();
        }
        process = null;
        proxy = null;
    }
}
