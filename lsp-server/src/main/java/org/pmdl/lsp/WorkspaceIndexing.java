package org.pmdl.lsp;

import com.google.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.emf.common.util.URI;

/**
 * The workspace's first build, moved out of {@code initialize} (which Xtext runs it in, 3-4 s for {@code examples/})
 * so that the answer comes at once: the folders' projects are set up at initialize, their first build is deferred
 * here, and {@link PmdlLanguageServer#initialized} runs it as a write request, before any request that follows.
 * Folders added later are built at once, as Xtext does.
 */
@Singleton
public class WorkspaceIndexing {
    private final List<PmdlProjectManager> deferred = new ArrayList<>();
    private boolean started;
    /** Told of every file the deferred build has validated (the work-done progress), while it runs. */
    private volatile Consumer<URI> onBuilt = uri -> {
    };

    /** True when {@code project}'s first build is to wait for {@link #start}. */
    synchronized boolean defer(PmdlProjectManager project) {
        if (!started) {
            deferred.add(project);
        }
        return !started;
    }

    /** The projects whose first build was deferred; from now on no build is. */
    synchronized List<PmdlProjectManager> start() {
        started = true;
        List<PmdlProjectManager> projects = List.copyOf(deferred);
        deferred.clear();
        return projects;
    }

    void onBuilt(Consumer<URI> listener) {
        onBuilt = listener;
    }

    void built(URI uri) {
        onBuilt.accept(uri);
    }
}
