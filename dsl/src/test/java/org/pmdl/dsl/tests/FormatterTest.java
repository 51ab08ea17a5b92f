package org.pmdl.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pmdl.dsl.formatting.PmdlFormatter;
import org.pmdl.dsl.pmdl.PmdlFile;
import org.pmdl.dsl.text.TextEdit;

/**
 * {@link PmdlFormatter}: the layout it promises, idempotence, and that the formatted text parses to the same
 * AST with the same comments, for a messy file and for every example.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(PmdlInjectorProvider.class)
class FormatterTest {
    static final String MESSY = "\n\n// x86 box with one DIMM   \n"
            + "platform box {\n"
            + "arch x86_64        // PAGE_SIZE 4K\n"
            + "\t  kernel \"6.1\"\n"
            + "\n\n\n"
            + "  nvdimm nmem0 { size 4G  label-area 128K }   \n"
            + "        region region0 at 0x100000000 {\n"
            + "mapping nmem0 dpa 0 size 4G - 128K  // one way, { in a comment\n"
            + "   /* a block comment\n"
            + "         keeps its own indentation */\n"
            + "}\n"
            + "   }\n"
            + "scenario s on box { init-labels nmem0\n"
            + "create namespace ns0 in region0 mode fsdax size 64M\n"
            + "    }\n\n\n";

    static final String FORMATTED = "// x86 box with one DIMM\n"
            + "platform box {\n"
            + "    arch x86_64        // PAGE_SIZE 4K\n"
            + "    kernel \"6.1\"\n"
            + "\n"
            + "    nvdimm nmem0 { size 4G  label-area 128K }\n"
            + "    region region0 at 0x100000000 {\n"
            + "        mapping nmem0 dpa 0 size 4G - 128K  // one way, { in a comment\n"
            + "        /* a block comment\n"
            + "         keeps its own indentation */\n"
            + "    }\n"
            + "}\n"
            + "scenario s on box { init-labels nmem0\n"
            + "    create namespace ns0 in region0 mode fsdax size 64M\n"
            + "}\n";

    @Inject
    private ParseHelper<PmdlFile> parser;

    @Test
    void laysOutIndentationBlankLinesAndTrailingSpace() {
        assertEquals(FORMATTED, PmdlFormatter.format(MESSY));
        assertEquals(FORMATTED, PmdlFormatter.format(FORMATTED), "idempotent");
        assertEquals(List.of(), PmdlFormatter.edits(FORMATTED), "no edits for a formatted file");
    }

    @Test
    void keepsEachLinesEnding() {
        String mixed = "platform p {\r\n  arch x86_64\n  kernel \"6.1\"\r\n}";
        assertEquals("platform p {\r\n    arch x86_64\n    kernel \"6.1\"\r\n}\r\n", PmdlFormatter.format(mixed),
                "a mixed file stays mixed; the added final newline is the file's most common one");
        String crlf = MESSY.replace("\n", "\r\n");
        assertEquals(FORMATTED.replace("\n", "\r\n"), PmdlFormatter.format(crlf));
        assertEquals(FORMATTED, PmdlFormatter.format(MESSY), "LF stays LF");
    }

    @Test
    void editsAreLineRangesThatReproduceTheFormattedText() {
        List<TextEdit> edits = PmdlFormatter.edits(MESSY);
        assertEquals(FORMATTED, TextEdit.apply(MESSY, edits));
        TextEdit arch = edits.stream().filter(e -> e.replacement().contains("arch")).findFirst().orElseThrow();
        assertEquals(5, arch.range().line());
        assertEquals(1, arch.range().column());
        assertEquals(6, arch.range().endLine());
    }

    @Test
    void keepsTheMeaningAndTheCommentsOfAMessyFile() throws Exception {
        assertSameFile(MESSY, PmdlFormatter.format(MESSY));
    }

    @Test
    void keepsTheMeaningOfEveryExample() throws Exception {
        try (Stream<Path> files = Files.walk(Path.of("../examples"))) {
            List<Path> examples = files.filter(p -> p.toString().endsWith(".pmdl")).toList();
            assertTrue(examples.size() >= 5, examples::toString);
            for (Path example : examples) {
                String text = Files.readString(example);
                String formatted = PmdlFormatter.format(text);
                assertEquals(formatted, PmdlFormatter.format(formatted), () -> "idempotent on " + example);
                assertSameFile(text, formatted);
            }
        }
    }

    /** Same AST (every attribute and reference) and the same comments, in order. */
    private void assertSameFile(String before, String after) throws Exception {
        PmdlFile original = parser.parse(before);
        PmdlFile formatted = parser.parse(after);
        assertTrue(original.eResource().getErrors().isEmpty(), () -> "syntax: " + original.eResource().getErrors());
        assertTrue(EcoreUtil.equals(original, formatted), "the formatted file parses to a different AST");
        assertEquals(comments(original), comments(formatted));
    }

    private static List<String> comments(PmdlFile file) {
        List<String> comments = new ArrayList<>();
        for (ILeafNode leaf : NodeModelUtils.getNode(file).getRootNode().getLeafNodes()) {
            if (leaf.isHidden() && leaf.getText().startsWith("/")) {
                comments.add(leaf.getText().strip().replaceAll("\\s+", " "));
            }
        }
        return comments;
    }
}
