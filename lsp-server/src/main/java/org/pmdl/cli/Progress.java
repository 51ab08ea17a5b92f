package org.pmdl.cli;

import java.io.PrintStream;

/**
 * A one-line "[3/40] file" progress display on stderr for checks and runs that take a while (long crash
 * explorations, many files). Shown only when stderr is a terminal, which the launcher tells the JVM with
 * {@code -Dpmdl.progress=true}, and only once a second has passed, so that quick runs and logs stay clean.
 */
final class Progress {
    private static final long QUIET_NANOS = 1_000_000_000L;

    private final PrintStream err;
    private final int total;
    private final long start = System.nanoTime();
    private boolean shown;

    private Progress(PrintStream err, int total) {
        this.err = err;
        this.total = total;
    }

    /** Progress on {@code err} when enabled, else a display that prints nothing. */
    static Progress of(PrintStream err, int total) {
        return new Progress(Boolean.getBoolean("pmdl.progress") ? err : null, total);
    }

    /** About to analyse the {@code index}-th file (1-based). */
    void file(int index, Object file) {
        long elapsed = System.nanoTime() - start;
        if (err != null && elapsed > QUIET_NANOS) {
            err.print("\r\033[K" + "pmdl: [" + index + "/" + total + "] " + file + " (" + elapsed / 1_000_000_000L
                    + " s)");
            err.flush();
            shown = true;
        }
    }

    /** Clears the line before the report is printed. */
    void done() {
        if (shown) {
            err.print("\r\033[K");
            err.flush();
        }
    }
}
