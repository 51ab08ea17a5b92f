package org.pmdl.eclipse;

import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextInputListener;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.reconciler.IReconciler;
import org.eclipse.jface.text.reconciler.IReconcilingStrategy;

/**
 * Hooked into each Generic Editor on a .pmdl file (extension point `reconcilers`): tells the server which
 * document the editor shows, and when it stops showing it.
 */
public class DocumentSync implements IReconciler, ITextInputListener {

    private ITextViewer viewer;

    @Override
    public void install(ITextViewer textViewer) {
        viewer = textViewer;
        viewer.addTextInputListener(this);
        if (viewer.getDocument() != null) {
            Server.get().documents().connect(viewer.getDocument());
        }
    }

    @Override
    public void uninstall() {
        if (viewer != null) {
            viewer.removeTextInputListener(this);
            if (viewer.getDocument() != null) {
                Server.get().documents().disconnect(viewer.getDocument());
            }
            viewer = null;
        }
    }

    @Override
    public void inputDocumentAboutToBeChanged(IDocument oldInput, IDocument newInput) {
        if (oldInput != null) {
            Server.get().documents().disconnect(oldInput);
        }
    }

    @Override
    public void inputDocumentChanged(IDocument oldInput, IDocument newInput) {
        if (newInput != null) {
            Server.get().documents().connect(newInput);
        }
    }

    @Override
    public IReconcilingStrategy getReconcilingStrategy(String contentType) {
        return null; // the server reconciles: its diagnostics come back as markers
    }
}
