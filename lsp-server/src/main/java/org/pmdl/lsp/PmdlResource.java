package org.pmdl.lsp;

import com.google.inject.Inject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.emf.common.util.TreeIterator;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.InternalEObject;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.linking.lazy.LazyLinkingResource;
import org.eclipse.xtext.parser.IParseResult;
import org.eclipse.xtext.service.OperationCanceledManager;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.resource.impl.ListBasedDiagnosticConsumer;
import org.pmdl.dsl.lang.Names;
import org.pmdl.dsl.pmdl.Import;
import org.pmdl.dsl.pmdl.Platform;
import org.pmdl.dsl.pmdl.PmdlFile;
import org.pmdl.dsl.pmdl.PmdlPackage;
import org.pmdl.dsl.pmdl.Scenario;

/**
 * The language server's resource.
 *
 * <p>Linking. After a keystroke, Xtext's partial parser replaces one object (a step, a size) by its reparsed
 * version, and Xtext then links the whole file again: every reference of every step turned back into a proxy and
 * resolved through its scope. When the replaced object declared exactly the names its replacement declares, no
 * other reference can resolve differently, so only the new object's references are linked, with those elsewhere that
 * pointed into the old object. Anything else (a platform, a scenario, an import, a name added, removed or renamed,
 * a step inserted) is linked whole, as Xtext does.
 *
 * <p>Resolving. The build resolves every lazy link of the file several times a keystroke (indexing, imported names,
 * validation), each time walking every object. After a part was linked only that part's links, and those that
 * could not be resolved before (a misspelt name), are resolved again; the rest were resolved and did not change.
 *
 * <p>Fragments. An object's URI fragment ({@code //@elements.1/@steps.17/@action}) holds its
 * index in each list on its path, which EMF finds by searching the list: for a scenario of N steps that is N²/2
 * comparisons each time every step is named — and a build names them all several times (link proxies, index
 * entries, unloading). Here each object's list index is remembered, checked in O(1) before use and relearnt for the
 * whole list when the list changed, so fragments stay EMF's at a hash lookup per level.
 */
public class PmdlResource extends LazyLinkingResource {
    /** Each object's index in the containment list that holds it, as last seen; checked before every use. */
    private final Map<EObject, Integer> listIndexes = new IdentityHashMap<>();

    @Override
    public String getURIFragment(EObject object) {
        if (EcoreUtil.getID(object) != null) {
            return super.getURIFragment(object);
        }
        Deque<String> segments = new ArrayDeque<>();
        InternalEObject child = (InternalEObject) object;
        for (InternalEObject parent = child.eInternalContainer(); parent != null; parent = child.eInternalContainer()) {
            segments.addFirst(segment(parent, child.eContainingFeature(), child));
            child = parent;
        }
        boolean ours = child.eDirectResource() == this || unloadingContents != null && unloadingContents.contains(child);
        if (child == object || !ours) {
            return super.getURIFragment(object); // a root, or an object of no resource or another one
        }
        return super.getURIFragment(child) + "/" + String.join("/", segments);
    }

    /** {@link InternalEObject#eURIFragmentSegment}, with the list index from {@link #listIndexes}. */
    private String segment(InternalEObject parent, EStructuralFeature feature, EObject child) {
        if (!(feature instanceof EReference containment) || !containment.isMany()
                || !containment.getEKeys().isEmpty()) {
            return parent.eURIFragmentSegment(feature, child);
        }
        List<?> list = (List<?>) parent.eGet(containment, false);
        Integer index;
        synchronized (listIndexes) { // read requests (hover, references) name objects in parallel
            index = listIndexes.get(child);
            if (index == null || index >= list.size() || list.get(index) != child) {
                for (int i = 0; i < list.size(); i++) {
                    listIndexes.put((EObject) list.get(i), i);
                }
                index = listIndexes.get(child);
            }
        }
        return "@" + containment.getName() + "." + index;
    }

    /**
     * The object a partial reparse is replacing: its place ({@code index} in a list of {@code size}, or -1) and
     * the names it declared; null when the replacement must be linked whole.
     */
    private record Replaced(EObject container, EStructuralFeature feature, int index, int size,
            List<String> declarations) {
        /** What sits in the old object's place now; null when the list changed length (a step added or removed). */
        EObject replacement() {
            Object value = container.eGet(feature, false);
            if (index < 0) {
                return (EObject) value;
            }
            List<?> list = (List<?>) value;
            return list.size() == size ? (EObject) list.get(index) : null;
        }
    }

    private Replaced replaced;
    /** How many updates linked only their replacement (the tests check that the fast path is taken). */
    int partLinks;

    /** Called by {@link PmdlPartialParser} just before {@code old} is unloaded and replaced. */
    void replacing(EObject old) {
        replaced = null;
        EObject container = old.eContainer();
        List<String> declarations = declarations(old);
        if (!isUpdating || container == null || declarations == null) {
            return; // a full parse, or a replacement that can change what other references see
        }
        EStructuralFeature feature = old.eContainingFeature();
        List<?> siblings = feature.isMany() ? (List<?>) container.eGet(feature, false) : null;
        replaced = new Replaced(container, feature, siblings == null ? -1 : siblings.indexOf(old),
                siblings == null ? -1 : siblings.size(), declarations);
    }

