package org.pmdl.lsp;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.xtext.ide.server.ProjectManager;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.resource.impl.ResourceDescriptionsData;
import org.pmdl.dsl.lang.Imports;

/** A workspace folder whose resource sets confine imports to the folder when the client asks ({@link Confinement}). */
public class PmdlProjectManager extends ProjectManager {
    /** The editor's {@code pmdl.confineImports} setting, set at initialize, before any project is built. */
    @Singleton
    public static class Confinement {
        volatile boolean confined;
    }

    @Inject
    private Confinement confinement;

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
