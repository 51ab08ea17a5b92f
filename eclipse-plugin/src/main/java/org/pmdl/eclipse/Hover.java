package org.pmdl.eclipse;

import java.util.stream.Collectors;

import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.ITextHover;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.Region;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.MarkedString;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * The server's hover (extension point `hoverProviders`): on a step its predicted outcome, the values after it and
 * the rules that decided it; on a device its attributes. Shown as the text the server wrote (Markdown).
 */
public class Hover implements ITextHover {

    @Override
    public IRegion getHoverRegion(ITextViewer textViewer, int offset) {
        return new Region(offset, 0);
    }

    @Override
    @SuppressWarnings("deprecation") // ITextHover's plain-text form: the Generic Editor shows it as is
    public String getHoverInfo(ITextViewer textViewer, IRegion hoverRegion) {
        Documents documents = Server.get().documents();
        String uri = documents.uri(textViewer.getDocument());
        if (uri == null) {
            return null;
        }
        HoverParams params = new HoverParams(new TextDocumentIdentifier(uri),
                Documents.position(textViewer.getDocument(), hoverRegion.getOffset()));
        org.eclipse.lsp4j.Hover hover = Server.get().request(Server.INTERACTIVE_TIMEOUT_SECONDS,
                server -> server.getTextDocumentService().hover(params));
        if (hover == null || hover.getContents() == null) {
            return null;
        }
        Either<java.util.List<Either<String, MarkedString>>, MarkupContent> contents = hover.getContents();
        String text = contents.isRight() ? contents.getRight().getValue() : contents.getLeft().stream()
                .map(part -> part.isLeft() ? part.getLeft() : part.getRight().getValue())
                .collect(Collectors.joining("\n\n"));
        return text.isBlank() ? null : text;
    }
}
