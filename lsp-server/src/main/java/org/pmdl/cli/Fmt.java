package org.pmdl.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pmdl.dsl.formatting.PmdlFormatter;

/**
 * {@code pmdl fmt [--check] FILE|DIR...}: lays out PMDL files with {@link PmdlFormatter}. Files are rewritten
 * (atomically, only those that change); with {@code --check} nothing is written and the exit status is 1 when a
 * file would change, for CI and hooks; {@code --force} also rewrites read-only files ({@link AtomicFiles}). Needs no parser, so it starts fast.
 */
final class Fmt {
    private Fmt() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        boolean check = false;
        boolean force = false;
        List<String> paths = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("--check")) {
                check = true;
            } else if (arg.equals("--force")) {
                force = true;
            } else if (arg.startsWith("-") && !arg.equals("-")) {
                err.println("pmdl: unknown option " + arg + " for fmt\nusage: pmdl fmt [--check] [--force] FILE|DIR...");
                return Pmdl.USAGE;
            } else {
                paths.add(arg);
            }
        }
        if (paths.isEmpty()) {
            err.println("pmdl: fmt needs at least one FILE or DIR\nusage: pmdl fmt [--check] FILE|DIR...");
            return Pmdl.USAGE;
        }
        PmdlFiles.Selection selection = PmdlFiles.collect(paths);
        selection.problems().forEach(p -> err.println("pmdl: cannot read " + p.path() + ": " + p.reason()));
        boolean failed = !selection.problems().isEmpty();
        int unformatted = 0;
        for (Path file : selection.files()) {
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                String formatted = PmdlFormatter.format(text);
                if (formatted.equals(text)) {
                    continue;
                }
                unformatted++;
                if (check) {
                    out.println(file + ": not formatted (pmdl fmt " + file + ")");
                } else {
                    AtomicFiles.write(file, formatted, AtomicFiles.Guard.force(force));
                    out.println("formatted " + file);
                }
            } catch (MalformedInputException e) {
                err.println("pmdl: cannot read " + file + ": not UTF-8 text");
                failed = true;
            } catch (IOException e) {
                err.println("pmdl: cannot format " + file + ": " + e.getMessage());
                failed = true;
            }
        }
        if (failed) {
            return Pmdl.USAGE;
        }
        return check && unformatted > 0 ? Pmdl.FINDINGS : Pmdl.OK;
    }
}
