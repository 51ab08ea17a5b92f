package org.pmdl.dsl.parser;

import org.antlr.runtime.ANTLRStringStream;
import org.antlr.runtime.CharStream;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.SyntaxErrorMessage;
import org.eclipse.xtext.nodemodel.impl.NodeModelBuilder;
import org.eclipse.xtext.parser.IParseResult;
import org.pmdl.dsl.parser.antlr.PmdlParser;

/**
 * The generated parser, reading the text within {@link InputLimits}: what exceeds a bound is parsed as blanks
 * (the validator reports it), so deep or endless expressions cannot overflow a stack. The node model keeps the
 * document's own text (the same length), so offsets, edits and partial reparses see what the user wrote.
 *
 * <p>A document the heap cannot hold as a syntax tree (longer than {@link InputLimits#MAX_CHARS}, or one whose
 * parse runs out of memory anyway) is not parsed: its parse result has no model and one syntax error, an
 * {@code INPUT-LIMIT} on its first line. It must be a syntax error: with no model, no validator check runs on it.
 */
public class PmdlBoundedParser extends PmdlParser {
    @Override
    protected IParseResult doParse(String ruleName, CharStream in, NodeModelBuilder builder, int initialLookAhead) {
        String text = in.substring(0, in.size() - 1);
        if (text.length() > InputLimits.MAX_CHARS) {
            return refused(text, InputLimits.tooLarge(text.length()), builder);
        }
        try {
            String bounded = InputLimits.bounded(text);
            if (bounded == text) {
                return super.doParse(ruleName, new ANTLRStringStream(text), builder, initialLookAhead);
            }
            IParseResult result = super.doParse(ruleName, new ANTLRStringStream(bounded), builder, initialLookAhead);
            builder.setCompleteContent(result.getRootNode(), text);
            return result;
        } catch (OutOfMemoryError e) {
            // the half-built tree was only reachable from this parse: it is garbage now
            return refused(text, InputLimits.outOfMemory("parsing it"), builder);
        }
    }

    /**
     * True when the text was not parsed (too large, or the heap ran out): its nodes carry no grammar, so services
     * that reparse around a position (content assist) have nothing to work with.
     */
    public static boolean refused(IParseResult result) {
        return result != null && result.getRootASTElement() == null && result.getRootNode().getFirstChild() != null
                && result.getRootNode().getFirstChild().getSyntaxErrorMessage() != null
                && InputLimits.RULE.equals(result.getRootNode().getFirstChild().getSyntaxErrorMessage()
                        .getIssueCode());
    }

    /** The text unread: a node for its first line carrying the error, a hidden one for the rest. */
    private static IParseResult refused(String text, String message, NodeModelBuilder builder) {
        ICompositeNode root = builder.newRootNode(text);
        int firstLine = text.indexOf('\n') < 0 ? text.length() : text.indexOf('\n');
        builder.newLeafNode(0, firstLine, null, false, new SyntaxErrorMessage(message, InputLimits.RULE), root);
        if (firstLine < text.length()) {
            builder.newLeafNode(firstLine, text.length() - firstLine, null, true, null, root);
        }
        return builder.createParseResult(null, root, true);
    }
}
