package org.pmdl.eclipse;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.filebuffers.FileBuffers;
import org.eclipse.core.filebuffers.ITextFileBuffer;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.DocumentEvent;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IDocumentListener;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * The .pmdl documents open in editors, kept in step with the server: didOpen when the first editor shows one,
 * each edit as an incremental didChange (its range taken before the edit, as LSP wants), didClose when the last
 * editor lets it go. Editors on the same file share one document (the file buffer), so it is counted.
 */
final class Documents {

    private static final class Open {
        final String uri;
        int version;
        int editors;
        Range changing;
        IDocumentListener listener;
        /** The server process this document was last opened in, and at which version: later messages only. */
        LanguageServer openedIn;
        int openedVersion = -1;

        Open(String uri) {
            this.uri = uri;
        }
    }

    private final Map<IDocument, Open> open = new HashMap<>();

    /** LSP's form of a file URI (file:///path), as the server names its documents. */
    static String uri(Path file) {
        return file.toAbsolutePath().normalize().toUri().toString();
    }

    /** The file a document is the buffer of, or null (not a file: a compare editor, a stream). */
    static Path file(IDocument document) {
        ITextFileBuffer buffer = FileBuffers.getTextFileBufferManager().getTextFileBuffer(document);
        if (buffer == null || buffer.getFileStore() == null) {
            return null;
        }
        URI uri = buffer.getFileStore().toURI();
        return "file".equals(uri.getScheme()) ? Path.of(uri) : null;
    }

    synchronized String uri(IDocument document) {
        Open entry = open.get(document);
        return entry == null ? null : entry.uri;
    }

    /** The open document of a file, or null. */
    synchronized IDocument document(Path file) {
        String uri = uri(file);
        return open.entrySet().stream().filter(e -> e.getValue().uri.equals(uri)).map(Map.Entry::getKey)
                .findFirst().orElse(null);
    }

    synchronized void connect(IDocument document) {
        Open existing = open.get(document);
        if (existing != null) {
            existing.editors++;
            return;
        }
        Path file = file(document);
        if (file == null) {
            return;
        }
        Open entry = new Open(uri(file));
        entry.editors = 1;
        entry.listener = new IDocumentListener() {
            @Override
            public void documentAboutToBeChanged(DocumentEvent event) {
                entry.changing = range(document, event.getOffset(), event.getLength());
            }

            @Override
            public void documentChanged(DocumentEvent event) {
                TextDocumentContentChangeEvent change = new TextDocumentContentChangeEvent(entry.changing,
                        event.getText());
                int version;
                synchronized (Documents.this) {
                    version = ++entry.version;
                }
                Server.get().notify(server -> {
                    if (alreadyIn(entry, server, version)) {
                        return;
                    }
                    server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                            new VersionedTextDocumentIdentifier(entry.uri, version), List.of(change)));
                });
            }
        };
        document.addDocumentListener(entry.listener);
        open.put(document, entry);
        Server.get().notify(server -> {
            if (!alreadyIn(entry, server, 0)) {
                open(server, document, entry);
            }
        });
    }

    /** Whether the server got this version already, with the whole text of a (re)start's didOpen. */
    private synchronized boolean alreadyIn(Open entry, LanguageServer server, int version) {
        return entry.openedIn == server && version <= entry.openedVersion;
    }

    private synchronized void open(LanguageServer server, IDocument document, Open entry) {
        entry.openedIn = server;
        entry.openedVersion = entry.version;
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                new TextDocumentItem(entry.uri, "pmdl", entry.version, document.get())));
    }

    synchronized void disconnect(IDocument document) {
        Open entry = open.get(document);
        if (entry == null || --entry.editors > 0) {
            return;
        }
        open.remove(document);
        document.removeDocumentListener(entry.listener);
        Server.get().notify(server -> server.getTextDocumentService().didClose(
                new DidCloseTextDocumentParams(new TextDocumentIdentifier(entry.uri))));
    }

    /** After a (re)start: the server knows no document yet. On the server queue. */
    synchronized void reopenAll(LanguageServer server) {
        open.forEach((document, entry) -> open(server, document, entry));
    }

    static Position position(IDocument document, int offset) {
        try {
            int line = document.getLineOfOffset(offset);
            return new Position(line, offset - document.getLineOffset(line));
        } catch (BadLocationException e) {
            throw new IllegalArgumentException("offset " + offset + " outside the document", e);
        }
    }

    static Range range(IDocument document, int offset, int length) {
        return new Range(position(document, offset), position(document, offset + length));
    }

    /** The document offset of an LSP position, clamped to the document (the server may be an edit behind). */
    static int offset(IDocument document, Position position) {
        try {
            int line = Math.min(position.getLine(), document.getNumberOfLines() - 1);
            int lineLength = document.getLineLength(line) - lengthOfDelimiter(document, line);
            return document.getLineOffset(line) + Math.min(position.getCharacter(), lineLength);
        } catch (BadLocationException e) {
            return document.getLength();
        }
    }

    private static int lengthOfDelimiter(IDocument document, int line) throws BadLocationException {
        String delimiter = document.getLineDelimiter(line);
        return delimiter == null ? 0 : delimiter.length();
    }
}
