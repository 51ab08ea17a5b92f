package org.pmdl.dsl.validation;

import java.math.BigInteger;
import java.util.List;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EPackage;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.validation.AbstractDeclarativeValidator;
import org.eclipse.xtext.validation.EValidatorRegistrar;
import org.pmdl.dsl.lang.PlatformHierarchy;
import org.pmdl.dsl.lang.SizeExpressions;
import org.pmdl.dsl.pmdl.ArchDecl;
import org.pmdl.dsl.pmdl.ArchKind;
import org.pmdl.dsl.pmdl.Platform;
import org.pmdl.dsl.pmdl.SizeExpr;
import org.pmdl.model.rules.Rule;
import org.pmdl.model.rules.Rules;
import org.pmdl.model.topology.Arch;

/**
 * One concern's checks (names, topology, pseries, ocxl, hotplug, persistence, scenarios), composed into
 * {@link PmdlValidator} with {@code @ComposedChecks} rather than registered on their own; every diagnostic carries
 * its rule's ID and severity. The helpers below are the ones several concerns read.
 */
abstract class ComposedValidator extends AbstractDeclarativeValidator {
    @Override
    public void register(EValidatorRegistrar registrar) {
        // composed into PmdlValidator; not registered on its own
    }

    @Override
    protected List<EPackage> getEPackages() {
        return List.of(org.pmdl.dsl.pmdl.PmdlPackage.eINSTANCE);
    }

    protected void report(Rule rule, String message, EObject source, EStructuralFeature feature) {
        switch (rule.severity()) {
            case ERROR -> error(message, source, feature, rule.id());
            case WARNING -> warning(message, source, feature, rule.id());
            case INFO -> info(message, source, feature, rule.id());
        }
    }

    /**
     * The value of a size that {@link TopologyValidator#checkSizeFits} accepts, or null (absent, or reported there
     * as SIZE-OVERFLOW): unlike {@link SizeExpressions#evaluateChecked}, a check may run before that one.
     */
    protected static Long checkedValue(SizeExpr expr) {
        if (expr == null) {
            return null;
        }
        BigInteger value = SizeExpressions.evaluate(expr);
        return value == null || value.signum() < 0 || value.compareTo(SizeExpressions.MAX_MODELLED) > 0
                ? null : value.longValueExact();
    }

    /**
     * A range [base, base + size) must end within 2^63-1, as every address the model computes does (a size that fits
     * alone can still carry the end past it): SIZE-OVERFLOW at the range's base otherwise.
     */
    protected void checkRangeEnd(String range, Long start, Long length, EObject owner, EStructuralFeature baseFeature) {
        if (start != null && length != null
                && BigInteger.valueOf(start).add(BigInteger.valueOf(length)).compareTo(SizeExpressions.MAX_MODELLED) > 0) {
            report(Rules.SIZE_OVERFLOW, range + " ends beyond 2^63-1; move its base lower", owner, baseFeature);
        }
    }

    /** The platform's declared architecture after inheritance; null when it declares none (ATTRIBUTE-MISSING). */
    protected static Arch archOf(Platform platform) {
        return PlatformHierarchy.attribute(platform, ArchDecl.class).map(ComposedValidator::arch).orElse(null);
    }

    protected static Arch arch(ArchDecl decl) {
        return decl.getArch() == ArchKind.X86_64 ? Arch.X86_64 : Arch.PPC64;
    }

    /** A cross-reference's target, or null while it does not resolve (the linker reports that). */
    protected static <T extends EObject> T resolved(T object) {
        return object == null || object.eIsProxy() ? null : object;
    }

    protected static int line(EObject object) {
        var node = NodeModelUtils.getNode(object);
        return node == null ? 0 : node.getStartLine();
    }

    protected static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }
}
