package org.pmdl.dsl.lang;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

/**
 * Whether the user wrote an optional attribute. EMF's eIsSet cannot tell: an enum attribute holding its first
 * literal ({@code mode raw}, {@code map mem}, {@code mmu radix}) reads as unset. The parse tree can.
 */
public final class Written {
    private Written() {
    }

    public static boolean isWritten(EObject object, EStructuralFeature feature) {
        // a parsed value other than the default was written; only a default value needs the (slower) parse tree
        return object.eIsSet(feature) || !NodeModelUtils.findNodesForFeature(object, feature).isEmpty();
    }
}
