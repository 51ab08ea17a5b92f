package org.pmdl.dsl.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pmdl.model.SourceRef;
import org.pmdl.model.rules.Rule;
import org.pmdl.model.rules.Rules;
import org.pmdl.model.rules.Severity;

/**
 * What the user asked of the rules for one file: rules turned off ({@code --disable}, the .pmdl.json
 * {@code "disable"} list, {@code // pmdl: disable RULE} comments) and rules turned up to errors ({@code --error},
 * {@code "error"}). It only filters and re-grades what is reported: validation, the scenario runs and every
 * {@code expect} have already seen the real outcome, and whether a file runs is decided before this applies.
 *
 * <p>A {@code // pmdl: disable RULE[, RULE...]} comment in the file's header (before the first line with code)
 * silences the rules in the whole file; after code on the same line, on that line; on a line of its own further
 * down, on the next line with code. A diagnostic is on the line where its range starts.
 */
public final class RuleControl {
    /** Nothing disabled, nothing turned up: what a file without comments and configuration gets. */
    public static final RuleControl NONE = new RuleControl(RuleSettings.NONE, Map.of(), List.of());

    private static final String DIRECTIVE = "pmdl:";
    private static final String DISABLE = "disable";
    private static final String PMDL_SOURCE = "PMDL language";

    private final RuleSettings settings;
    private final Map<Integer, Set<String>> disabledOnLine;
    private final List<Diagnostic> problems;

    private RuleControl(RuleSettings settings, Map<Integer, Set<String>> disabledOnLine, List<Diagnostic> problems) {
        this.settings = settings;
        this.disabledOnLine = disabledOnLine;
        this.problems = problems;
    }

    /** The settings (command line and configuration) together with the {@code // pmdl: disable} comments of text. */
    public static RuleControl of(String text, RuleSettings settings) {
        return of(text, settings, List.of());
    }

    /** The same, also reporting {@code configProblems} (the configuration's mistakes, for an editor). */
    public static RuleControl of(String text, RuleSettings settings, List<Diagnostic> configProblems) {
        Set<String> wholeFile = new LinkedHashSet<>(settings.disabled());
        Map<Integer, Set<String>> onLine = new HashMap<>();
        List<Diagnostic> problems = new ArrayList<>(configProblems);
        Set<String> pending = new LinkedHashSet<>(); // own-line comments waiting for the next line with code
        boolean seenCode = false;
        // lines end at \r\n, \r or \n; walked in place (the language server does this per keystroke, 20k lines)
        int start = 0;
        for (int number = 1;; number++) {
            int end = start;
            while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            int comment = commentStart(text, start, end);
            boolean hasCode = !blank(text, start, comment < 0 ? end : comment);
            if (hasCode && !pending.isEmpty()) {
                onLine.computeIfAbsent(number, n -> new HashSet<>()).addAll(pending);
                pending.clear();
            }
            Set<String> named = comment < 0 ? Set.of()
                    : disabledBy(text.substring(start, end), comment - start + 2, number, problems);
            if (!hasCode && !seenCode) {
                wholeFile.addAll(named);
            } else if (hasCode && !named.isEmpty()) {
                onLine.computeIfAbsent(number, n -> new HashSet<>()).addAll(named);
            } else if (!hasCode) {
                pending.addAll(named);
            }
            seenCode |= hasCode;
            if (end == text.length()) {
                break;
            }
            start = end + (text.startsWith("\r\n", end) ? 2 : 1);
        }
        return new RuleControl(new RuleSettings(Set.copyOf(wholeFile), settings.errors()), onLine,
                List.copyOf(problems));
    }

    /**
     * How a finding of {@code rule} starting on {@code line} is reported: empty when the rule is disabled there,
     * {@link Severity#ERROR} when it is turned up, else its own severity.
     */
    public Optional<Severity> reported(String rule, int line, Severity severity) {
        if (settings.disabled().contains(rule) || disabledOnLine.getOrDefault(line, Set.of()).contains(rule)) {
            return Optional.empty();
        }
        return Optional.of(settings.errors().contains(rule) ? Severity.ERROR : severity);
    }

    /** The unknown rules named by this file's comments, as RULE-UNKNOWN warnings at the names. */
    public List<Diagnostic> problems() {
        return problems;
    }

