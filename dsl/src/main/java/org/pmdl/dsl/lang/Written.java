package org.pmdl.dsl.lang;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.Action;
import org.eclipse.xtext.Assignment;
import org.eclipse.xtext.GrammarUtil;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

/**
 * Whether the user wrote an optional attribute. EMF's eIsSet cannot tell: an enum attribute holding its first
 * literal ({@code mode raw}, {@code map mem}, {@code mmu radix}) reads as unset. The parse tree can.
 */
public final class Written {
    /** The assignment each grammar element sits in (none for most): the grammar does not change, the walk is hot. */
    private static final Map<EObject, Optional<Assignment>> ASSIGNMENTS = new ConcurrentHashMap<>();

    private Written() {
    }

    public static boolean isWritten(EObject object, EStructuralFeature feature) {
        // a parsed value other than the default was written; only a default value needs the (slower) parse tree
        return object.eIsSet(feature) || assigned(object, feature);
    }

    /**
     * Whether the object's parse tree assigns the feature: {@link NodeModelUtils#findNodesForFeature} found a node,
     * read as it reads the tree (nested assignments are other objects' and not entered), stopping at the first node
     * and passing over whitespace and comments. Compiling a 20,000-step file asks this twice a step per keystroke.
     */
    private static boolean assigned(EObject object, EStructuralFeature feature) {
        ICompositeNode node = NodeModelUtils.findActualNodeFor(object);
        if (node == null) {
            return false;
        }
        var nodes = node.getAsTreeIterable().iterator();
        while (nodes.hasNext()) {
            INode child = nodes.next();
            EObject grammar = child.getGrammarElement();
            if (grammar instanceof Action) {
                // an action's node stands for another object: Xtext's own reading
                return !NodeModelUtils.findNodesForFeature(object, feature).isEmpty();
            }
            if (child == node || grammar == null || child instanceof ILeafNode leaf && leaf.isHidden()) {
                continue;
            }
            Optional<Assignment> assignment = ASSIGNMENTS.computeIfAbsent(grammar,
                    element -> Optional.ofNullable(GrammarUtil.containingAssignment(element)));
            if (assignment.isPresent()) {
                if (feature.getName().equals(assignment.get().getFeature())) {
                    return true;
                }
                nodes.prune();
            }
        }
        return false;
    }
}
