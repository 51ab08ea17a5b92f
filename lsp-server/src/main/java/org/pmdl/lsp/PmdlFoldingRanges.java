package org.pmdl.lsp;

import java.util.Comparator;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.eclipse.xtext.TerminalRule;
import org.eclipse.xtext.ide.editor.folding.DefaultFoldingRangeProvider;
import org.eclipse.xtext.ide.editor.folding.FoldingRange;
import org.eclipse.xtext.ide.editor.folding.FoldingRangeKind;
import org.eclipse.xtext.ide.editor.folding.IFoldingRangeAcceptor;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;
import org.pmdl.dsl.pmdl.Import;
import org.pmdl.dsl.pmdl.PmdlFile;

/**
 * Folding: Xtext's blocks (platforms, devices, scenarios: every object over more than one line) and {@code /* *}{@code /}
 * comments, plus what it leaves out: a run of {@code //} comment lines, and the imports at the top of a file.
 */
public class PmdlFoldingRanges extends DefaultFoldingRangeProvider {

    /** Xtext's set keeps one range per offset; the imports start where the file's own range does. */
    @Override
    public SortedSet<FoldingRange> getFoldingRanges(XtextResource resource, CancelIndicator cancel) {
        SortedSet<FoldingRange> ranges = new TreeSet<>(Comparator.comparingInt(FoldingRange::getOffset)
                .thenComparingInt(FoldingRange::getLength));
        IFoldingRangeAcceptor acceptor = createAcceptor(resource, ranges);
        computeObjectFolding(resource, acceptor, cancel);
        computeCommentFolding(resource, acceptor);
        return ranges;
    }

    @Override
    protected void computeCommentFolding(XtextResource resource, IFoldingRangeAcceptor acceptor) {
        super.computeCommentFolding(resource, acceptor);
        if (resource.getParseResult() == null || resource.getParseResult().getRootNode() == null) {
            return;
        }
        INode root = resource.getParseResult().getRootNode();
        foldLineCommentRuns(root, acceptor);
        if (resource.getParseResult().getRootASTElement() instanceof PmdlFile file && file.getImports().size() > 1) {
            List<Import> imports = file.getImports();
            INode first = NodeModelUtils.findActualNodeFor(imports.get(0));
            INode last = NodeModelUtils.findActualNodeFor(imports.get(imports.size() - 1));
            if (first != null && last != null) {
                acceptor.accept(first.getOffset(), last.getEndOffset() - first.getOffset(), FoldingRangeKind.IMPORTS);
            }
        }
    }

    /** Two or more lines that hold nothing but a {@code //} comment, one after the other, fold as one. */
    private static void foldLineCommentRuns(INode root, IFoldingRangeAcceptor acceptor) {
        ILeafNode runStart = null;
        ILeafNode runEnd = null;
        int breaks = 1; // line breaks since the last token that is not white space (the file starts a line)
        for (ILeafNode leaf : root.getLeafNodes()) {
            boolean comment = leaf.getGrammarElement() instanceof TerminalRule rule
                    && rule.getName().equals("SL_COMMENT");
            if (comment && breaks > 0) {
                if (runStart == null) {
                    runStart = leaf;
                }
                runEnd = leaf;
                breaks = leaf.getText().endsWith("\n") ? 1 : 0; // an SL_COMMENT ends with its line break
            } else if (leaf.isHidden() && leaf.getText().isBlank()) {
                breaks += (int) leaf.getText().chars().filter(c -> c == '\n').count();
                if (breaks > 1) { // a blank line ends the run
                    runStart = accept(runStart, runEnd, acceptor);
                }
            } else {
                runStart = accept(runStart, runEnd, acceptor);
                breaks = comment && leaf.getText().endsWith("\n") ? 1 : 0; // a comment after code ends its line
            }
        }
        accept(runStart, runEnd, acceptor);
    }

    /** Folds the run when it spans two lines or more; returns null, the start of no run. */
    private static ILeafNode accept(ILeafNode start, ILeafNode end, IFoldingRangeAcceptor acceptor) {
        if (start != null && end != start) {
            // without the last comment's line break, so that the fold ends on the run's last line
            int length = end.getEndOffset() - start.getOffset() - (end.getText().endsWith("\n") ? 1 : 0);
            acceptor.accept(start.getOffset(), length, FoldingRangeKind.COMMENT);
        }
        return null;
    }
}
