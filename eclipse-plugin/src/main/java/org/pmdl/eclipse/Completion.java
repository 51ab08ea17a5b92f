package org.pmdl.eclipse;

import java.util.List;

import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.contentassist.CompletionProposal;
import org.eclipse.jface.text.contentassist.ICompletionProposal;
import org.eclipse.jface.text.contentassist.IContentAssistProcessor;
import org.eclipse.jface.text.contentassist.IContextInformation;
import org.eclipse.jface.text.contentassist.IContextInformationValidator;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * The server's completion (extension point `contentAssistProcessors`): keywords the grammar allows, names in
 * scope, errno names after `expect error`, a platform's supported alignments after a namespace's `align`.
 */
public class Completion implements IContentAssistProcessor {

    @Override
    public ICompletionProposal[] computeCompletionProposals(ITextViewer viewer, int offset) {
        IDocument document = viewer.getDocument();
        String uri = Server.get().documents().uri(document);
        if (uri == null) {
            return new ICompletionProposal[0];
        }
        CompletionParams params = new CompletionParams(new TextDocumentIdentifier(uri),
                Documents.position(document, offset));
        Either<List<CompletionItem>, CompletionList> answer = Server.get()
                .request(Server.INTERACTIVE_TIMEOUT_SECONDS,
                        server -> server.getTextDocumentService().completion(params));
        if (answer == null) {
            return new ICompletionProposal[0];
        }
        List<CompletionItem> items = answer.isLeft() ? answer.getLeft() : answer.getRight().getItems();
        return items.stream().map(item -> proposal(document, offset, item)).toArray(ICompletionProposal[]::new);
    }

    /** The item's text edit if it has one, else its text in place of the word before the cursor. */
    private static ICompletionProposal proposal(IDocument document, int offset, CompletionItem item) {
        String text = item.getInsertText() != null ? item.getInsertText() : item.getLabel();
        int start = wordStart(document, offset);
        int end = offset;
        if (item.getTextEdit() != null) {
            Either<TextEdit, org.eclipse.lsp4j.InsertReplaceEdit> edit = item.getTextEdit();
            Range range = edit.isLeft() ? edit.getLeft().getRange() : edit.getRight().getReplace();
            text = edit.isLeft() ? edit.getLeft().getNewText() : edit.getRight().getNewText();
            start = Documents.offset(document, range.getStart());
            end = Math.max(offset, Documents.offset(document, range.getEnd()));
        }
        String display = item.getDetail() == null || item.getDetail().isBlank() ? item.getLabel()
                : item.getLabel() + " — " + item.getDetail();
        return new CompletionProposal(text, start, end - start, text.length(), null, display, null, null);
    }

    private static int wordStart(IDocument document, int offset) {
        String text = document.get();
        int start = offset;
        while (start > 0 && isWordPart(text.charAt(start - 1))) {
            start--;
        }
        return start;
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.';
    }

    @Override
    public IContextInformation[] computeContextInformation(ITextViewer viewer, int offset) {
        return null;
    }

    @Override
    public char[] getCompletionProposalAutoActivationCharacters() {
        return null;
    }

    @Override
    public char[] getContextInformationAutoActivationCharacters() {
        return null;
    }

    @Override
    public String getErrorMessage() {
        return Server.get().startProblem();
    }

    @Override
    public IContextInformationValidator getContextInformationValidator() {
        return null;
    }
}
