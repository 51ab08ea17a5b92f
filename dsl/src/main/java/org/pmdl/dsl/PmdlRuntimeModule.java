package org.pmdl.dsl;

import com.google.inject.Binder;
import com.google.inject.name.Names;
import org.eclipse.xtext.conversion.IValueConverterService;
import org.eclipse.xtext.linking.ILinkingDiagnosticMessageProvider;
import org.eclipse.xtext.naming.IQualifiedNameConverter;
import org.eclipse.xtext.naming.IQualifiedNameProvider;
import org.eclipse.xtext.parser.antlr.ISyntaxErrorMessageProvider;
import org.eclipse.xtext.scoping.IGlobalScopeProvider;
import org.eclipse.xtext.resource.IDefaultResourceDescriptionStrategy;
import org.eclipse.xtext.scoping.IScopeProvider;
import org.eclipse.xtext.scoping.impl.AbstractDeclarativeScopeProvider;
import org.eclipse.xtext.scoping.impl.ImportUriGlobalScopeProvider;
import org.eclipse.xtext.scoping.impl.ImportUriResolver;
import org.eclipse.xtext.scoping.impl.SimpleLocalScopeProvider;
import org.pmdl.dsl.conversion.PmdlValueConverters;
import org.pmdl.dsl.parser.PmdlBoundedParser;
import org.pmdl.dsl.parser.PmdlSyntaxErrorMessages;
import org.pmdl.dsl.scoping.PmdlExports;
import org.pmdl.dsl.scoping.PmdlImportUris;
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

    /** Parses within {@link org.pmdl.dsl.parser.InputLimits}: no input can overflow a stack. */
    @Override
    public Class<? extends org.eclipse.xtext.parser.IParser> bindIParser() {
        return PmdlBoundedParser.class;
    }

    public Class<? extends ImportUriResolver> bindImportUriResolver() {
        return PmdlImportUris.class;
    }

    /**
     * A file's own platforms, then its imports' (PMDL has no namespace imports: Xtext's default delegate would
     * look for them among every step of a scenario on each build).
     */
    @Override
    public void configureIScopeProviderDelegate(Binder binder) {
        binder.bind(IScopeProvider.class).annotatedWith(Names.named(AbstractDeclarativeScopeProvider.NAMED_DELEGATE))
                .to(SimpleLocalScopeProvider.class);
    }

    public Class<? extends IDefaultResourceDescriptionStrategy> bindIDefaultResourceDescriptionStrategy() {
        return PmdlExports.class;
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