    /** The analysis as reported: disabled findings left out, turned-up ones as errors, the comments' problems in. */
    public FileAnalysis apply(FileAnalysis analysis) {
        List<Diagnostic> found = new ArrayList<>(analysis.diagnostics());
        found.addAll(problems);
        List<Diagnostic> reported = new ArrayList<>();
        for (Diagnostic d : found) {
            reported(d.rule(), d.range().line(), d.severity()).ifPresent(severity ->
                    reported.add(new Diagnostic(d.rule(), severity, d.range(), d.message(), d.source())));
        }
        reported.sort(Comparator.comparingInt((Diagnostic d) -> d.range().line())
                .thenComparingInt(d -> d.range().column()));
        return new FileAnalysis(List.copyOf(reported), analysis.scenarios());
    }

    /** The rule IDs a {@code // pmdl: disable} comment names (known ones; unknown ones become problems). */
    private static Set<String> disabledBy(String line, int from, int number, List<Diagnostic> problems) {
        String comment = line.substring(from).strip();
        if (!comment.startsWith(DIRECTIVE)) {
            return Set.of();
        }
        String directive = comment.substring(DIRECTIVE.length()).strip();
        if (!directive.equals(DISABLE) && !directive.startsWith(DISABLE + " ")
                && !directive.startsWith(DISABLE + "\t")) {
            return Set.of(); // another directive (`// pmdl: diff`) or prose
        }
        int listStart = line.indexOf(DISABLE, from) + DISABLE.length();
        Set<String> known = new LinkedHashSet<>();
        int problemsBefore = problems.size();
        int column = listStart;
        for (String id : line.substring(listStart).split("[,\\s]+")) {
            if (id.isEmpty()) {
                continue;
            }
            column = line.indexOf(id, column);
            if (Rules.byId(id).isPresent()) {
                known.add(id);
            } else {
                problems.add(unknown(id, "`// pmdl: disable`", new SourceRef(number, column + 1, number,
                        column + 1 + id.length())));
            }
            column += id.length();
        }
        if (known.isEmpty() && problems.size() == problemsBefore) {
            int at = line.indexOf(DISABLE, from) + 1;
            problems.add(new Diagnostic(Rules.DISABLE_EMPTY.id(), Rules.DISABLE_EMPTY.severity(),
                    new SourceRef(number, at, number, at + DISABLE.length()), Rules.DISABLE_EMPTY.message(),
                    PMDL_SOURCE));
        }
        return known;
    }

    /**
     * RULE-UNKNOWN is decided here for comments and .pmdl.json alike: the rule an ID breaks when the catalog does not
     * have it, or empty when it does.
     */
    static Optional<Rule> unknownRule(String id) {
        return Rules.byId(id).isPresent() ? Optional.empty() : Optional.of(Rules.RULE_UNKNOWN);
    }

    static Diagnostic unknown(String id, String where, SourceRef range) {
        return new Diagnostic(Rules.RULE_UNKNOWN.id(), Rules.RULE_UNKNOWN.severity(), range,
                Rules.RULE_UNKNOWN.message(id, " in " + where, nearestHint(id)), PMDL_SOURCE);
    }

    /** " (did you mean A, B or C?)", the catalog's IDs closest to {@code id}; empty when none is close. */
    public static String nearestHint(String id) {
        List<String> nearest = nearest(id);
        return nearest.isEmpty() ? "" : " (did you mean " + String.join(", ", nearest) + "?)";
    }

    /** Up to three catalog IDs nearest to {@code id} by edit distance, ignoring case; the closest first. */
    public static List<String> nearest(String id) {
        String wanted = id.toUpperCase(java.util.Locale.ROOT);
        int limit = Math.max(3, wanted.length() / 2);
        return Rules.all().keySet().stream()
                .filter(known -> distance(wanted, known) <= limit)
                .sorted(Comparator.comparingInt((String known) -> distance(wanted, known))
                        .thenComparing(Comparator.naturalOrder()))
                .limit(3).toList();
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** Where a {@code //} comment starts in text[start, end) (one line), outside a string; -1 when there is none. */
    private static int commentStart(String text, int start, int end) {
        boolean inString = false;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c == '"') {
                inString = !inString;
            } else if (c == '\\' && inString) {
                i++;
            } else if (!inString && c == '/' && i + 1 < end && text.charAt(i + 1) == '/') {
                return i;
            }
        }
        return -1;
    }

    private static boolean blank(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
