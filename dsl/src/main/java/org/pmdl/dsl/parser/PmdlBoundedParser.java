package org.pmdl.dsl.parser;

import org.antlr.runtime.ANTLRStringStream;
import org.antlr.runtime.CharStream;
import org.eclipse.xtext.nodemodel.impl.NodeModelBuilder;
import org.eclipse.xtext.parser.IParseResult;
import org.pmdl.dsl.parser.antlr.PmdlParser;

/**
 * The generated parser, reading the text within {@link InputLimits}: what exceeds a bound is parsed as blanks
 * (the validator reports it), so deep or endless expressions cannot overflow a stack. The node model keeps the
 * document's own text (the same length), so offsets, edits and partial reparses see what the user wrote.
 */
public class PmdlBoundedParser extends PmdlParser {
    @Override
    protected IParseResult doParse(String ruleName, CharStream in, NodeModelBuilder builder, int initialLookAhead) {
        String text = in.substring(0, in.size() - 1);
        String bounded = InputLimits.bounded(text);
        if (bounded == text) {
            return super.doParse(ruleName, new ANTLRStringStream(text), builder, initialLookAhead);
        }
        IParseResult result = super.doParse(ruleName, new ANTLRStringStream(bounded), builder, initialLookAhead);
        builder.setCompleteContent(result.getRootNode(), text);
        return result;
    }
}
