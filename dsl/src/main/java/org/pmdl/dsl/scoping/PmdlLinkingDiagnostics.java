package org.pmdl.dsl.scoping;

import com.google.inject.Inject;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.xtext.diagnostics.DiagnosticMessage;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.linking.impl.LinkingDiagnosticMessageProvider;
import org.eclipse.xtext.scoping.IScopeProvider;
import org.pmdl.dsl.pmdl.PmdlPackage;
import org.pmdl.model.SourceRef;
import org.pmdl.model.rules.Finding;
import org.pmdl.model.rules.Unresolved;

/** Unresolved names become NAME-UNRESOLVED with what the name should be and which names are in scope. */
public class PmdlLinkingDiagnostics extends LinkingDiagnosticMessageProvider {
    private static final int MAX_LISTED = 12;

    @Inject
    private IScopeProvider scopeProvider;

    @Override
    public DiagnosticMessage getUnresolvedProxyMessage(ILinkingDiagnosticContext context) {
        String kind = describe(context.getReference().getEReferenceType());
        var names = StreamSupport.stream(
                        scopeProvider.getScope(context.getContext(), context.getReference()).getAllElements().spliterator(),
                        false)
                .map(d -> d.getName().toString())
                .distinct()
                .limit(MAX_LISTED + 1)
                .toList();
        String known = names.isEmpty() ? "none is declared"
                : "declared: " + names.stream().limit(MAX_LISTED).collect(Collectors.joining(", "))
                        + (names.size() > MAX_LISTED ? ", ..." : "");
        Finding unresolved = Unresolved.finding("no " + kind + " named '" + context.getLinkText() + "'",
                "(" + known + "); fix the name or declare it", SourceRef.NONE);
        return new DiagnosticMessage(unresolved.message(), Severity.ERROR, unresolved.rule().id());
    }

    private static String describe(EClass type) {
        if (type == PmdlPackage.Literals.PLATFORM) {
            return "platform";
        }
        if (type == PmdlPackage.Literals.NVDIMM) {
            return "nvdimm";
        }
        if (type == PmdlPackage.Literals.REGION_OWNER) {
            return "region or scm";
        }
        return "namespace, region, scm or nvdimm";
    }
}
