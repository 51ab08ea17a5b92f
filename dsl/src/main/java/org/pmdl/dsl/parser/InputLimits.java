package org.pmdl.dsl.parser;

import java.util.ArrayList;
import java.util.List;
import org.pmdl.model.rules.Rules;

/**
 * The bounds that keep the parser, linker and validator (all recursive over the syntax tree) inside a 512K
 * thread stack: parentheses nest at most {@link #MAX_DEPTH} deep and a size expression has at most
 * {@link #MAX_OPERATORS} operators (its tree is as deep as it is long). Found by a lexical scan (strings and
 * comments skipped), so it costs one pass and no recursion. {@link #bounded} is the text the parser reads: an
 * expression that exceeds a bound blanked, the same length, so every offset stays the document's; {@link #excesses} is what the
 * validator reports. A UTF-8 byte order mark at the start is read as a blank too. A document of more than
 * {@link #MAX_CHARS} is not parsed at all ({@link PmdlBoundedParser} reports {@link #tooLarge}).
 */
public final class InputLimits {
    public static final int MAX_DEPTH = 100;
    public static final int MAX_OPERATORS = 500;
    /**
     * Characters of one document read at all: its syntax tree, links and index take about 40 times its text, and the
     * language server holds more besides (the editor's copy, the runs): in a 160 MiB server a 2.7 MB document built,
     * a 3.9 MB one ran out of memory outside the parser and got no diagnostic. So a sixty-fourth of the heap (2.4 MiB
     * there); a larger heap ({@code PMDL_JAVA_OPTS=-Xmx...}) reads more.
     */
    public static final long MAX_CHARS = Math.max(1L << 20, Runtime.getRuntime().maxMemory() / 64);
    private static final char BOM = '\uFEFF';
    /**
     * INPUT-LIMIT, decided here for every bound (depth, length, size, the heap): the parser, the validator, the
     * analyzer and the language server only publish what this class found, under this ID.
     */
    public static final String RULE = Rules.INPUT_LIMIT.id();

    private InputLimits() {
    }

    /** Where the text exceeds a bound, and by how much. */
    public record Excess(int offset, int length, String message) {
    }

    /**
     * The last text scanned and what was found: the language server asks about the same text up to three times per
     * edit (its partial parser before and after the edit, then the validator), and the text before an edit is the
     * one the previous edit scanned.
     */
    private record Scanned(String text, List<Excess> excesses) {
    }

    private static volatile Scanned lastScanned;

    public static List<Excess> excesses(CharSequence text) {
        if (text.length() > MAX_CHARS) {
            return List.of(tooLarge(text));
        }
        Scanned last = lastScanned;
        if (last != null && last.text().contentEquals(text)) {
            return last.excesses();
        }
        String scanned = text.toString();
        List<Excess> found = List.copyOf(new Scan(scanned, null).excesses);
        lastScanned = new Scanned(scanned, found);
        return found;
    }

    /** The text to parse (at most {@link #MAX_CHARS}): the same string when nothing exceeds a bound and there is no BOM. */
    public static String bounded(String text) {
        Scan scan = new Scan(text, new StringBuilder(text));
        if (!scan.blanked && !text.startsWith(String.valueOf(BOM))) {
            return text;
        }
        if (text.startsWith(String.valueOf(BOM))) {
            scan.out.setCharAt(0, ' ');
        }
        return scan.out.toString();
    }

    private static Excess tooLarge(CharSequence text) {
        return new Excess(0, 0, tooLarge(text.length()));
    }

    /** Why a document of {@code length} characters is not read. */
    public static String tooLarge(int length) {
        return "the document has " + length + " characters, more than the " + MAX_CHARS + " this process reads with"
                + " its heap (" + heapMiB() + " MiB); split it into files that import each other, or give the JVM more"
                + " heap (PMDL_JAVA_OPTS=-Xmx...)";
    }

