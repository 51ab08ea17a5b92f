package org.pmdl.lsp;

import com.google.inject.Inject;
import com.google.inject.Provider;
import com.google.inject.Singleton;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.build.IncrementalBuilder;
import org.eclipse.xtext.ide.server.ProjectManager;
import org.eclipse.xtext.resource.IExternalContentSupport;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.resource.impl.ProjectDescription;
import org.eclipse.xtext.resource.impl.ResourceDescriptionsData;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.Issue;
import org.eclipse.xtext.workspace.IProjectConfig;
import org.eclipse.xtext.workspace.ISourceFolder;
import org.eclipse.xtext.xbase.lib.Procedures;
import org.pmdl.dsl.lang.Imports;

/**
 * A workspace folder whose resource sets confine imports to the folder when the client asks ({@link Confinement}),
 * and whose first build waits for {@code initialized} ({@link WorkspaceIndexing}).
 */
public class PmdlProjectManager extends ProjectManager {
    /** The editor's {@code pmdl.confineImports} setting, set at initialize, before any project is built. */
    @Singleton
    public static class Confinement {
        volatile boolean confined;
    }

    @Inject
    private Confinement confinement;

    @Inject
    private WorkspaceIndexing indexing;

    @Override
    public void initialize(ProjectDescription description, IProjectConfig projectConfig,
            Procedures.Procedure2<? super URI, ? super Iterable<Issue>> acceptor,
            IExternalContentSupport.IExternalContentProvider openedDocuments,
            Provider<Map<String, ResourceDescriptionsData>> index, CancelIndicator cancel) {
        super.initialize(description, projectConfig, (uri, issues) -> {
            acceptor.apply(uri, issues);
            indexing.built(uri);
        }, openedDocuments, index, cancel);
    }

    /** Nothing yet while the workspace's first build is deferred: {@link #buildDeferred} does it. */
    @Override
    public IncrementalBuilder.Result doInitialBuild(CancelIndicator cancel) {
        return indexing.defer(this) ? doBuild(List.of(), List.of(), List.of(), cancel) : super.doInitialBuild(cancel);
    }

    /** The deferred first build, to the end: what later edits build on must be complete. */
    IncrementalBuilder.Result buildDeferred() {
        return super.doInitialBuild(CancelIndicator.NullImpl);
    }

    /** The PMDL files the first build validates (the work-done progress's 100 %). */
    int pmdlFileCount() {
        List<URI> files = new ArrayList<>();
        for (ISourceFolder folder : getProjectConfig().getSourceFolders()) {
            files.addAll(folder.getAllResources(fileSystemScanner));
        }
        return (int) files.stream().filter(uri -> "pmdl".equals(uri.fileExtension())).count();
    }

    @Override
    protected XtextResourceSet createFreshResourceSet(ResourceDescriptionsData data) {
        return confine(super.createFreshResourceSet(data));
    }

    @Override
    public XtextResourceSet createLiveScopeResourceSet() {
        return confine(super.createLiveScopeResourceSet());
    }

    private XtextResourceSet confine(XtextResourceSet set) {
        if (confinement.confined && getBaseDir() != null && getBaseDir().isFile()) {
            set.getLoadOptions().put(Imports.CONFINE_TO, List.of(Path.of(getBaseDir().toFileString())));
        }
        return set;
    }
}
