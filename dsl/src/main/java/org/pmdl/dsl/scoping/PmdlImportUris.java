package org.pmdl.dsl.scoping;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.scoping.impl.ImportUriResolver;
import org.pmdl.dsl.lang.Imports;
import org.pmdl.dsl.pmdl.Import;

/**
 * Scoping sees only imports that can be loaded: a device, a FIFO, a non-PMDL or a too large file is never read
 * (Xtext would try, and fail or hang); the validator reports those at the import ({@link Imports#problem}).
 */
public class PmdlImportUris extends ImportUriResolver {
    @Override
    public String resolve(EObject object) {
        if (object instanceof Import imp && !Imports.exists(imp)) {
            return null;
        }
        return super.resolve(object);
    }
}
