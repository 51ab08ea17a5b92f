package org.pmdl.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Inject;
import java.util.List;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.eclipse.xtext.testing.validation.ValidationTestHelper;
import org.eclipse.xtext.validation.Issue;
import org.pmdl.dsl.pmdl.PmdlFile;
import org.pmdl.model.rules.Rule;

/** The validator's issues on a text that parses, and where a rule is reported (for the vocabulary tests). */
final class RuleIssues {
    @Inject
    private ParseHelper<PmdlFile> parser;
    @Inject
    private ValidationTestHelper validation;

    List<Issue> of(String text) throws Exception {
        PmdlFile file = parser.parse(text);
        assertTrue(file.eResource().getErrors().isEmpty(), () -> "syntax: " + file.eResource().getErrors());
        return validation.validate(file);
    }

    /** The rule is reported once, on the line holding the marker. */
    void assertFlags(Rule rule, String text, String marker) throws Exception {
        List<Issue> found = of(text).stream().filter(i -> rule.id().equals(i.getCode())).toList();
        assertEquals(1, found.size(), () -> rule.id() + " expected once, got " + found);
        int line = (int) text.substring(0, text.indexOf(marker)).chars().filter(c -> c == '\n').count() + 1;
        assertEquals(line, found.get(0).getLineNumber(), () -> "wrong line for " + found.get(0));
    }
}
