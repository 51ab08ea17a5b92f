package org.pmdl.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Injector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.eclipse.xtext.parser.impl.TokenRegionProvider;
import org.eclipse.xtext.util.ITextRegion;
import org.eclipse.xtext.util.TextRegion;
import org.junit.jupiter.api.Test;
import org.pmdl.dsl.ide.PmdlIdeSetup;

/** The tokens around an edit are those Xtext finds by lexing the whole document, wherever the edit is. */
class PmdlTokenRegionsTest {
    private final Injector injector = new PmdlIdeSetup().createInjectorAndDoEMFRegistration();

    @Test
    void regionsEqualXtextsLexingFromTheStart() throws Exception {
        PmdlTokenRegions regions = assertInstanceOf(PmdlTokenRegions.class,
                injector.getInstance(TokenRegionProvider.class));
        TokenRegionProvider xtext = new TokenRegionProvider(); // Xtext's own, lexing from the first character
        injector.injectMembers(xtext);
        List<String> texts = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("..", "examples"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".pmdl")).sorted().toList()) {
                texts.add(Files.readString(file));
            }
        }
        // block comments, blank lines and CRLF, which a lexer started mid-document could misread
        texts.add("platform p {\n    arch x86_64\n\n  \t\n    /* a\n    scenario\n */   kernel \"6.1\"\n}\n");
        texts.add("// line comment\n    \n\nplatform p { arch ppc64 /* x */ }\n  scenario s on p {\n  }\n");
        texts.add("platform p {\r\n    arch x86_64\r\n\r\n    nvdimm n0 { size 4G }\r\n}\r\n");
        Random random = new Random(7);
        int compared = 0;
        for (String text : texts) {
            for (int i = 0; i < 300; i++, compared++) {
                int offset = random.nextInt(text.length() + 1);
                int length = random.nextInt(Math.min(12, text.length() - offset) + 1);
                ITextRegion region = new TextRegion(offset, length);
                ITextRegion expected = xtext.getTokenRegion(text, region);
                ITextRegion actual = regions.getTokenRegion(text, region);
                assertEquals(expected.getOffset() + "+" + expected.getLength(),
                        actual.getOffset() + "+" + actual.getLength(), "region " + offset + "+" + length);
            }
        }
        assertTrue(compared >= 10_000, "regions compared: " + compared);
    }
}
