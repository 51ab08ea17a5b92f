package org.pmdl.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pmdl.dsl.analysis.Diagnostic;

/**
 * Stable identities of findings, for SARIF's {@code partialFingerprints} and for baselines. A finding is known by
 * its file, rule and the text of the line it is on (blanks squeezed), plus how many identical keys came before it
 * in the file: adding or removing lines elsewhere, or re-indenting, keeps every other finding's fingerprint.
 */
final class Fingerprints {
    private Fingerprints() {
    }

    /** The fingerprint of every diagnostic of one file, in the file's diagnostic order. */
    static List<String> of(Report.FileReport report) {
        List<String> lines = lines(Path.of(report.path()));
        String path = portablePath(report.path());
        Map<String, Integer> seen = new HashMap<>();
        return report.analysis().diagnostics().stream().map(d -> {
            String key = path + "\n" + d.rule() + "\n" + lineText(lines, d);
            int occurrence = seen.merge(key, 1, Integer::sum);
            return sha256(key + "\n" + occurrence);
        }).toList();
    }

    /** Fingerprints of every diagnostic of every report, as a set for baseline look-ups. */
    static Set<String> all(List<Report.FileReport> reports) {
        Set<String> all = new HashSet<>();
        reports.forEach(r -> all.addAll(of(r)));
        return all;
    }

    /** The path as the user named it, relative to the working directory when inside it, with '/' separators. */
    static String portablePath(String path) {
        Path absolute = Path.of(path).toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath();
        Path shown = absolute.startsWith(cwd) ? cwd.relativize(absolute) : absolute;
        return shown.toString().replace('\\', '/');
    }

    private static String lineText(List<String> lines, Diagnostic d) {
        int index = d.range().line() - 1;
        return index >= 0 && index < lines.size() ? lines.get(index).trim().replaceAll("\\s+", " ") : "";
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of(); // the file was read moments ago; without it the rule alone identifies the finding
        }
    }

    private static String sha256(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < 16; i++) {
                hex.append(String.format("%02x", hash[i]));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
