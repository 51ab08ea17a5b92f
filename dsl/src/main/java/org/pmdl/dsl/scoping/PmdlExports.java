package org.pmdl.dsl.scoping;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.resource.impl.DefaultResourceDescriptionStrategy;
import org.eclipse.xtext.util.IAcceptor;
import org.pmdl.dsl.pmdl.PmdlFile;

/**
 * What a file shows other files (and the index): its platforms and scenarios, which are top-level. The index is
 * rebuilt on every keystroke, so it looks no deeper than that instead of visiting every step of every scenario.
 */
public class PmdlExports extends DefaultResourceDescriptionStrategy {
    @Override
    public boolean createEObjectDescriptions(EObject object, IAcceptor<IEObjectDescription> acceptor) {
        super.createEObjectDescriptions(object, acceptor);
        return object instanceof PmdlFile;
    }
}
