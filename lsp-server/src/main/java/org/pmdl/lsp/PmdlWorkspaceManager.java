package org.pmdl.lsp;

import com.google.inject.Inject;
import org.eclipse.emf.common.util.URI;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.xtext.ide.server.BuildManager;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.WorkspaceManager;

/** Xtext's workspace, telling {@link DocumentChanges} where each change of an open document was made. */
public class PmdlWorkspaceManager extends WorkspaceManager {
    @Inject
    private DocumentChanges changes;

    @Override
    public BuildManager.Buildable didChangeTextDocumentContent(URI uri, Integer version,
            Iterable<TextDocumentContentChangeEvent> events) {
        Document before = getOpenDocuments().get(uri);
        BuildManager.Buildable build = super.didChangeTextDocumentContent(uri, version, events);
        Document after = getOpenDocuments().get(uri);
        if (before != null && after != null) {
            changes.record(uri, before, events, after);
        }
        return build;
    }

    @Override
    public BuildManager.Buildable didOpen(URI uri, Integer version, String contents) {
        changes.forget(uri);
        return super.didOpen(uri, version, contents);
    }

    @Override
    public BuildManager.Buildable didClose(URI uri) {
        changes.forget(uri);
        return super.didClose(uri);
    }
}
