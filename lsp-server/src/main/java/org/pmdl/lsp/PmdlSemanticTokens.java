package org.pmdl.lsp;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.Assignment;
import org.eclipse.xtext.CrossReference;
import org.eclipse.xtext.EnumLiteralDeclaration;
import org.eclipse.xtext.GrammarUtil;
import org.eclipse.xtext.Keyword;
import org.eclipse.xtext.ParserRule;
import org.eclipse.xtext.RuleCall;
import org.eclipse.xtext.TerminalRule;
import org.eclipse.xtext.ide.editor.syntaxcoloring.IHighlightedPositionAcceptor;
import org.eclipse.xtext.ide.editor.syntaxcoloring.ISemanticHighlightingCalculator;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;

/**
 * Semantic tokens, named after LSP's standard token types (Xtext's SemanticTokensService maps the first style id
 * to a type and the rest to modifiers): keywords, enum words (x86_64, fsdax, clwb), numbers/sizes, strings,
 * comments, declared names (with the declaration modifier) and references to them, also where a keyword is the name.
 */
public class PmdlSemanticTokens implements ISemanticHighlightingCalculator {

    @Override
    public void provideHighlightingFor(XtextResource resource, IHighlightedPositionAcceptor acceptor,
            CancelIndicator cancel) {
        if (resource == null || resource.getParseResult() == null) {
            return;
        }
        int seen = 0;
        for (ILeafNode leaf : resource.getParseResult().getRootNode().getLeafNodes()) {
            if (++seen % 1024 == 0 && cancel.isCanceled()) {
                return;
            }
            String[] style = style(leaf);
            if (style != null && leaf.getLength() > 0) {
                acceptor.addPosition(leaf.getOffset(), leaf.getLength(), style);
            }
        }
    }

    private static String[] style(ILeafNode leaf) {
        EObject grammar = leaf.getGrammarElement();
        if (GrammarUtil.containingRule(grammar) instanceof ParserRule rule && rule.getName().equals("ValidID")) {
            grammar = leaf.getParent().getGrammarElement(); // a name, keyword or not: styled by where it stands
            if (grammar instanceof CrossReference) {
                return new String[] {"variable"};
            }
        }
        if (grammar instanceof Keyword keyword) {
            if (keyword.eContainer() instanceof EnumLiteralDeclaration) {
                return new String[] {"enumMember"};
            }
            return Character.isLetter(keyword.getValue().charAt(0)) ? new String[] {"keyword"} : null;
        }
        if (grammar instanceof EnumLiteralDeclaration) {
            return new String[] {"enumMember"};
        }
        if (!(grammar instanceof RuleCall call)) {
            return null;
        }
        if (call.eContainer() instanceof CrossReference) {
            return new String[] {"variable"};
        }
        if (call.eContainer() instanceof Assignment assignment && assignment.getFeature().equals("name")) {
            return new String[] {"variable", "declaration"};
        }
        if (call.getRule() instanceof TerminalRule terminal) {
            return switch (terminal.getName()) {
                case "NUMBER" -> new String[] {"number"};
                case "STRING" -> new String[] {"string"};
                case "ML_COMMENT", "SL_COMMENT" -> new String[] {"comment"};
                default -> null;
            };
        }
        return null;
    }
}
