package org.pmdl.lsp;

import org.eclipse.xtext.ide.editor.contentassist.ContentAssistContext;
import org.eclipse.xtext.ide.editor.contentassist.antlr.AntlrProposalConflictHelper;

/**
 * Xtext's check whether a proposal would merge with the text before it, made safe for concurrent completion
 * requests. The helper lexes with three lexers it keeps in fields, and it is shared by every request (it hangs off
 * the singleton ContentAssistService); two requests at once reset each other's lexer input, which failed with
 * NullPointerExceptions on the ANTLR input and "offset -1" errors. One check at a time: each lexes two short
 * strings.
 */
public class PmdlProposalConflicts extends AntlrProposalConflictHelper {
    @Override
    public synchronized boolean existsConflict(String lastCompleteText, String proposal,
            ContentAssistContext context) {
        return super.existsConflict(lastCompleteText, proposal, context);
    }
}
