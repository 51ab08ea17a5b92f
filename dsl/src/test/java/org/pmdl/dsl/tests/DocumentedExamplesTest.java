package org.pmdl.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.eclipse.xtext.util.CancelIndicator;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pmdl.dsl.analysis.Diagnostic;
import org.pmdl.dsl.analysis.FileAnalysis;
import org.pmdl.dsl.analysis.PmdlAnalyzer;
import org.pmdl.dsl.pmdl.PmdlFile;
import org.pmdl.model.engine.RunOptions;
import org.pmdl.model.rules.Rules;
import org.pmdl.model.rules.Severity;

/**
 * Every {@code ```pmdl} block of docs/language.md and README.md parses, validates and runs without an error, an
 * unmet expectation or an unexpected refusal: what the documentation shows is what the language does. A block
 * that starts with {@code platform}, {@code scenario} or {@code import} is a file with the document's platforms
 * in front; any other block is a scenario's steps, on the platform its first line names ({@code // on NAME}) or
 * on the document's first one.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(PmdlInjectorProvider.class)
class DocumentedExamplesTest {
    private static final Path ROOT = Path.of("..");
    private static final Pattern BLOCK = Pattern.compile("(?m)^```pmdl\\n(.*?)^```$", Pattern.DOTALL);
    private static final Pattern ON = Pattern.compile("^// on (\\S+)");

    @Inject
    private ParseHelper<PmdlFile> parser;
    @Inject
    private PmdlAnalyzer analyzer;

    @TestFactory
    Stream<DynamicTest> languageReference() throws IOException {
        return examples(ROOT.resolve("docs/language.md"), 15);
    }

    @TestFactory
    Stream<DynamicTest> readme() throws IOException {
        return examples(ROOT.resolve("README.md"), 1);
    }

    /** One test per block, named after its first line in the document; at least {@code minimum} blocks. */
    private Stream<DynamicTest> examples(Path document, int minimum) throws IOException {
        String text = Files.readString(document);
        List<String> blocks = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        Matcher block = BLOCK.matcher(text);
        while (block.find()) {
            blocks.add(block.group(1));
            lines.add((int) text.substring(0, block.start()).chars().filter(c -> c == '\n').count() + 2);
        }
        assertTrue(blocks.size() >= minimum, document + " has " + blocks.size() + " pmdl blocks");
        String platforms = String.join("", blocks.stream().filter(b -> b.startsWith("platform")).toList());
        String firstPlatform = platforms.isEmpty() ? null : platforms.split("[\\s{]+")[1];
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            String example = blocks.get(i);
            String where = document + ":" + lines.get(i);
            String file;
            if (example.startsWith("platform")) {
                file = platforms; // all of them at once: names are unique across the document
            } else if (example.startsWith("scenario") || example.startsWith("import")) {
                file = platforms + example;
            } else {
                Matcher on = ON.matcher(example);
                file = platforms + "scenario example on " + (on.find() ? on.group(1) : firstPlatform) + " {\n"
                        + example + "}\n";
            }
            tests.add(DynamicTest.dynamicTest(where, () -> assertRuns(where, file)));
        }
        return tests.stream();
    }

    private void assertRuns(String where, String file) throws Exception {
        PmdlFile parsed = parser.parse(file);
        assertTrue(parsed.eResource().getErrors().isEmpty(), () -> where + ": " + parsed.eResource().getErrors()
                + "\n" + file);
        FileAnalysis analysis = analyzer.analyze(parsed.eResource(), true, RunOptions.DEFAULT, null,
                CancelIndicator.NullImpl);
        List<Diagnostic> wrong = analysis.diagnostics().stream().filter(d -> d.severity() == Severity.ERROR
                || d.rule().equals(Rules.STEP_REFUSED.id())).toList();
        assertFalse(!wrong.isEmpty(), () -> where + ": " + wrong.stream().map(d -> "line " + d.range().line()
                + ": [" + d.rule() + "] " + d.message()).toList() + "\n" + file);
    }
}
