package org.pmdl.dsl.compiler;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.util.LineAndColumn;
import org.pmdl.model.SourceRef;

/** Positions of AST objects as 1-based line/column ranges (end exclusive), for the model to carry back. */
public final class SourceRefs {
    private SourceRefs() {
    }

    public static SourceRef of(EObject object) {
        ICompositeNode node = NodeModelUtils.getNode(object);
        return node == null ? SourceRef.NONE : of(node);
    }

    public static SourceRef of(INode node) {
        INode root = node.getRootNode();
        int start = node.getOffset();
        int end = node.getEndOffset();
        LineAndColumn from = NodeModelUtils.getLineAndColumn(root, start);
        LineAndColumn to = NodeModelUtils.getLineAndColumn(root, end);
        return new SourceRef(from.getLine(), from.getColumn(), to.getLine(), to.getColumn());
    }
}
