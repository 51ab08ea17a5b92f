package org.pmdl.eclipse;

import java.util.List;

import org.eclipse.core.runtime.IAdapterFactory;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.text.DocumentEvent;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IDocumentListener;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.texteditor.ITextEditor;
import org.eclipse.ui.views.contentoutline.ContentOutlinePage;
import org.eclipse.ui.views.contentoutline.IContentOutlinePage;

/**
 * The Outline view of a .pmdl editor: the server's document symbols (platforms, devices, regions, scenarios),
 * refreshed after each pause in typing; selecting one selects its name in the editor.
 */
public class Outline implements IAdapterFactory {

    @Override
    public <T> T getAdapter(Object adaptable, Class<T> adapterType) {
        if (adapterType != IContentOutlinePage.class || !(adaptable instanceof ITextEditor editor)
                || !isPmdl(editor)) {
            return null;
        }
        return adapterType.cast(new Page(editor));
    }

    @Override
    public Class<?>[] getAdapterList() {
        return new Class<?>[] {IContentOutlinePage.class};
    }

    private static boolean isPmdl(ITextEditor editor) {
        return editor.getEditorInput() != null && editor.getEditorInput().getName().endsWith(".pmdl");
    }

    private static final class Page extends ContentOutlinePage implements IDocumentListener {
        private final ITextEditor editor;
        private final Job job = Job.create("PMDL outline", monitor -> {
            refresh();
            return Status.OK_STATUS;
        });
        private IDocument document;

        Page(ITextEditor editor) {
            this.editor = editor;
            job.setSystem(true);
        }

        @Override
        public void createControl(Composite parent) {
            super.createControl(parent);
            TreeViewer tree = getTreeViewer();
            tree.setContentProvider(new ITreeContentProvider() {
                @Override
                public Object[] getElements(Object input) {
                    return ((List<?>) input).toArray();
                }

                @Override
                public Object[] getChildren(Object parent) {
                    return parent instanceof DocumentSymbol symbol && symbol.getChildren() != null
                            ? symbol.getChildren().toArray() : new Object[0];
                }

                @Override
                public Object getParent(Object element) {
                    return null;
                }

                @Override
                public boolean hasChildren(Object element) {
                    return getChildren(element).length > 0;
                }
            });
            tree.setLabelProvider(new LabelProvider() {
                @Override
                public String getText(Object element) {
                    if (element instanceof DocumentSymbol symbol) {
                        return symbol.getDetail() == null || symbol.getDetail().isBlank() ? symbol.getName()
                                : symbol.getName() + " : " + symbol.getDetail();
                    }
                    return ((SymbolInformation) element).getName();
                }
            });
            tree.addSelectionChangedListener(event -> reveal(
                    ((IStructuredSelection) event.getSelection()).getFirstElement()));
            document = editor.getDocumentProvider().getDocument(editor.getEditorInput());
            if (document != null) {
                document.addDocumentListener(this);
            }
            job.schedule();
        }

        private void refresh() {
            String uri = document == null ? null : Server.get().documents().uri(document);
            if (uri == null) {
                return;
            }
            var params = new DocumentSymbolParams(new TextDocumentIdentifier(uri));
            List<Either<SymbolInformation, DocumentSymbol>> symbols = Server.get().request(
                    Server.BACKGROUND_TIMEOUT_SECONDS, server -> server.getTextDocumentService().documentSymbol(params));
            if (symbols == null || getControl() == null) {
                return;
            }
            List<Object> elements = symbols.stream().map(s -> s.isLeft() ? (Object) s.getLeft() : s.getRight())
                    .toList();
            getControl().getDisplay().asyncExec(() -> {
                if (getControl() != null && !getControl().isDisposed()) {
                    getTreeViewer().setInput(elements);
                    getTreeViewer().expandAll();
                }
            });
        }

        private void reveal(Object element) {
            org.eclipse.lsp4j.Range range = element instanceof DocumentSymbol symbol ? symbol.getSelectionRange()
                    : element instanceof SymbolInformation symbol ? symbol.getLocation().getRange() : null;
            if (range != null && document != null) {
                int start = Documents.offset(document, range.getStart());
                editor.selectAndReveal(start, Documents.offset(document, range.getEnd()) - start);
            }
        }

        @Override
        public void documentAboutToBeChanged(DocumentEvent event) {
            // the outline follows the change
        }

        @Override
        public void documentChanged(DocumentEvent event) {
            job.schedule(300);
        }

        @Override
        public void dispose() {
            job.cancel();
            if (document != null) {
                document.removeDocumentListener(this);
            }
            super.dispose();
        }
    }
}
