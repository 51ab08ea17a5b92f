package org.pmdl.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pmdl.dsl.analysis.Diagnostic;
import org.pmdl.dsl.analysis.FileAnalysis;
import org.pmdl.dsl.analysis.RuleConfig;
import org.pmdl.dsl.analysis.RuleControl;
import org.pmdl.dsl.analysis.RuleSettings;
import org.pmdl.model.SourceRef;
import org.pmdl.model.rules.Severity;

/** RuleControl's comment forms and settings, and RuleConfig's located mistakes (no parser: text in, verdicts out). */
class RuleControlTest {
    private static final String TEXT = """
            // a header comment
            // pmdl: disable PM-FLUSH-REDUNDANT
            scenario s on p {
                create namespace a in r0 mode raw size 17M   // pmdl: disable STEP-REFUSED
                // pmdl: disable EXPECT-UNMET

                expect a.size == 1G
                expect a.size == 2G
                store x "// pmdl: disable STEP-REFUSED"
            }
            """;

    @Test
    void headerCommentsDisableInTheWholeFileOthersOnTheirLineOrTheNext() {
        RuleControl control = RuleControl.of(TEXT, RuleSettings.NONE);
        assertEquals(Optional.empty(), control.reported("PM-FLUSH-REDUNDANT", 8, Severity.INFO), "header: file-wide");
        assertEquals(Optional.empty(), control.reported("STEP-REFUSED", 4, Severity.WARNING), "trailing: its line");
        assertEquals(Optional.of(Severity.WARNING), control.reported("STEP-REFUSED", 7, Severity.WARNING));
        assertEquals(Optional.empty(), control.reported("EXPECT-UNMET", 7, Severity.ERROR), "own line: next code line");
        assertEquals(Optional.of(Severity.ERROR), control.reported("EXPECT-UNMET", 8, Severity.ERROR),
                "only the next line with code");
        assertEquals(Optional.of(Severity.WARNING), control.reported("STEP-REFUSED", 9, Severity.WARNING),
                "// inside a string is no comment");
        assertEquals(List.of(), control.problems());
    }

    @Test
    void settingsDisableEverywhereAndTurnUpToErrors() {
        RuleControl control = RuleControl.of("scenario s on p {\n}\n",
                new RuleSettings(Set.of("PM-FENCE-NOTHING"), Set.of("STEP-REFUSED", "PM-FENCE-NOTHING")));
        assertEquals(Optional.empty(), control.reported("PM-FENCE-NOTHING", 1, Severity.INFO), "disabled wins");
        assertEquals(Optional.of(Severity.ERROR), control.reported("STEP-REFUSED", 2, Severity.WARNING));
        FileAnalysis reported = control.apply(new FileAnalysis(List.of(
                finding("STEP-REFUSED", Severity.WARNING, 2), finding("PM-FENCE-NOTHING", Severity.INFO, 1)),
                List.of()));
        assertEquals(List.of(finding("STEP-REFUSED", Severity.ERROR, 2)), reported.diagnostics());
        assertTrue(reported.hasErrors(), "a turned-up warning counts as an error");
    }

    @Test
    void crlfAndLoneCrEndLinesAsLf() {
        for (String end : List.of("\n", "\r\n", "\r")) {
            RuleControl control = RuleControl.of(String.join(end, TEXT.split("\n", -1)), RuleSettings.NONE);
            assertEquals(Optional.empty(), control.reported("STEP-REFUSED", 4, Severity.WARNING), "its line");
            assertEquals(Optional.of(Severity.WARNING), control.reported("STEP-REFUSED", 5, Severity.WARNING));
            assertEquals(Optional.empty(), control.reported("EXPECT-UNMET", 7, Severity.ERROR), "the next code line");
            assertEquals(Optional.of(Severity.ERROR), control.reported("EXPECT-UNMET", 8, Severity.ERROR));
            assertEquals(Optional.empty(), control.reported("PM-FLUSH-REDUNDANT", 9, Severity.INFO), "header");
        }
    }

    @Test
    void anUnknownRuleInACommentIsALocatedWarningWithTheNearestIds() {
        RuleControl control = RuleControl.of("platform p {  // pmdl: disable STEP-REFUSD, MAPPING-ALIGN\n}\n"
                + "// pmdl: disable\nplatform q {\n}\n", RuleSettings.NONE);
        List<Diagnostic> problems = control.problems();
        assertEquals(2, problems.size(), problems.toString());
        assertEquals("RULE-UNKNOWN", problems.get(0).rule());
        assertEquals(new SourceRef(1, 32, 1, 43), problems.get(0).range(), "at the misspelt ID");
        assertTrue(problems.get(0).message().contains("did you mean STEP-REFUSED"), problems.get(0).message());
        assertEquals(Optional.empty(), control.reported("MAPPING-ALIGN", 1, Severity.ERROR), "the known one applies");
        assertEquals("DISABLE-EMPTY", problems.get(1).rule());
        assertEquals(3, problems.get(1).range().line());
        assertTrue(problems.get(1).message().contains("names no rule"), problems.get(1).message());
    }

    @Test
    void theConfigurationReadsBothListsAndLocatesItsMistakes() {
        RuleConfig config = parse("""
                {
                  "disable": ["STEP-REFUSED", "EXPECT-UNMEt"],
                  "error": "PM-FENCE-NOTHING",
                  "warn": []
                }
                """);
        assertEquals(Set.of("STEP-REFUSED"), config.settings().disabled());
        List<String> located = config.problems().stream().map(config::located).toList();
        assertEquals(List.of(
                ".pmdl.json:2:32: warning: [RULE-UNKNOWN] unknown rule 'EXPECT-UNMEt' (did you mean EXPECT-UNMET?)",
                ".pmdl.json:3:3: error: [CONFIG-INVALID] \"error\" must be a list of rule IDs, e.g. [\"STEP-REFUSED\"]",
                ".pmdl.json:4:3: error: [CONFIG-INVALID] unknown key \"warn\" (known: \"disable\", \"error\")"),
                located);
    }

    @Test
    void malformedJsonIsOneLocatedErrorNotAnException() {
        for (String text : List.of("{\n  \"disable\": [\"STEP-REFUSED\",]\n}", "{\"disable\": []} trailing", "[]",
                "", "{\"disable\": [1]}", "\u0000\u00ff{")) {
            RuleConfig config = parse(text);
            assertEquals(1, config.problems().size(), text + " → " + config.problems());
            assertEquals("CONFIG-INVALID", config.problems().get(0).rule().id(), text);
            assertFalse(config.problems().get(0).message().contains("com.google"), "gson's words, not its class names");
        }
        RuleConfig trailingComma = parse("{\n  \"disable\": [\"STEP-REFUSED\",]\n}");
        assertEquals(2, trailingComma.problems().get(0).line(), trailingComma.problems().toString());
    }

    private static RuleConfig parse(String text) {
        return RuleConfig.parse(Path.of(RuleConfig.FILE_NAME), text);
    }

    private static Diagnostic finding(String rule, Severity severity, int line) {
        return new Diagnostic(rule, severity, new SourceRef(line, 5, line, 20), rule + " here", "PMDL language");
    }
}
