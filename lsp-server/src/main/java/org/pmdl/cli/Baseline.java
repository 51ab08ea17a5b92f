package org.pmdl.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.pmdl.dsl.analysis.Diagnostic;
import org.pmdl.dsl.analysis.FileAnalysis;

/**
 * A ratchet ({@code --baseline FILE}): the findings accepted on the day it was written, by {@link Fingerprints},
 * so that only new ones fail a check. Like dt-check-style's relaxed/strict split: the accepted findings are
 * relaxed (still shown, never failing), new errors fail, and with {@code --strict-new} new warnings fail too.
 * {@code --update-baseline} writes today's findings.
 * The file is JSON, one entry per finding with its rule, path, line and message so that reviews can read it.
 */
final class Baseline {
    static final int VERSION = 1;

    private Baseline() {
    }

    /** Thrown when the baseline file exists but cannot be read; the CLI reports it as an I/O error. */
    static final class BaselineException extends Exception {
        BaselineException(String message) {
            super(message);
        }
    }

    static Set<String> read(Path file) throws BaselineException {
        try {
            JsonObject root = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
            if (!root.has("version") || root.get("version").getAsInt() != VERSION) {
                throw new BaselineException(file + ": not a version " + VERSION + " PMDL baseline");
            }
            Set<String> fingerprints = new HashSet<>();
            for (JsonElement finding : root.getAsJsonArray("findings")) {
                fingerprints.add(finding.getAsJsonObject().get("fingerprint").getAsString());
            }
            return fingerprints;
        } catch (IOException e) {
            throw new BaselineException("cannot read baseline " + file + ": " + e.getMessage());
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException | NullPointerException e) {
            throw new BaselineException(file + ": not a PMDL baseline (" + e.getMessage() + ")");
        }
    }

    /** Writes every finding of the reports, replacing the file atomically (never one of the checked files). */
    static void write(Path file, List<Report.FileReport> reports, AtomicFiles.Guard guard) throws IOException {
        JsonArray findings = new JsonArray();
        for (Report.FileReport report : reports) {
            List<String> fingerprints = Fingerprints.of(report);
            List<Diagnostic> diagnostics = report.analysis().diagnostics();
            for (int i = 0; i < diagnostics.size(); i++) {
                Diagnostic d = diagnostics.get(i);
                JsonObject finding = new JsonObject();
                finding.addProperty("fingerprint", fingerprints.get(i));
                finding.addProperty("rule", d.rule());
                finding.addProperty("path", Fingerprints.portablePath(report.path()));
                finding.addProperty("line", d.range().line());
                finding.addProperty("message", d.message());
                findings.add(finding);
            }
        }
        JsonObject root = new JsonObject();
        root.addProperty("version", VERSION);
        root.add("findings", findings);
        AtomicFiles.write(file, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root)
                + "\n", guard);
    }

    /** The reports with the accepted findings left out, for the exit status. */
    static List<Report.FileReport> newFindings(List<Report.FileReport> reports, Set<String> accepted) {
        return reports.stream().map(report -> {
            List<String> fingerprints = Fingerprints.of(report);
            List<Diagnostic> diagnostics = report.analysis().diagnostics();
            List<Diagnostic> fresh = new java.util.ArrayList<>();
            for (int i = 0; i < diagnostics.size(); i++) {
                if (!accepted.contains(fingerprints.get(i))) {
                    fresh.add(diagnostics.get(i));
                }
            }
            return new Report.FileReport(report.path(),
                    new FileAnalysis(List.copyOf(fresh), report.analysis().scenarios()));
        }).toList();
    }
}
