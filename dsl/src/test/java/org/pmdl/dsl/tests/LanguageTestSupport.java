package org.pmdl.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Inject;
import java.util.List;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.eclipse.xtext.testing.validation.ValidationTestHelper;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pmdl.dsl.compiler.PmdlCompiler;
import org.pmdl.dsl.pmdl.PmdlFile;
import org.pmdl.model.rules.Rule;

/** Parse, validate and compile PMDL text in a test; find a rule's diagnostic on the line of a marker. */
@ExtendWith(InjectionExtension.class)
@InjectWith(PmdlInjectorProvider.class)
abstract class LanguageTestSupport {
    @Inject
    protected ParseHelper<PmdlFile> parser;
    @Inject
    protected ValidationTestHelper validation;

    protected PmdlCompiler.CompiledFile compile(String text) throws Exception {
        PmdlFile file = parser.parse(text);
        validation.assertNoErrors(file);
        return new PmdlCompiler().compile(file);
    }

    protected List<Issue> issues(String text) throws Exception {
        PmdlFile file = parser.parse(text);
        assertTrue(file.eResource().getErrors().isEmpty(), () -> "syntax: " + file.eResource().getErrors());
        return validation.validate(file);
    }

    protected static List<Issue> of(List<Issue> issues, Rule rule) {
        return issues.stream().filter(i -> rule.id().equals(i.getCode())).toList();
    }

    /**
     * The file breaks the rule: exactly one diagnostic under it, with the rule's severity and a message that says
     * what to do, on the line that holds {@code marker}.
     */
    protected void assertFlags(Rule rule, String text, String marker) throws Exception {
        List<Issue> found = of(issues(text), rule);
        assertEquals(1, found.size(), () -> rule.id() + " expected once, got " + found);
        int line = (int) text.substring(0, text.indexOf(marker)).chars().filter(c -> c == '\n').count() + 1;
        assertEquals(line, found.get(0).getLineNumber(), () -> "wrong line for " + found.get(0));
        assertEquals(rule.severity().label(), found.get(0).getSeverity().name().toLowerCase());
        assertTrue(found.get(0).getMessage().length() > 20, "a message that says what to do");
    }

    protected void assertClean(Rule rule, String text) throws Exception {
        List<Issue> found = of(issues(text), rule);
        assertTrue(found.isEmpty(), () -> rule.id() + " should not fire: " + found);
    }
}