    /** Why a document's {@code work} ("parsing it", "running scenario s") stopped: the heap ran out. */
    public static String outOfMemory(String work) {
        return "ran out of memory " + work + " (heap " + heapMiB() + " MiB); give the JVM more heap"
                + " (PMDL_JAVA_OPTS=-Xmx...) or ask less of it: a smaller file, fewer steps, a lower crash `bound`";
    }

    private static long heapMiB() {
        return Runtime.getRuntime().maxMemory() >> 20;
    }

    /**
     * One pass over the tokens that matter: parentheses, the operators + - *, numbers; anything else (a word, a
     * brace, a string) ends an expression. An expression past a bound is blanked in {@code out} from its start to
     * its end: the parser then finds no value there (a syntax error besides this one) rather than a wrong one.
     */
    private static final class Scan {
        final List<Excess> excesses = new ArrayList<>();
        final StringBuilder out;
        boolean blanked;
        private final String text;
        private int depth;
        private int operators;
        private int expressionStart = -1;
        /** This expression exceeded a bound: reported, and blanked up to its end. */
        private boolean exceeded;

        Scan(CharSequence text, StringBuilder out) {
            this.text = text.toString();
            this.out = out;
            int i = 0;
            int n = text.length();
            while (i < n) {
                char c = text.charAt(i);
                if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
                    i = skipUntil(i, "\n");
                } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                    i = skipUntil(i + 2, "*/");
                } else if (c == '"') {
                    endExpression();
                    i = endOfString(i + 1);
                } else if (Character.isWhitespace(c) || c == BOM) {
                    i++;
                } else if (c == '(' || c == ')' || c == '+' || c == '-' || c == '*') {
                    token(i, i + 1);
                    depth = Math.max(0, depth + (c == '(' ? 1 : c == ')' ? -1 : 0));
                    operators += c == '(' || c == ')' ? 0 : 1;
                    if (depth > MAX_DEPTH) {
                        exceed(i, "parentheses nested more than " + MAX_DEPTH + " deep; write the expression flatter");
                    } else if (operators > MAX_OPERATORS) {
                        exceed(i, "this expression has more than " + MAX_OPERATORS + " operators; split the value up");
                    }
                    i++;
                } else if (c >= '0' && c <= '9') {
                    int end = i;
                    while (end < n && Character.isLetterOrDigit(text.charAt(end))) {
                        end++;
                    }
                    token(i, end);
                    i = end;
                } else {
                    endExpression();
                    i++;
                    if (Character.isLetter(c) || c == '_') {
                        while (i < n && (Character.isLetterOrDigit(text.charAt(i))
                                || "_.-".indexOf(text.charAt(i)) >= 0)) {
                            i++; // the rest of a word: `label-area` holds no operator
                        }
                    }
                }
            }
        }

        /** A token of a size expression at [start, end). */
        private void token(int start, int end) {
            if (expressionStart < 0) {
                expressionStart = start;
                operators = 0;
            }
            if (exceeded) {
                blank(start, end);
            }
        }

        private void exceed(int at, String message) {
            if (!exceeded) {
                excesses.add(new Excess(expressionStart, at + 1 - expressionStart, message));
                exceeded = true;
                blank(expressionStart, at + 1);
            }
        }

        /** A token that cannot be part of a size expression: the expression (if any) ended before it. */
        private void endExpression() {
            expressionStart = -1;
            exceeded = false;
            depth = 0; // a group left open is a syntax error of its own, not depth for the next expression
        }

        private void blank(int start, int end) {
            if (out != null) {
                for (int k = start; k < end; k++) {
                    out.setCharAt(k, ' ');
                }
            }
            blanked = true;
        }

        private int skipUntil(int from, String end) {
            int k = text.indexOf(end, from);
            return k < 0 ? text.length() : k + end.length();
        }

        private int endOfString(int i) {
            while (i < text.length() && text.charAt(i) != '"' && text.charAt(i) != '\n') {
                i += text.charAt(i) == '\\' ? 2 : 1;
            }
            return i + 1;
        }
    }
}
