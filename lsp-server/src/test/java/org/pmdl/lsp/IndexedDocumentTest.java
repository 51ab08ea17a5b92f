package org.pmdl.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.xtext.ide.server.Document;
import org.junit.jupiter.api.Test;

/**
 * The line index answers every position and offset as Xtext's {@link Document} does by walking the text (the
 * expected values are Xtext's own answers on the same text), out-of-bounds ones included, and applies edits alike.
 */
class IndexedDocumentTest {
    @Test
    void positionsAndOffsetsAreXtexts() throws Exception {
        List<String> texts = texts();
        int compared = 0;
        for (String text : texts) {
            Document xtext = new Document(1, text);
            IndexedDocument indexed = new IndexedDocument(1, text);
            assertEquals(xtext.getLineCount(), indexed.getLineCount(), text);
            for (int offset = -1; offset <= text.length() + 1; offset++, compared++) {
                int at = offset;
                assertEquals(answer(() -> xtext.getPosition(at)), answer(() -> indexed.getPosition(at)),
                        "offset " + offset);
            }
            int lines = xtext.getLineCount();
            for (int line = -1; line <= lines; line++) {
                for (int character = -1; character <= 90; character++, compared++) {
                    Position position = new Position(line, character);
                    assertEquals(answer(() -> xtext.getOffSet(position)), answer(() -> indexed.getOffSet(position)),
                            "position " + position);
                }
            }
        }
        assertTrue(compared >= 80_000, "answers compared: " + compared);
    }

    @Test
    void editsGiveXtextsTextAndKeepTheIndex() throws Exception {
        Random random = new Random(20);
        for (String text : texts()) {
            Document xtext = new Document(1, text);
            Document indexed = new IndexedDocument(1, text);
            for (int i = 0; i < 40; i++) {
                int start = random.nextInt(xtext.getContents().length() + 1);
                int end = start + random.nextInt(Math.min(6, xtext.getContents().length() - start) + 1);
                String inserted = List.of("", "x", "\n", "\r\n", "16M\n    ", "\r").get(random.nextInt(6));
                var change = List.of(new TextDocumentContentChangeEvent(
                        new Range(xtext.getPosition(start), xtext.getPosition(end)), inserted));
                xtext = xtext.applyTextDocumentChanges(change);
                indexed = indexed.applyTextDocumentChanges(change);
                assertInstanceOf(IndexedDocument.class, indexed);
                assertEquals(xtext.getContents(), indexed.getContents());
                assertEquals(xtext.getVersion(), indexed.getVersion());
                assertEquals(xtext.getLineCount(), indexed.getLineCount());
            }
        }
    }

    /** Every example, and line ends of each kind: \n, \r\n, a lone \r (a column of its line for Xtext), none. */
    private static List<String> texts() throws Exception {
        List<String> texts = new ArrayList<>(List.of("", "\n", "a", "a\n", "\n\n", "ab\r\ncd\r\n", "ab\rcd",
                "platform p {\r\n    arch x86_64\r\n}", "x\n\ny\n  \n"));
        try (Stream<Path> files = Files.walk(Path.of("..", "examples"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".pmdl")).sorted().limit(8).toList()) {
                texts.add(Files.readString(file));
            }
        }
        return texts;
    }

    /** The value, or the exception's class: Xtext throws IndexOutOfBoundsException for what is outside the text. */
    private static Object answer(Callable<?> question) throws Exception {
        try {
            return question.call();
        } catch (IndexOutOfBoundsException e) {
            return e.getClass();
        }
    }
}
