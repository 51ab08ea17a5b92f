package org.pmdl.dsl.lang;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.pmdl.dsl.pmdl.Import;

/** {@code import "file.pmdl"}: a path relative to the importing file. */
public final class Imports {
    private Imports() {
    }

    public static URI resolvedUri(Import imp) {
        URI uri = URI.createURI(imp.getImportURI());
        URI base = imp.eResource().getURI();
        return uri.isRelative() && base != null && base.isHierarchical() ? uri.resolve(base) : uri;
    }

    /** True when the imported file is loaded already (an editor buffer) or exists on disk. */
    public static boolean exists(Import imp) {
        if (imp.getImportURI() == null || imp.getImportURI().isBlank()) {
            return false;
        }
        URI uri = resolvedUri(imp);
        ResourceSet set = imp.eResource().getResourceSet();
        return set.getResource(uri, false) != null || set.getURIConverter().exists(uri, null);
    }

    /** The imported file's resource, loaded on demand; null when it does not exist. */
    public static Resource load(Import imp) {
        return exists(imp) ? imp.eResource().getResourceSet().getResource(resolvedUri(imp), true) : null;
    }
}
