package org.pmdl.lsp;

import com.google.inject.Inject;
import java.util.function.Predicate;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.build.IncrementalBuilder;

/**
 * Xtext's build, except that a changed open document keeps its resource, updated in place by
 * {@link DocumentChanges}, where Xtext would unload it and parse the whole text again.
 */
public class InPlaceBuilder extends IncrementalBuilder.InternalStatefulIncrementalBuilder {
    @Inject
    private DocumentChanges changes;

    @Override
    protected void unloadResource(URI uri, Predicate<Resource> condition) {
        boolean changedDocument = getRequest().getDirtyFiles().contains(uri)
                && !getRequest().getDeletedFiles().contains(uri);
        if (!changedDocument || !changes.updateInPlace(uri, getRequest().getResourceSet().getResource(uri, false))) {
            super.unloadResource(uri, condition);
        }
    }
}
