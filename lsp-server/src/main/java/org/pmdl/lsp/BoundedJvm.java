package org.pmdl.lsp;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The language server's own memory bounds. An editor that starts {@code java -jar lsp-server-*-all.jar lsp} without
 * options gets the JVM's defaults (a quarter of the machine's memory, G1 keeping what it once grew to: 1.5-4.3 GiB
 * RSS at 20,000 lines), so such a JVM starts the server in a child JVM with {@link #OPTIONS} (those of {@code
 * ./pmdl lsp}) on the same stdin/stdout and waits for it. A JVM started with its own heap bound ({@code -Xmx},
 * {@code -XX:MaxHeapSize}, {@code -XX:MaxRAMPercentage}, here or in {@code JAVA_TOOL_OPTIONS}) runs the server
 * itself: the editor's choice wins.
 */
public final class BoundedJvm {
    /** A 20,000-line file stays under 300 MB RSS (docs/bench.md); raise -Xmx for larger files. */
    public static final List<String> OPTIONS = List.of("-Xmx160m", "-XX:+UseSerialGC",
            "-XX:ReservedCodeCacheSize=64m", "-Xss512k");

    private BoundedJvm() {
    }

    /** True when this JVM was started with a heap bound of its own (so the server runs here). */
    static boolean heapBounded() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream().anyMatch(a -> a.startsWith("-Xmx")
                || a.startsWith("-XX:MaxHeapSize=") || a.startsWith("-XX:MaxRAMPercentage=")
                || a.startsWith("-XX:MaxRAM="));
    }

    /**
     * Runs the server in a bounded child JVM when this one is unbounded, and returns its exit status; -1 when this
     * JVM is bounded already (or no child could start: then the server runs here, unbounded, and says so).
     */
    public static int relaunch(String[] serverArgs) {
        if (heapBounded()) {
            return -1;
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(OPTIONS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.pmdl.cli.Pmdl", "lsp"));
        command.addAll(List.of(serverArgs));
        Process server;
        try {
            server = new ProcessBuilder(command).inheritIO().start();
        } catch (java.io.IOException e) {
            System.err.println("pmdl lsp: cannot start a JVM with " + OPTIONS + " (" + e.getMessage()
                    + "); serving from this one, whose heap is the JVM's default");
            return -1;
        }
        // the editor ends this process (SIGTERM): the server goes with it
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.destroy();
            try {
                server.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        while (true) {
            try {
                return server.waitFor();
            } catch (InterruptedException e) {
                // keep waiting: the server's end is this process's end
            }
        }
    }
}
