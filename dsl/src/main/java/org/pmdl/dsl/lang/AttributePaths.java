package org.pmdl.dsl.lang;

import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.pmdl.dsl.pmdl.AttributeCondition;
import org.pmdl.dsl.pmdl.PmdlPackage;

/**
 * {@code NAME.attr} is one ID token because names may contain dots ({@code namespace0.0.size}); the attribute
 * is the part after the last dot (language.md §1).
 */
public final class AttributePaths {
    private AttributePaths() {
    }

    /** The object part of a path: everything before the last dot, or null when there is no dot. */
    public static String target(String path) {
        int dot = path.lastIndexOf('.');
        return dot <= 0 ? null : path.substring(0, dot);
    }

    /** The attribute part of a path: everything after the last dot, or null when there is none. */
    public static String attribute(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 || dot == path.length() - 1 ? null : path.substring(dot + 1);
    }

    /** The attribute an {@code expect NAME.attr OP VALUE} reads. */
    public static String attributeOf(AttributeCondition condition) {
        var nodes = NodeModelUtils.findNodesForFeature(condition, PmdlPackage.Literals.ATTRIBUTE_CONDITION__TARGET);
        return nodes.isEmpty() ? null : attribute(NodeModelUtils.getTokenText(nodes.get(0)));
    }
}
