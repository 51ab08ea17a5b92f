package org.pmdl.lsp;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.diagnostics.IDiagnosticConsumer;
import org.eclipse.xtext.linking.lazy.LazyLinker;

/** Xtext's linker, which can also link a part of a linked file (see {@link PmdlResource}). */
public class PmdlLinker extends LazyLinker {
    /**
     * Links {@code part} and its contents again. Unlike {@link #linkModel}, the rest of the file keeps its links:
     * the bookkeeping of its unresolved ones and the names they looked up are not cleared.
     */
    void linkPart(EObject part, IDiagnosticConsumer consumer) {
        doLinkModel(part, consumer);
    }
}
