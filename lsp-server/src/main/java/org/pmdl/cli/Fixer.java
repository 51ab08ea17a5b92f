package org.pmdl.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.emf.common.util.URI;
import org.pmdl.dsl.fixes.QuickFix;
import org.pmdl.dsl.fixes.QuickFixes;
import org.pmdl.dsl.text.TextEdit;
import org.pmdl.model.engine.RunOptions;

/** {@code --fix}: the first verified quick fix of each finding, written back atomically before the file is checked. */
final class Fixer {
    private Fixer() {
    }

    /**
     * Fixes of the rules {@code rules} leaves enabled for the file.
     *
     * @return false when the file could not be read or written (reported on {@code err})
     */
    static boolean fix(Path file, QuickFixes quickFixes, RunOptions options, FileRules rules, boolean force,
            PrintStream err) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            URI uri = URI.createFileURI(file.toAbsolutePath().normalize().toString());
            List<QuickFix> fixes = QuickFixes.firstPerDiagnostic(quickFixes.fixes(uri, text, options,
                    rules.of(file, text)));
            if (fixes.isEmpty()) {
                return true;
            }
            AtomicFiles.write(file, TextEdit.apply(text, fixes.stream().flatMap(f -> f.edits().stream()).toList()),
                    AtomicFiles.Guard.force(force));
            for (QuickFix fix : fixes) {
                err.println("pmdl: fixed " + file + ":" + fix.diagnostic().range().line() + ": " + fix.title());
            }
            return true;
        } catch (IOException e) {
            err.println("pmdl: cannot fix " + file + ": " + e.getMessage());
            return false;
        }
    }
}
