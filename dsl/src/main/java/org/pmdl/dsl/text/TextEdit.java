package org.pmdl.dsl.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.pmdl.model.SourceRef;

/**
 * A replacement of a span of a file's text, for formatters, quick fixes and the editors that apply them: by
 * character offset and length, and by 1-based line and column (end exclusive) for protocols that count lines.
 */
public record TextEdit(int offset, int length, String replacement, SourceRef range) {

    /** An edit of {@code text} from {@code offset}, with its line/column range computed from the text. */
    public static TextEdit of(String text, int offset, int length, String replacement) {
        return new TextEdit(offset, length, replacement,
                new SourceRef(lineOf(text, offset), columnOf(text, offset), lineOf(text, offset + length),
                        columnOf(text, offset + length)));
    }

    /** The text with the edits made; they must not overlap. */
    public static String apply(String text, List<TextEdit> edits) {
        List<TextEdit> sorted = new ArrayList<>(edits);
        sorted.sort(Comparator.comparingInt(TextEdit::offset));
        StringBuilder result = new StringBuilder(text.length());
        int from = 0;
        for (TextEdit edit : sorted) {
            if (edit.offset() < from) {
                throw new IllegalArgumentException("overlapping edits at offset " + edit.offset());
            }
            result.append(text, from, edit.offset()).append(edit.replacement());
            from = edit.offset() + edit.length();
        }
        return result.append(text, from, text.length()).toString();
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            line += text.charAt(i) == '\n' ? 1 : 0;
        }
        return line;
    }

    private static int columnOf(String text, int offset) {
        int lineStart = text.lastIndexOf('\n', offset - 1) + 1;
        return offset - lineStart + 1;
    }
}
