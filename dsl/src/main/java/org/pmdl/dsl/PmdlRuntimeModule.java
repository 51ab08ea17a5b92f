package org.pmdl.dsl;

import org.eclipse.xtext.conversion.IValueConverterService;
import org.eclipse.xtext.linking.ILinkingDiagnosticMessageProvider;
import org.eclipse.xtext.naming.IQualifiedNameConverter;
import org.eclipse.xtext.naming.IQualifiedNameProvider;
import org.eclipse.xtext.parser.antlr.ISyntaxErrorMessageProvider;
import org.eclipse.xtext.scoping.IGlobalScopeProvider;
import org.eclipse.xtext.scoping.impl.ImportUriGlobalScopeProvider;
import org.pmdl.dsl.conversion.PmdlValueConverters;
import org.pmdl.dsl.parser.PmdlSyntaxErrorMessages;
import org.pmdl.dsl.scoping.PmdlLinkingDiagnostics;
import org.pmdl.dsl.scoping.PmdlQualifiedNames;

/** Runtime bindings of the PMDL language (Guice). */
public class PmdlRuntimeModule extends AbstractPmdlRuntimeModule {

    @Override
    public Class<? extends IQualifiedNameProvider> bindIQualifiedNameProvider() {
        return PmdlQualifiedNames.Provider.class;
    }

    public Class<? extends IQualifiedNameConverter> bindIQualifiedNameConverter() {
        return PmdlQualifiedNames.Converter.class;
    }

    /** Other files' platforms are visible only through {@code import "file.pmdl"}. */
    @Override
    public Class<? extends IGlobalScopeProvider> bindIGlobalScopeProvider() {
        return ImportUriGlobalScopeProvider.class;
    }

    @Override
    public Class<? extends IValueConverterService> bindIValueConverterService() {
        return PmdlValueConverters.class;
    }

    public Class<? extends ISyntaxErrorMessageProvider> bindISyntaxErrorMessageProvider() {
        return PmdlSyntaxErrorMessages.class;
    }

    public Class<? extends ILinkingDiagnosticMessageProvider> bindILinkingDiagnosticMessageProvider() {
        return PmdlLinkingDiagnostics.class;
    }
}
