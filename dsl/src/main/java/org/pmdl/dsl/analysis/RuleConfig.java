package org.pmdl.dsl.analysis;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pmdl.model.SourceRef;
import org.pmdl.model.rules.Rule;
import org.pmdl.model.rules.Rules;

/**
 * The rule configuration {@code .pmdl.json}, found in a checked file's folder or the nearest folder above it
 * (so the one at a workspace's root covers the workspace):
 * <pre>{ "disable": ["STEP-REFUSED"], "error": ["PM-FLUSH-REDUNDANT"] }</pre>
 * A mistake in it is a located problem ({@code CONFIG-INVALID}, or {@code RULE-UNKNOWN} for a rule that does not
 * exist), never an exception; what could be read still applies.
 *
 * @param file     the configuration's path
 * @param settings the rules it disables and turns up
 * @param problems its mistakes, in text order
 */
public record RuleConfig(Path file, RuleSettings settings, List<Problem> problems) {
    public static final String FILE_NAME = ".pmdl.json";
    private static final long MAX_SIZE = 1 << 20;
    private static final Pattern GSON_LOCATION = Pattern.compile(" at line (\\d+) column (\\d+)");

    /** A mistake at a 1-based line and column of the configuration. */
    public record Problem(Rule rule, int line, int column, String message) {
    }

    /** {@code path:line:col: severity: [RULE] message}, the way the CLI prints findings. */
    public String located(Problem problem) {
        return file + ":" + problem.line() + ":" + problem.column() + ": " + problem.rule().severity().label()
                + ": [" + problem.rule().id() + "] " + problem.message();
    }

    /** The configuration's problems as diagnostics at the start of a document it applies to (the editor's view). */
    public List<Diagnostic> diagnostics() {
        return problems.stream().map(p -> new Diagnostic(p.rule().id(), p.rule().severity(),
                new SourceRef(1, 1, 1, 1), located(p), "PMDL language")).toList();
    }

    /** The configuration nearest to {@code folder}: in it or in the closest folder above; empty when none. */
    public static Optional<RuleConfig> near(Path folder) {
        for (Path dir = folder.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(FILE_NAME);
            if (Files.exists(candidate)) {
                return Optional.of(read(candidate));
            }
        }
        return Optional.empty();
    }

    static RuleConfig read(Path file) {
        String text;
        try {
            if (!Files.isRegularFile(file)) {
                return invalid(file, 1, 1, "not a regular file; it is not read");
            }
            if (Files.size(file) > MAX_SIZE) {
                return invalid(file, 1, 1, "larger than 1 MiB; it is not read");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return invalid(file, 1, 1, "cannot be read: " + e.getMessage());
        }
        return parse(file, text);
    }

    public static RuleConfig parse(Path file, String text) {
        JsonElement root;
        try {
            JsonReader reader = new JsonReader(new StringReader(text));
            reader.setStrictness(Strictness.STRICT);
            root = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new JsonParseException("text after the JSON object" + reader.toString().substring(
                        reader.getClass().getSimpleName().length()));
            }
        } catch (JsonParseException | IOException e) {
            // JsonSyntaxException's message is its cause's toString(): the cause's message has the words
            return syntaxError(file, e.getCause() instanceof IOException cause ? cause.getMessage() : e.getMessage());
        }
        if (!root.isJsonObject()) {
            return invalid(file, 1, 1, "must be a JSON object such as {\"disable\": [\"STEP-REFUSED\"]}");
        }
        Locator locator = new Locator(text);
        List<Problem> problems = new ArrayList<>();
        Set<String> disabled = new LinkedHashSet<>();
        Set<String> errors = new LinkedHashSet<>();
        for (Map.Entry<String, JsonElement> entry : root.getAsJsonObject().entrySet()) {
            int keyAt = locator.find("\"" + entry.getKey() + "\"", 0);
            Set<String> target = switch (entry.getKey()) {
                case "disable" -> disabled;
                case "error" -> errors;
                default -> null;
            };
            if (target == null) {
                problems.add(locator.problem(Rules.CONFIG_INVALID, keyAt, "unknown key \"" + entry.getKey()
                        + "\" (known: \"disable\", \"error\")"));
            } else if (!entry.getValue().isJsonArray()) {
                problems.add(locator.problem(Rules.CONFIG_INVALID, keyAt, "\"" + entry.getKey()
                        + "\" must be a list of rule IDs, e.g. [\"STEP-REFUSED\"]"));
            } else {
                ruleIds(entry.getValue().getAsJsonArray(), keyAt, locator, target, problems);
            }
        }
        problems.sort(java.util.Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
        return new RuleConfig(file, new RuleSettings(disabled, errors), List.copyOf(problems));
    }

    private static void ruleIds(JsonArray ids, int keyAt, Locator locator, Set<String> target,
            List<Problem> problems) {
        int at = keyAt;
        for (JsonElement id : ids) {
            if (!id.isJsonPrimitive() || !id.getAsJsonPrimitive().isString()) {
                problems.add(locator.problem(Rules.CONFIG_INVALID, at, "a rule ID must be a string, not " + id));
                continue;
            }
            String name = id.getAsString();
            at = Math.max(at, locator.find("\"" + name + "\"", at));
            Optional<Rule> unknown = RuleControl.unknownRule(name);
            if (unknown.isEmpty()) {
                target.add(name);
            } else {
                problems.add(locator.problem(unknown.get(), at + 1,
                        unknown.get().message(name, "", RuleControl.nearestHint(name))));
            }
        }
    }

    /** gson's message names the place ("... at line 3 column 5 path $.disable"): keep the words and the place. */
    private static RuleConfig syntaxError(Path file, String message) {
        String text = message == null ? "malformed JSON" : message.lines().findFirst().orElse("malformed JSON");
        Matcher at = GSON_LOCATION.matcher(text);
        int line = 1;
        int column = 1;
        if (at.find()) {
            line = Integer.parseInt(at.group(1));
            column = Integer.parseInt(at.group(2));
            text = text.substring(0, at.start());
        }
        text = text.replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON",
                "malformed JSON");
        return invalid(file, line, column, "not valid JSON: " + text);
    }

    private static RuleConfig invalid(Path file, int line, int column, String message) {
        return new RuleConfig(file, RuleSettings.NONE, List.of(new Problem(Rules.CONFIG_INVALID, line, column,
                message)));
    }

    /** Offsets in the configuration's text to 1-based lines and columns. */
    private record Locator(String text) {
        int find(String needle, int from) {
            int at = text.indexOf(needle, from);
            return at < 0 ? from : at;
        }

        Problem problem(Rule rule, int offset, String message) {
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < offset && i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            return new Problem(rule, line, offset - lineStart + 1, message);
        }
    }
}
