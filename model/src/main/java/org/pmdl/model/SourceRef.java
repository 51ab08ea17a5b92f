package org.pmdl.model;

/**
 * Where a model object came from in the user's text: 1-based line and column of its first character,
 * and of the position just after its last character. The model never reads files; it only carries this
 * back to the presenters (CLI, LSP) so every result lands on the text that caused it.
 */
public record SourceRef(int line, int column, int endLine, int endColumn) {
    public static final SourceRef NONE = new SourceRef(0, 0, 0, 0);
}
