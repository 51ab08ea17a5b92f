package org.pmdl.dsl.formatting;

import java.util.ArrayList;
import java.util.List;
import org.pmdl.dsl.text.TextEdit;

/**
 * The PMDL layout ({@code pmdl fmt}, editor formatting): four spaces per open brace, no trailing blanks, at most
 * one blank line in a row, none at the start or end, one final newline. Only whitespace between lines changes:
 * tokens, comments and the spacing inside a line (aligned comments, `4G - 128K`) stay as written, so the parsed
 * file is the same. Continuation lines of a block comment keep their indentation. Formatting twice changes nothing.
 */
public final class PmdlFormatter {
    private static final String INDENT = "    ";

    private PmdlFormatter() {
    }

    /** The formatted text. */
    public static String format(String text) {
        return TextEdit.apply(text, edits(text));
    }

    /** Line-by-line edits that format the text; none when it is already formatted. */
    public static List<TextEdit> edits(String text) {
        List<Line> lines = Line.split(text);
        String newline = dominantNewline(lines);
        List<String> wanted = layout(lines);
        List<TextEdit> edits = new ArrayList<>();
        int offset = 0;
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            // Each line keeps its own terminator, so a file's line-ending style (even a mixed one) survives.
            String terminator = line.terminator().isEmpty() ? newline : line.terminator();
            String replacement = wanted.get(i) == null ? "" : wanted.get(i) + terminator;
            String original = line.text() + line.terminator();
            if (!replacement.equals(original)) {
                edits.add(TextEdit.of(text, offset, original.length(), replacement));
            }
            offset += original.length();
        }
        return edits;
    }

    /** The terminator most lines end with ("\n" on a tie), for the final newline the layout adds. */
    private static String dominantNewline(List<Line> lines) {
        long crlf = lines.stream().filter(l -> l.terminator().equals("\r\n")).count();
        long lf = lines.stream().filter(l -> l.terminator().equals("\n")).count();
        return crlf > lf ? "\r\n" : "\n";
    }

    /** For each line, its formatted text, or null when the line goes (surplus blank lines). */
    private static List<String> layout(List<Line> lines) {
        List<String> wanted = new ArrayList<>();
        Scanner scanner = new Scanner();
        boolean previousBlank = true; // no blank lines at the start
        for (Line line : lines) {
            boolean inComment = scanner.inBlockComment();
            String content = inComment ? line.text().stripTrailing() : line.text().strip();
            int depthBefore = scanner.depth();
            scanner.scan(line.text());
            if (content.isEmpty() && !inComment) {
                wanted.add(previousBlank ? null : "");
                previousBlank = true;
                continue;
            }
            previousBlank = false;
            if (inComment) {
                wanted.add(content);
            } else {
                int depth = content.startsWith("}") ? Math.max(0, depthBefore - 1) : depthBefore;
                wanted.add(INDENT.repeat(depth) + content);
            }
        }
        for (int i = wanted.size() - 1; i >= 0 && (wanted.get(i) == null || wanted.get(i).isEmpty()); i--) {
            wanted.set(i, null); // no blank lines at the end
        }
        return wanted;
    }

    /** One line of the file without its terminator ("\n", "\r\n" or "" for the last line). */
    private record Line(String text, String terminator) {
        static List<Line> split(String text) {
            List<Line> lines = new ArrayList<>();
            int start = 0;
            while (start < text.length()) {
                int end = text.indexOf('\n', start);
                if (end < 0) {
                    lines.add(new Line(text.substring(start), ""));
                    break;
                }
                int contentEnd = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
                lines.add(new Line(text.substring(start, contentEnd), text.substring(contentEnd, end + 1)));
                start = end + 1;
            }
            return lines;
        }
    }

    /**
     * Follows the terminals of Pmdl.xtext across lines: braces count only outside strings and comments, a
     * block comment may span lines, strings and line comments may not.
     */
    private static final class Scanner {
        private int depth;
        private boolean blockComment;

        int depth() {
            return depth;
        }

        boolean inBlockComment() {
            return blockComment;
        }

        void scan(String line) {
            int i = 0;
            while (i < line.length()) {
                if (blockComment) {
                    int end = line.indexOf("*/", i);
                    if (end < 0) {
                        return;
                    }
                    blockComment = false;
                    i = end + 2;
                    continue;
                }
                char c = line.charAt(i);
                if (line.startsWith("//", i)) {
                    return;
                } else if (line.startsWith("/*", i)) {
                    blockComment = true;
                    i += 2;
                } else if (c == '"') {
                    i = endOfString(line, i + 1);
                } else {
                    depth += c == '{' ? 1 : c == '}' && depth > 0 ? -1 : 0;
                    i++;
                }
            }
        }

        private static int endOfString(String line, int i) {
            while (i < line.length() && line.charAt(i) != '"') {
                i += line.charAt(i) == '\\' ? 2 : 1;
            }
            return i + 1;
        }
    }
}
