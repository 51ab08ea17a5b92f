package org.pmdl.lsp;

import java.util.Arrays;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.xtext.ide.server.Document;

/**
 * An open document whose positions and offsets are found through its line starts, computed once for its text, where
 * Xtext's {@link Document} walks the text from its first character for every position (each didChange asked for
 * several: clamping the change, recording its offsets, applying it). The answers are Xtext's: a column counts every
 * character of its line but the {@code '\n'} (a {@code '\r'} included), a position past its line's end is out of
 * bounds, and an offset past the text is.
 */
public class IndexedDocument extends Document {
    /** The offset of each line's first character; built on the first position asked, then kept (the text is). */
    private volatile int[] lineStarts;

    public IndexedDocument(Integer version, String contents) {
        super(version, contents);
    }

    /** {@code document} with a line index ({@code document} itself when it has one). */
    static IndexedDocument of(Document document) {
        return document instanceof IndexedDocument indexed ? indexed
                : new IndexedDocument(document.getVersion(), document.getContents());
    }

    @Override
    public int getOffSet(Position position) {
        int[] starts = lineStarts();
        int line = position.getLine();
        if (line >= 0 && line < starts.length && position.getCharacter() >= 0
                && position.getCharacter() <= lineEnd(starts, line) - starts[line]) {
            return starts[line] + position.getCharacter();
        }
        throw new IndexOutOfBoundsException(position + getSourceOnError());
    }

    @Override
    public Position getPosition(int offset) {
        if (offset < 0 || offset > getContents().length()) {
            throw new IndexOutOfBoundsException(offset + getSourceOnError());
        }
        int[] starts = lineStarts();
        int line = Arrays.binarySearch(starts, offset);
        line = line >= 0 ? line : -line - 2; // the last line starting at or before the offset
        return new Position(line, offset - starts[line]);
    }

    @Override
    public int getLineCount() {
        return lineStarts().length;
    }

    /** {@code position} clamped to its line (its {@code '\r'} excluded) and to the text: LSP's "defaults back". */
    int clampedOffset(Position position) {
        int[] starts = lineStarts();
        if (position.getLine() >= starts.length) {
            return getContents().length();
        }
        int start = starts[Math.max(0, position.getLine())];
        int end = lineEnd(starts, Math.max(0, position.getLine()));
        end = end > start && getContents().charAt(end - 1) == '\r' ? end - 1 : end;
        return Math.max(start, Math.min(end, start + Math.max(0, position.getCharacter())));
    }

    /** Xtext's application of LSP's changes (each on the text the previous left), keeping the line index's class. */
    @Override
    public Document applyTextDocumentChanges(Iterable<? extends TextDocumentContentChangeEvent> changes) {
        Document applied = super.applyTextDocumentChanges(changes);
        return applied == this ? this : new IndexedDocument(applied.getVersion(), applied.getContents());
    }

    /** The end of {@code line}: its {@code '\n'}, or the end of the text for the last line. */
    private int lineEnd(int[] starts, int line) {
        return line + 1 < starts.length ? starts[line + 1] - 1 : getContents().length();
    }

    private int[] lineStarts() {
        int[] starts = lineStarts;
        if (starts == null) {
            starts = lineStarts(getContents());
            lineStarts = starts;
        }
        return starts;
    }

    /** The offset of each line's first character in {@code text} (lines end at {@code '\n'}). */
    static int[] lineStarts(String text) {
        int[] found = new int[64];
        int count = 1;
        for (int newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', newline + 1)) {
            if (count == found.length) {
                found = Arrays.copyOf(found, count * 2);
            }
            found[count++] = newline + 1;
        }
        return Arrays.copyOf(found, count);
    }
}
