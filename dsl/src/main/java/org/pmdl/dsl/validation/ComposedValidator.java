package org.pmdl.dsl.validation;

import java.util.List;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EPackage;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.validation.AbstractDeclarativeValidator;
import org.eclipse.xtext.validation.EValidatorRegistrar;
import org.pmdl.dsl.pmdl.PmdlPackage;
import org.pmdl.model.rules.Rule;

/**
 * A subsystem's checks (pseries, ocxl, hotplug), composed into {@link PmdlValidator} with {@code @ComposedChecks}
 * rather than registered on their own; every diagnostic carries its rule's ID and severity.
 */
abstract class ComposedValidator extends AbstractDeclarativeValidator {
    @Override
    public void register(EValidatorRegistrar registrar) {
        // composed into PmdlValidator; not registered on its own
    }

    @Override
    protected List<EPackage> getEPackages() {
        return List.of(PmdlPackage.eINSTANCE);
    }

    protected void report(Rule rule, String message, EObject source, EStructuralFeature feature) {
        switch (rule.severity()) {
            case ERROR -> error(message, source, feature, rule.id());
            case WARNING -> warning(message, source, feature, rule.id());
            case INFO -> info(message, source, feature, rule.id());
        }
    }
}
