package org.pmdl.eclipse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.text.DocumentEvent;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IDocumentExtension4;
import org.eclipse.jface.text.IDocumentListener;
import org.eclipse.jface.text.ITextInputListener;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.Region;
import org.eclipse.jface.text.TextPresentation;
import org.eclipse.jface.text.presentation.IPresentationDamager;
import org.eclipse.jface.text.presentation.IPresentationReconciler;
import org.eclipse.jface.text.presentation.IPresentationRepairer;
import org.eclipse.lsp4j.SemanticTokens;
import org.eclipse.lsp4j.SemanticTokensLegend;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.graphics.Color;

/**
 * Colouring from the server's semantic tokens (extension point `presentationReconcilers`): the whole document's
 * tokens after each pause in typing, applied if the document did not change meanwhile. The token types are LSP's
 * standard ones (lsp-server's PmdlSemanticTokens); the colours are Eclipse's Java editor's.
 */
public class SemanticColouring implements IPresentationReconciler, ITextInputListener, IDocumentListener {

    private static final Set<SemanticColouring> INSTALLED = ConcurrentHashMap.newKeySet();
    private static final long PAUSE_MS = 150;
    private static final Map<String, StyleRange> STYLES = Map.of(
            "keyword", style(127, 0, 85, SWT.BOLD),
            "enumMember", style(0, 0, 192, SWT.ITALIC),
            "number", style(9, 134, 88, SWT.NORMAL),
            "string", style(42, 0, 255, SWT.NORMAL),
            "comment", style(63, 127, 95, SWT.NORMAL),
            "variable", style(0, 0, 0, SWT.NORMAL));

    private ITextViewer viewer;
    private final Job job = Job.create("PMDL semantic colouring", this::colour);

    private static StyleRange style(int red, int green, int blue, int fontStyle) {
        return new StyleRange(0, 0, new Color(red, green, blue), null, fontStyle);
    }

    /** The server asked for it (workspace/semanticTokens/refresh). */
    static void refreshAll() {
        INSTALLED.forEach(colouring -> colouring.job.schedule(PAUSE_MS));
    }

    @Override
    public void install(ITextViewer textViewer) {
        viewer = textViewer;
        job.setSystem(true);
        viewer.addTextInputListener(this);
        inputDocumentChanged(null, viewer.getDocument());
        INSTALLED.add(this);
    }

    @Override
    public void uninstall() {
        INSTALLED.remove(this);
        job.cancel();
        if (viewer != null) {
            viewer.removeTextInputListener(this);
            inputDocumentAboutToBeChanged(viewer.getDocument(), null);
        }
    }

    @Override
    public void inputDocumentAboutToBeChanged(IDocument oldInput, IDocument newInput) {
        if (oldInput != null) {
            oldInput.removeDocumentListener(this);
        }
    }

    @Override
    public void inputDocumentChanged(IDocument oldInput, IDocument newInput) {
        if (newInput != null) {
            newInput.addDocumentListener(this);
            job.schedule(PAUSE_MS);
        }
    }

    @Override
    public void documentAboutToBeChanged(DocumentEvent event) {
        // colours follow the change
    }

    @Override
    public void documentChanged(DocumentEvent event) {
        job.schedule(PAUSE_MS);
    }

    private IStatus colour(IProgressMonitor monitor) {
        ITextViewer target = viewer;
        IDocument document = target == null ? null : target.getDocument();
        String uri = document == null ? null : Server.get().documents().uri(document);
        if (uri == null) {
            return Status.OK_STATUS;
        }
        long stamp = ((IDocumentExtension4) document).getModificationStamp();
        var params = new SemanticTokensParams(new TextDocumentIdentifier(uri));
        SemanticTokens tokens = Server.get().request(Server.BACKGROUND_TIMEOUT_SECONDS,
                server -> server.getTextDocumentService().semanticTokensFull(params));
        SemanticTokensLegend legend = Server.get().legend();
        if (tokens == null || legend == null || monitor.isCanceled()) {
            return Status.OK_STATUS;
        }
        target.getTextWidget().getDisplay().asyncExec(() -> {
            if (target.getTextWidget() != null && !target.getTextWidget().isDisposed()
                    && target.getDocument() == document
                    && ((IDocumentExtension4) document).getModificationStamp() == stamp) {
                target.changeTextPresentation(presentation(document, tokens.getData(), legend), false);
            }
        });
        return Status.OK_STATUS;
    }

    /** LSP's relative encoding: per token (Δline, Δstart, length, type, modifiers). */
    static TextPresentation presentation(IDocument document, List<Integer> data, SemanticTokensLegend legend) {
        List<StyleRange> ranges = new ArrayList<>();
        int line = 0;
        int character = 0;
        for (int i = 0; i + 4 < data.size(); i += 5) {
            line += data.get(i);
            character = data.get(i) == 0 ? character + data.get(i + 1) : data.get(i + 1);
            String type = legend.getTokenTypes().get(data.get(i + 3));
            StyleRange style = STYLES.get(type);
            if (style == null) {
                continue;
            }
            int start = Documents.offset(document, new org.eclipse.lsp4j.Position(line, character));
            StyleRange range = (StyleRange) style.clone();
            range.start = start;
            range.length = Math.min(data.get(i + 2), document.getLength() - start);
            int declaration = legend.getTokenModifiers().indexOf("declaration");
            if (declaration >= 0 && (data.get(i + 4) & 1 << declaration) != 0) {
                range.fontStyle |= SWT.BOLD;
            }
            ranges.add(range);
        }
        TextPresentation presentation = new TextPresentation(new Region(0, document.getLength()), ranges.size());
        ranges.forEach(presentation::addStyleRange);
        return presentation;
    }

    @Override
    public IPresentationDamager getDamager(String contentType) {
        return null;
    }

    @Override
    public IPresentationRepairer getRepairer(String contentType) {
        return null;
    }
}
