package org.pmdl.lsp;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.InternalEObject;
import org.eclipse.xtext.linking.lazy.LazyLinkingResource;

/**
 * The language server's resource. The build unloads a document's old resource on every change, which turns each of
 * its objects into a proxy named by its path fragment ({@code //@elements.1/@steps.17/@action}); EMF finds an
 * object's index by searching its list, so unloading a scenario of N steps cost N²/2 comparisons per object level
 * (a fifth of a 20,000-line file's build). Here one walk names every object, with the same fragments.
 */
public class PmdlResource extends LazyLinkingResource {
    /** The fragments of the objects being unloaded, while {@link #doUnload()} runs. */
    private Map<EObject, String> unloading;

    @Override
    protected void doUnload() {
        unloading = fragments();
        try {
            super.doUnload();
        } finally {
            unloading = null;
        }
    }

    @Override
    public String getURIFragment(EObject object) {
        String fragment = unloading == null ? null : unloading.get(object);
        return fragment != null ? fragment : super.getURIFragment(object);
    }

    /** Every object's path fragment, as {@link #getURIFragment} gives it, by object. */
    Map<EObject, String> fragments() {
        Map<EObject, String> fragments = new IdentityHashMap<>();
        for (EObject root : getContents()) {
            String fragment = super.getURIFragment(root);
            fragments.put(root, fragment);
            addContents(root, fragment, fragments);
        }
        return fragments;
    }

    private static void addContents(EObject parent, String fragment, Map<EObject, String> fragments) {
        for (EReference containment : parent.eClass().getEAllContainments()) {
            if (!parent.eIsSet(containment)) {
                continue;
            }
            if (containment.isMany() && containment.getEKeys().isEmpty()) {
                List<?> children = (List<?>) parent.eGet(containment, false);
                String prefix = fragment + "/@" + containment.getName() + ".";
                for (int i = 0; i < children.size(); i++) {
                    add((EObject) children.get(i), prefix + i, fragments);
                }
            } else if (containment.isMany()) {
                for (Object child : (List<?>) parent.eGet(containment, false)) {
                    add((EObject) child, fragment + "/"
                            + ((InternalEObject) parent).eURIFragmentSegment(containment, (EObject) child), fragments);
                }
            } else {
                EObject child = (EObject) parent.eGet(containment, false);
                add(child, fragment + "/" + ((InternalEObject) parent).eURIFragmentSegment(containment, child),
                        fragments);
            }
        }
    }

    private static void add(EObject child, String fragment, Map<EObject, String> fragments) {
        fragments.put(child, fragment);
        addContents(child, fragment, fragments);
    }
}
