package org.pmdl.dsl.parser;

import org.antlr.runtime.NoViableAltException;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.CrossReference;
import org.eclipse.xtext.RuleCall;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.SyntaxErrorMessage;
import org.eclipse.xtext.parser.antlr.SyntaxErrorMessageProvider;
import org.pmdl.model.rules.Rules;

/** ANTLR's messages name terminals by their rule ({@code RULE_ID}); say what the user should write instead. */
public class PmdlSyntaxErrorMessages extends SyntaxErrorMessageProvider {

    @Override
    public SyntaxErrorMessage getSyntaxErrorMessage(IParserErrorContext context) {
        String message = context.getDefaultMessage();
        // a name is ValidID, an ID or any keyword: ANTLR finds no alternative there rather than a missing RULE_ID
        if (context.getRecognitionException() instanceof NoViableAltException e && e.token != null
                && isName(context.getCurrentNode())) {
            message = "mismatched input '" + e.token.getText() + "' expecting RULE_ID";
        }
        return new SyntaxErrorMessage(readable(message), Rules.SYNTAX.id());
    }

    private static boolean isName(INode node) {
        EObject element = node == null ? null : node.getGrammarElement();
        if (element instanceof CrossReference reference) {
            element = reference.getTerminal();
        }
        return element instanceof RuleCall call && "ValidID".equals(call.getRule().getName());
    }

    static String readable(String message) {
        return message
                .replace("RULE_ID", "a name")
                .replace("RULE_NUMBER", "a number or size (4096, 0x1000, 16M)")
                .replace("RULE_STRING", "a \"string\"")
                .replace("<EOF>", "end of file");
    }
}
