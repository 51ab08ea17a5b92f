package org.pmdl.dsl.scoping;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.naming.IQualifiedNameConverter;
import org.eclipse.xtext.naming.IQualifiedNameProvider;
import org.eclipse.xtext.naming.QualifiedName;
import org.pmdl.dsl.pmdl.Platform;
import org.pmdl.dsl.pmdl.Scenario;

/**
 * Names are flat: dots belong to kernel names ({@code namespace0.0}), they are not namespace separators.
 * Only platforms and scenarios are visible to other files.
 */
public final class PmdlQualifiedNames {
    private PmdlQualifiedNames() {
    }

    /** Never splits a name: "::" cannot occur in a PMDL identifier. */
    public static class Converter extends IQualifiedNameConverter.DefaultImpl {
        @Override
        public String getDelimiter() {
            return "::";
        }
    }

    public static class Provider extends IQualifiedNameProvider.AbstractImpl {
        @Override
        public QualifiedName getFullyQualifiedName(EObject obj) {
            if (obj instanceof Platform platform && platform.getName() != null) {
                return QualifiedName.create(platform.getName());
            }
            if (obj instanceof Scenario scenario && scenario.getName() != null) {
                return QualifiedName.create(scenario.getName());
            }
            return null;
        }
    }
}
