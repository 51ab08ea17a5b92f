package org.pmdl.lsp;

import com.google.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.emf.common.util.URI;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.xtext.ide.server.BuildManager;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.ProjectManager;
import org.eclipse.xtext.ide.server.WorkspaceManager;
import org.eclipse.xtext.resource.IResourceDescription;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.xbase.lib.Functions;
import org.pmdl.lsp.protocol.ServerErrors;

/**
 * Xtext's workspace, telling {@link DocumentChanges} where each change of an open document was made, and keeping
 * the protocol's rules on what it is sent: an edit with a version not above the document's is out of order and
 * dropped; a range past the end of a line or of the document is clamped to it (LSP: "defaults back to the line
 * length"); requests are served for open documents and files of the workspace only, never any file on disk.
 */
public class PmdlWorkspaceManager extends WorkspaceManager {
    private final Object resourceCreation = new Object();

    @Inject
    private DocumentChanges changes;

    @Override
    public BuildManager.Buildable didChangeTextDocumentContent(URI uri, Integer version,
            Iterable<TextDocumentContentChangeEvent> events) {
        Document before = getOpenDocuments().get(uri);
        if (before != null && version != null && before.getVersion() != null && version <= before.getVersion()) {
            System.err.println("pmdl lsp: dropped an out-of-order edit of " + uri.lastSegment() + " (version "
                    + version + " after " + before.getVersion() + ")");
            return cancel -> List.of();
        }
        List<TextDocumentContentChangeEvent> clamped = before == null ? list(events) : clamped(before, events);
        BuildManager.Buildable build = super.didChangeTextDocumentContent(uri, version, clamped);
        Document after = getOpenDocuments().get(uri);
        if (before != null && after != null) {
            changes.record(uri, before, clamped, after);
        }
        return build;
    }

    /**
     * The workspace folders' first build, which initialize deferred ({@link WorkspaceIndexing}), then what follows
     * every build (the scenario runs it prepared).
     */
    void buildDeferred(List<PmdlProjectManager> projects) {
        List<IResourceDescription.Delta> deltas = new ArrayList<>();
        for (PmdlProjectManager project : projects) {
            deltas.addAll(project.buildDeferred().getAffectedResources());
        }
        afterBuild(deltas);
    }

    @Override
    public BuildManager.Buildable didOpen(URI uri, Integer version, String contents) {
        changes.forget(uri);
        BuildManager.Buildable build = super.didOpen(uri, version, contents);
        getOpenDocuments().computeIfPresent(uri, (u, document) -> IndexedDocument.of(document));
        return build;
    }

    @Override
    public BuildManager.Buildable didClose(URI uri) {
        changes.forget(uri);
        return super.didClose(uri);
    }

    @Override
    public <T> T doRead(URI uri, Functions.Function2<? super Document, ? super XtextResource, ? extends T> work) {
        URI document = uri.trimFragment(); // references and definitions read an object's URI
        if (!isDocumentOpen(document) && getProjectManagers().stream().map(ProjectManager::getBaseDir)
                .noneMatch(base -> base != null && uri.toString().startsWith(base.toString()))) {
            throw ServerErrors.refusal(ResponseErrorCode.InvalidParams, "not an open document nor a file of the"
                    + " workspace: " + uri.lastSegment());
        }
        if (!isDocumentOpen(document) && document.isFile() && !java.nio.file.Files.isRegularFile(
                java.nio.file.Path.of(document.toFileString()))) {
            throw ServerErrors.refusal(ResponseErrorCode.InvalidParams, "no such document: " + uri.lastSegment());
        }
        loadOnce(document);
        return super.doRead(uri, work);
    }

    /**
     * Xtext runs read requests in parallel, and each asks the project's resource set for the document's resource;
     * the first ask creates it, which the resource set does not guard: two concurrent first asks both create one,
     * and the second fails with "a different resource with the URI … was already registered" (seen in CI with 40
     * requests in flight at start-up). One creation at a time; later asks only look it up.
     */
    private void loadOnce(URI document) {
        ProjectManager project = getProjectManager(document);
        if (project != null) {
            synchronized (resourceCreation) {
                project.getResource(document);
            }
        }
    }

    /** The events with every range inside the text it applies to (each event applies to the previous one's). */
    private static List<TextDocumentContentChangeEvent> clamped(Document document,
            Iterable<TextDocumentContentChangeEvent> events) {
        List<TextDocumentContentChangeEvent> result = new ArrayList<>();
        IndexedDocument current = IndexedDocument.of(document);
        for (TextDocumentContentChangeEvent event : events) {
            TextDocumentContentChangeEvent inside = event;
            if (event.getRange() != null) {
                int start = current.clampedOffset(event.getRange().getStart());
                int end = current.clampedOffset(event.getRange().getEnd());
                inside = new TextDocumentContentChangeEvent(new Range(current.getPosition(Math.min(start, end)),
                        current.getPosition(Math.max(start, end))), event.getText());
            }
            result.add(inside);
            current = IndexedDocument.of(current.applyTextDocumentChanges(List.of(inside)));
        }
        return result;
    }

    private static List<TextDocumentContentChangeEvent> list(Iterable<TextDocumentContentChangeEvent> events) {
        List<TextDocumentContentChangeEvent> result = new ArrayList<>();
        events.forEach(result::add);
        return result;
    }
}
