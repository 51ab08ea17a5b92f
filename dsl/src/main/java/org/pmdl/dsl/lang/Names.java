package org.pmdl.dsl.lang;

import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

/** Names of declarations and the text of references, as the user wrote them. */
public final class Names {
    private Names() {
    }

    /**
     * The {@code name} of a declaration (Named has no common getter: its subtypes have several supertypes). Read
     * directly: Xtext's SimpleAttributeResolver would cache it per object, with an adapter and a weak reference for
     * each, which on a large file the collector then traces on every keystroke.
     */
    public static String nameOf(EObject declaration) {
        if (declaration == null) {
            return null;
        }
        EStructuralFeature name = declaration.eClass().getEStructuralFeature("name");
        return name instanceof EAttribute && declaration.eGet(name) instanceof String value ? value : null;
    }

    /**
     * The name a single-valued reference was written with, e.g. {@code namespace0.0} for a label-less region's
     * implicit namespace even though the link points at the region; for an attribute path ({@code ns0.size})
     * only the part before the last dot.
     */
    public static String referenceText(EObject owner, EReference reference) {
        var nodes = NodeModelUtils.findNodesForFeature(owner, reference);
        if (nodes.isEmpty()) {
            return null;
        }
        String text = NodeModelUtils.getTokenText(nodes.get(0));
        return isAttributePath(nodes.get(0)) ? AttributePaths.target(text) : text;
    }

    private static boolean isAttributePath(INode node) {
        return node.getGrammarElement() instanceof org.eclipse.xtext.CrossReference ref
                && ref.getTerminal() instanceof org.eclipse.xtext.RuleCall call
                && "AttributePath".equals(call.getRule().getName());
    }
}
