package org.pmdl.dsl.build;

import java.util.List;
import org.eclipse.emf.codegen.ecore.genmodel.GenModel;
import org.eclipse.emf.codegen.ecore.genmodel.GenPackage;
import org.eclipse.emf.ecore.EPackage;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.xtext.Grammar;
import org.eclipse.xtext.xtext.generator.ecore.EMFGeneratorFragment2;

/**
 * The EMF fragment of GeneratePmdl.mwe2 (build time only; compiled before the workflow runs, see dsl/pom.xml).
 * EMF's GenPackageImpl.initialize() turns a package whose classes, supertypes, features, enums and literals
 * count more than 500 into a "big model": no {@code PmdlPackage.Literals} interface, and initialisation from a
 * serialized .ecore. The grammar passed 500 with the media-error steps, and the validators, compiler and scoping
 * name features through {@code Literals}, so the package keeps the small-model form whatever its size.
 */
public class PmdlEmfGenerator extends EMFGeneratorFragment2 {
    @Override
    protected GenModel getSaveAndReconcileGenModel(Grammar grammar, List<EPackage> packs, ResourceSet rs) {
        GenModel genModel = super.getSaveAndReconcileGenModel(grammar, packs, rs);
        for (GenPackage genPackage : genModel.getGenPackages()) {
            genPackage.setLiteralsInterface(true);
            genPackage.setLoadInitialization(false);
        }
        return genModel;
    }
}