    /**
     * What {@code root} and its contents make visible to references: each declaration's kind and name, in order;
     * null if they contain a platform, scenario or import, which decide what is visible where.
     */
    private static List<String> declarations(EObject root) {
        List<String> declarations = new ArrayList<>();
        for (TreeIterator<EObject> all = EcoreUtil.getAllProperContents(List.of(root), false); all.hasNext();) {
            EObject object = all.next();
            if (object instanceof Platform || object instanceof Scenario || object instanceof Import
                    || object instanceof PmdlFile) {
                return null;
            }
            if (PmdlPackage.Literals.NAMED.isSuperTypeOf(object.eClass())) {
                declarations.add(object.eClass().getName() + " " + Names.nameOf(object));
            }
        }
        return declarations;
    }

    @Override
    public void update(int offset, int replacedTextLength, String newText) {
        replaced = null;
        super.update(offset, replacedTextLength, newText);
    }

    @Override
    protected void doLinking() {
        Replaced last = replaced;
        replaced = null;
        EObject replacement = last == null ? null : last.replacement();
        if (replacement == null || getParseResult() == null || !(getLinker() instanceof PmdlLinker linker)
                || !last.declarations().equals(declarations(replacement))) {
            toResolve = null;
            super.doLinking();
            return;
        }
        ListBasedDiagnosticConsumer consumer = new ListBasedDiagnosticConsumer();
        linker.linkPart(replacement, consumer);
        partLinks++;
        List<EObject> linked = new ArrayList<>(List.of(replacement));
        for (EObject referrer : referringToUnloaded(replacement)) {
            linker.linkPart(referrer, consumer);
            linked.add(referrer);
        }
        if (toResolve != null) { // else the whole file still waits to be resolved
            linked.addAll(toResolve); // parts linked by earlier edits, not resolved yet
            toResolve = linked;
        }
        if (!isValidationDisabled()) {
            getErrors().addAll(consumer.getResult(Severity.ERROR));
            getWarnings().addAll(consumer.getResult(Severity.WARNING));
        }
    }

    /**
     * The objects outside {@code replacement} with a resolved reference to an unloaded object (the replaced one or
     * its contents, now proxies named by their old fragment rather than links to resolve).
     */
    private List<EObject> referringToUnloaded(EObject replacement) {
        List<EObject> referrers = new ArrayList<>();
        for (TreeIterator<EObject> all = getAllContents(); all.hasNext();) {
            EObject object = all.next();
            if (object == replacement) {
                all.prune();
                continue;
            }
            for (EReference reference : object.eClass().getEAllReferences()) {
                if (!reference.isContainment() && !reference.isContainer() && !reference.isDerived()
                        && holdsProxy(object, reference, false)) {
                    referrers.add(object);
                    break;
                }
            }
        }
        return referrers;
    }

    @Inject
    private OperationCanceledManager cancellation;

    /** The roots of the parts linked since the last resolution; null when the whole file was. */
    private List<EObject> toResolve;
    /** The objects left holding an unresolved link by the last resolution. */
    private Set<EObject> unresolved = Collections.newSetFromMap(new IdentityHashMap<>());

    @Override
    public void resolveLazyCrossReferences(CancelIndicator cancel) {
        List<Iterator<EObject>> parts = new ArrayList<>();
        if (toResolve == null) {
            parts.add(getAllContents());
        } else {
            for (EObject root : toResolve) {
                if (root.eResource() == this) { // not replaced by a later edit
                    parts.add(EcoreUtil.getAllProperContents(List.of(root), true));
                }
            }
            parts.add(List.copyOf(unresolved).stream().filter(object -> object.eResource() == this).iterator());
        }
        Set<EObject> stillUnresolved = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Iterator<EObject> objects : parts) {
            while (objects.hasNext()) {
                cancellation.checkCanceled(cancel); // nothing is forgotten: the next call does it all again
                InternalEObject object = (InternalEObject) objects.next();
                for (EReference reference : object.eClass().getEAllReferences()) {
                    if (!reference.isContainment() && !reference.isContainer()) {
                        resolveLazyCrossReference(object, reference);
                        if (holdsProxy(object, reference, true)) {
                            stillUnresolved.add(object);
                        }
                    }
                }
            }
        }
        unresolved = stillUnresolved;
        toResolve = List.of();
    }

    /**
     * Whether {@code reference} of {@code object} holds a proxy: a link still to resolve ({@code link}: a name
     * nothing declared yet), or else an unloaded object, named by its old fragment.
     */
    private boolean holdsProxy(EObject object, EReference reference, boolean link) {
        if (!object.eIsSet(reference)) {
            return false;
        }
        Object value = object.eGet(reference, false);
        for (Object target : reference.isMany() ? (List<?>) value : List.of(value)) {
            URI proxy = ((InternalEObject) target).eProxyURI();
            if (proxy != null && getEncoder().isCrossLinkFragment(this, proxy.fragment()) == link) {
                return true;
            }
        }
        return false;
    }

    /** A parse replaced objects: forget the old ones' indexes rather than keep them alive. */
    @Override
    protected void updateInternalState(IParseResult newParseResult) {
        synchronized (listIndexes) {
            listIndexes.clear();
        }
        super.updateInternalState(newParseResult);
    }

    @Override
    protected void doUnload() {
        super.doUnload();
        synchronized (listIndexes) {
            listIndexes.clear();
        }
        toResolve = null;
        unresolved.clear();
    }
}
