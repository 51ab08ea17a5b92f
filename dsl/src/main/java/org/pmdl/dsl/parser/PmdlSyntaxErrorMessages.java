package org.pmdl.dsl.parser;

import org.eclipse.xtext.nodemodel.SyntaxErrorMessage;
import org.eclipse.xtext.parser.antlr.SyntaxErrorMessageProvider;
import org.pmdl.model.rules.Rules;

/** ANTLR's messages name terminals by their rule ({@code RULE_ID}); say what the user should write instead. */
public class PmdlSyntaxErrorMessages extends SyntaxErrorMessageProvider {

    @Override
    public SyntaxErrorMessage getSyntaxErrorMessage(IParserErrorContext context) {
        return new SyntaxErrorMessage(readable(context.getDefaultMessage()), Rules.SYNTAX.id());
    }

    static String readable(String message) {
        return message
                .replace("RULE_ID", "a name")
                .replace("RULE_NUMBER", "a number or size (4096, 0x1000, 16M)")
                .replace("RULE_STRING", "a \"string\"")
                .replace("<EOF>", "end of file");
    }
}
