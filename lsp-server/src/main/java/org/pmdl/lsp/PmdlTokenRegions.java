package org.pmdl.lsp;

import org.eclipse.xtext.parser.impl.TokenRegionProvider;
import org.eclipse.xtext.util.ITextRegion;
import org.eclipse.xtext.util.TextRegion;

/**
 * The tokens an edit touches, for Xtext's partial parser. Xtext lexes the document from its first character to find
 * them — on a 20,000-line file, a fifth of a keystroke. Here lexing starts at the first word of the edited line (or
 * of an earlier line, when the edit is in an indentation or a blank line): before it the text is whitespace back to
 * a line break, which no PMDL token but a block comment spans, so every token lexed from there is the one the whole
 * document has. A document with a block comment opened before that point is still lexed from the start.
 */
public class PmdlTokenRegions extends TokenRegionProvider {
    @Override
    public ITextRegion getTokenRegion(String text, ITextRegion region) {
        int from = tokenStartBefore(text, region.getOffset());
        if (from == 0) {
            return super.getTokenRegion(text, region);
        }
        ITextRegion tokens = super.getTokenRegion(text.substring(from),
                new TextRegion(region.getOffset() - from, region.getLength()));
        return new TextRegion(tokens.getOffset() + from, tokens.getLength());
    }

    /** The first non-blank character of the nearest line starting at or before {@code offset}, or 0. */
    static int tokenStartBefore(String text, int offset) {
        int end = Math.min(offset, text.length());
        while (end > 0) {
            int lineStart = text.lastIndexOf('\n', end - 1) + 1;
            int word = lineStart;
            while (word < end && isBlank(text.charAt(word))) {
                word++;
            }
            if (word < end || word == offset && word < text.length() && !isBlank(text.charAt(word))
                    && text.charAt(word) != '\n') {
                return lineStart == 0 || text.lastIndexOf("/*", word) >= 0 ? 0 : word;
            }
            end = lineStart - 1; // the edit is in this line's indentation, or the line is blank: look further up
        }
        return 0;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r';
    }
}
