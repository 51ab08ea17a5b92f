package org.pmdl.lsp;

import com.google.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.resource.XtextResource;

/**
 * The edits made to each open document since its last build, so that the build can reparse only what they touched
 * ({@link XtextResource#update}, Xtext's partial parser) instead of the whole text. Xtext's language server unloads a
 * changed document and parses it again from the first character; on a 20,000-line file that was most of a
 * keystroke's time and nearly all of its garbage. Edits are recorded and consumed on the server's write thread
 * (didChange and the build it starts), never concurrently.
 */
@Singleton
public class DocumentChanges {
    /** {@code length} characters at {@code offset} replaced by {@code text}, offsets of the text before the edit. */
    private record Replace(int offset, int length, String text) {
    }

    /**
     * @param edits    in the order they were made, each on the text the previous one left
     * @param text     the document's text after them
     * @param reparse  true when an edit replaced the whole text (the resource is parsed from scratch)
     */
    private record Pending(List<Replace> edits, String text, boolean reparse) {
    }

    private final Map<URI, Pending> pending = new HashMap<>();

    /** {@code changes}, in LSP's order (each on the text the previous left), made to {@code before}. */
    void record(URI uri, Document before, Iterable<? extends TextDocumentContentChangeEvent> changes, Document after) {
        Pending earlier = pending.get(uri);
        List<Replace> edits = earlier == null ? new ArrayList<>() : new ArrayList<>(earlier.edits());
        boolean reparse = earlier != null && earlier.reparse();
        Document current = before;
        List<TextDocumentContentChangeEvent> events = new ArrayList<>();
        changes.forEach(events::add);
        for (int i = 0; i < events.size() && !reparse; i++) {
            TextDocumentContentChangeEvent event = events.get(i);
            if (event.getRange() == null) {
                reparse = true;
                break;
            }
            int start = current.getOffSet(event.getRange().getStart());
            int end = current.getOffSet(event.getRange().getEnd());
            edits.add(new Replace(start, end - start, event.getText()));
            if (i + 1 < events.size()) {
                current = current.applyTextDocumentChanges(List.of(event));
            }
        }
        pending.put(uri, new Pending(reparse ? List.of() : edits, after.getContents(), reparse));
    }

    /** The document was opened or closed: whatever the build finds loaded for it is parsed again. */
    void forget(URI uri) {
        pending.remove(uri);
    }

    /**
     * Brings {@code resource} up to date with its document's edits by reparsing only the parts they touched. False,
     * with the resource left for the caller to unload and load again, when there are no recorded edits, one
     * replaced the whole text, or the updated resource's text is not the document's (it was loaded from something
     * else).
     */
    boolean updateInPlace(URI uri, Resource resource) {
        Pending edits = pending.remove(uri);
        if (edits == null || edits.reparse() || !(resource instanceof XtextResource xtext) || !xtext.isLoaded()
                || xtext.getParseResult() == null) {
            return false;
        }
        try {
            for (Replace edit : edits.edits()) {
                xtext.update(edit.offset(), edit.length(), edit.text());
            }
        } catch (RuntimeException e) {
            System.err.println("pmdl lsp: reparsing " + uri + " in place failed, parsing it again: " + e);
            return false;
        }
        if (!xtext.getParseResult().getRootNode().getText().equals(edits.text())) {
            System.err.println("pmdl lsp: reparsing " + uri + " in place gave another text than the editor's, "
                    + "parsing it again");
            return false;
        }
        return true;
    }
}
