package org.pmdl.lsp;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.parser.impl.PartialParsingHelper;

/** Xtext's partial parser, telling the resource which object a reparse replaces (see {@link PmdlResource}). */
public class PmdlPartialParser extends PartialParsingHelper {
    @Override
    public void unloadSemanticObject(EObject object) {
        if (object != null && object.eResource() instanceof PmdlResource resource) {
            resource.replacing(object);
        }
        super.unloadSemanticObject(object);
    }
}
