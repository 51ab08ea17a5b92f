package org.pmdl.lsp;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.parser.IParseResult;
import org.eclipse.xtext.parser.IParser;
import org.eclipse.xtext.parser.impl.PartialParsingHelper;
import org.eclipse.xtext.util.ReplaceRegion;
import org.pmdl.dsl.parser.InputLimits;

/**
 * Xtext's partial parser, telling the resource which object a reparse replaces (see {@link PmdlResource}). A text
 * that exceeds {@link InputLimits} before or after the edit is parsed whole: the bounds are counted from the
 * start of an expression, which a region reparsed from its middle would not see.
 */
public class PmdlPartialParser extends PartialParsingHelper {
    @Override
    public IParseResult reparse(IParser parser, IParseResult previousParseResult, ReplaceRegion changedRegion) {
        String before = previousParseResult.getRootNode().getText();
        String after = before.substring(0, changedRegion.getOffset()) + changedRegion.getText()
                + before.substring(changedRegion.getEndOffset());
        if (!InputLimits.excesses(before).isEmpty() || !InputLimits.excesses(after).isEmpty()) {
            return fullyReparse(parser, previousParseResult, changedRegion);
        }
        return super.reparse(parser, previousParseResult, changedRegion);
    }

    @Override
    public void unloadSemanticObject(EObject object) {
        if (object != null && object.eResource() instanceof PmdlResource resource) {
            resource.replacing(object);
        }
        super.unloadSemanticObject(object);
    }
}
