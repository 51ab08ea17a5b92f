package org.pmdl.dsl.scoping;

import com.google.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.naming.QualifiedName;
import org.eclipse.xtext.resource.EObjectDescription;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.scoping.IScope;
import org.eclipse.xtext.scoping.impl.MultimapBasedScope;
import org.eclipse.xtext.scoping.impl.SimpleScope;
import org.eclipse.xtext.util.IResourceScopeCache;
import org.eclipse.xtext.util.Tuples;
import org.pmdl.dsl.lang.Names;
import org.pmdl.dsl.lang.PlatformHierarchy;
import org.pmdl.dsl.pmdl.Lpar;
import org.pmdl.dsl.pmdl.NamespaceDecl;
import org.pmdl.dsl.pmdl.Platform;
import org.pmdl.dsl.pmdl.PmdlPackage;
import org.pmdl.dsl.pmdl.Ocxl;
import org.pmdl.dsl.pmdl.RegionOwner;
import org.pmdl.dsl.pmdl.Scenario;

/**
 * Platforms are global (this file and its imports, through the delegate). Everything else is named inside one
 * platform: a mapping sees its platform's DIMMs; a scenario step sees its platform's devices, the namespaces the
 * scenario creates, {@code namespace<N>.0}, the kernel's name for the N-th region's first namespace, and
 * {@code lpar}, the partition.
 */
public class PmdlScopeProvider extends AbstractPmdlScopeProvider {

    @Inject
    private IResourceScopeCache cache;

    @Override
    public IScope getScope(EObject context, EReference reference) {
        if (reference.getEReferenceType() == PmdlPackage.Literals.PLATFORM) {
            return super.getScope(context, reference);
        }
        Platform platform = platformOf(context);
        if (platform == null) {
            return IScope.NULLSCOPE;
        }
        var type = reference.getEReferenceType();
        // one scope per platform (or scenario) and kind, until the file changes: large files have many references
        Resource resource = context.eResource();
        if (type == PmdlPackage.Literals.NVDIMM || type == PmdlPackage.Literals.DIMM // mappings, init-labels
                || type == PmdlPackage.Literals.MEMORY || type == PmdlPackage.Literals.BAR
                || type == PmdlPackage.Literals.VIRTIO_MEM) { // hotplug steps
            Class<? extends EObject> kind = type.getInstanceClass().asSubclass(EObject.class);
            return cache.get(Tuples.create(type, platform), resource,
                    () -> scope(PlatformHierarchy.devices(platform, kind)));
        }
        if (type == PmdlPackage.Literals.REGION_OWNER) {
            return cache.get(Tuples.create(type, platform), resource,
                    () -> scope(PlatformHierarchy.regionOwners(platform)));
        }
        Scenario scenario = EcoreUtil2.getContainerOfType(context, Scenario.class);
        return cache.get(Tuples.create(type, platform, scenario), resource, () -> namedScope(platform, scenario));
    }

    /** The platform whose names are visible: the enclosing one, or the scenario's. */
    private static Platform platformOf(EObject context) {
        Platform enclosing = EcoreUtil2.getContainerOfType(context, Platform.class);
        if (enclosing != null) {
            return enclosing;
        }
        Scenario scenario = EcoreUtil2.getContainerOfType(context, Scenario.class);
        if (scenario == null || scenario.getPlatform() == null || scenario.getPlatform().eIsProxy()) {
            return null;
        }
        return scenario.getPlatform();
    }

    /** Namespaces created by the scenario shadow devices, which shadow the implicit {@code namespace<N>.0} names. */
    private static IScope namedScope(Platform platform, Scenario scenario) {
        List<IEObjectDescription> implicit = new ArrayList<>();
        List<RegionOwner> owners = PlatformHierarchy.regionOwners(platform);
        for (int i = 0; i < owners.size(); i++) {
            implicit.add(EObjectDescription.create(
                    QualifiedName.create(PlatformHierarchy.implicitNamespaceName(i)), owners.get(i)));
        }
        // the partition itself, read as `lpar` (it has no name of its own)
        PlatformHierarchy.devices(platform, Lpar.class).stream().findFirst()
                .ifPresent(lpar -> implicit.add(EObjectDescription.create(QualifiedName.create("lpar"), lpar)));
        IScope scope = new SimpleScope(implicit);
        scope = scope(PlatformHierarchy.devices(platform, Ocxl.class).stream().flatMap(o -> o.getAfus().stream())
                .toList(), scope); // ocxl AFUs: `ocxl map card0 afu afu0`, `expect afu0.lpc_res_start == ...`
        scope = scope(PlatformHierarchy.devices(platform), scope);
        if (scenario != null) {
            scope = scope(EcoreUtil2.getAllContentsOfType(scenario, NamespaceDecl.class), scope);
        }
        return scope;
    }

    private static IScope scope(Iterable<? extends EObject> declarations) {
        return scope(declarations, IScope.NULLSCOPE);
    }

    private static IScope scope(Iterable<? extends EObject> declarations, IScope outer) {
        List<IEObjectDescription> descriptions = new ArrayList<>();
        for (EObject declaration : declarations) {
            String name = Names.nameOf(declaration);
            if (name != null) {
                descriptions.add(EObjectDescription.create(QualifiedName.create(name), declaration));
            }
        }
        return MultimapBasedScope.createScope(outer, descriptions, false); // a name lookup is a hash lookup
    }
}
