package org.pmdl.lsp;

import com.google.inject.Singleton;
import org.eclipse.xtext.ide.editor.contentassist.IIdeContentProposalAcceptor;
import org.eclipse.xtext.ide.server.contentassist.ContentAssistService;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.TextRegion;
import org.pmdl.dsl.parser.PmdlBoundedParser;

/**
 * Xtext's completion, except in a document the parser refused (larger than the heap reads, or out of memory) or
 * one with no parse at all (its load failed, e.g. the heap ran out while linking it): there is no syntax tree to
 * complete in, so nothing is proposed.
 */
@Singleton // as Xtext's: one per language
public class PmdlContentAssist extends ContentAssistService {
    @Override
    protected void createProposals(String document, TextRegion selection, int caretOffset, XtextResource resource,
            IIdeContentProposalAcceptor acceptor) {
        if (resource.getParseResult() != null && !PmdlBoundedParser.refused(resource.getParseResult())) {
            super.createProposals(document, selection, caretOffset, resource, acceptor);
        }
    }
}
