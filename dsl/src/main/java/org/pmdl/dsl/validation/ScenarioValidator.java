package org.pmdl.dsl.validation;

import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.validation.Check;
import org.pmdl.dsl.lang.Names;
import org.pmdl.dsl.lang.Written;
import org.pmdl.dsl.pmdl.ActionStep;
import org.pmdl.dsl.pmdl.AttributeCondition;
import org.pmdl.dsl.pmdl.Claim;
import org.pmdl.dsl.pmdl.MediaLocation;
import org.pmdl.dsl.pmdl.NamespaceDecl;
import org.pmdl.dsl.pmdl.NamespaceModeKind;
import org.pmdl.dsl.pmdl.Outcome;
import org.pmdl.dsl.pmdl.PmdlPackage.Literals;
import org.pmdl.dsl.pmdl.Reconfigure;
import org.pmdl.dsl.pmdl.RegionOwner;
import org.pmdl.dsl.pmdl.Scenario;
import org.pmdl.dsl.pmdl.Step;
import org.pmdl.dsl.pmdl.WriteInfoblock;
import org.pmdl.model.kernel.Errno;
import org.pmdl.model.libnvdimm.LibnvdimmRules;
import org.pmdl.model.rules.Rules;

/**
 * Static checks of scenario steps and expectations: errno names, namespace references that name a namespace
 * created earlier, modes of infoblock steps, and what the model does not model yet.
 */
public class ScenarioValidator extends ComposedValidator {

    @Check
    public void checkErrnoKnown(Outcome outcome) {
        String errno = outcome.getErrno();
        if (errno != null && Errno.byName(errno).isEmpty()) {
            report(Rules.ERRNO_UNKNOWN, Rules.ERRNO_UNKNOWN.message(errno), outcome, Literals.OUTCOME__ERRNO);
        }
    }

    @Check
    public void checkReconfigureSize(Reconfigure step) {
        if (step.getSize() != null) {
            report(Rules.NOT_MODELLED, Rules.NOT_MODELLED.message("reconfigure keeps the namespace's size in the model",
                    "resizing while reconfiguring", "destroy and create it instead"), step, Literals.RECONFIGURE__SIZE);
        }
    }

    @Check
    public void checkInfoblockMode(WriteInfoblock step) {
        checkDaxMode(step, Literals.WRITE_INFOBLOCK__MODE, step.getMode(), "write-infoblock writes");
    }

    @Check
    public void checkClaimMode(Claim step) {
        checkDaxMode(step, Literals.CLAIM__MODE, step.getMode(), "claim binds");
    }

    private void checkDaxMode(EObject step, EAttribute feature, NamespaceModeKind mode, String what) {
        if (Written.isWritten(step, feature) && mode != NamespaceModeKind.FSDAX && mode != NamespaceModeKind.DEVDAX) {
            report(LibnvdimmRules.NDCTL_INFOBLOCK_MODE, LibnvdimmRules.NDCTL_INFOBLOCK_MODE.message(what), step,
                    feature);
        }
    }

    /**
     * Every step that names an existing namespace (reconfigure, destroy, enable, disable, write-infoblock, claim,
     * mmap, ...) through its {@code namespace} reference names one created before it.
     */
    @Check
    public void checkNamespaceReference(ActionStep step) {
        EObject action = step.getAction();
        if (action != null && action.eClass().getEStructuralFeature("namespace") instanceof EReference reference
                && !reference.isContainment()) {
            checkNamespacePosition(action, reference, (EObject) action.eGet(reference));
        }
    }

    @Check
    public void checkNamespaceReference(MediaLocation location) {
        checkNamespacePosition(location, Literals.MEDIA_LOCATION__NAMESPACE, location.getNamespace());
    }

    @Check
    public void checkAttributeTargetCreated(AttributeCondition condition) {
        if (resolved(condition.getTarget()) instanceof NamespaceDecl decl) {
            checkCreatedBefore(condition, Literals.ATTRIBUTE_CONDITION__TARGET, decl);
        }
    }

    private void checkNamespacePosition(EObject owner, EStructuralFeature feature, EObject target) {
        target = resolved(target);
        if (target == null || (owner instanceof org.pmdl.dsl.pmdl.Daxctl
                && target instanceof org.pmdl.dsl.pmdl.Memory m && m.isEfiSp())) {
            return; // daxctl on the hmem dax device of EFI_MEMORY_SP memory is fine too
        }
        if (target instanceof NamespaceDecl decl) {
            checkCreatedBefore(owner, feature, decl);
        } else if (!(target instanceof RegionOwner && !Names.referenceText(owner, (EReference) feature)
                .equals(Names.nameOf(target)))) {
            report(Rules.NAME_KIND, Rules.NAME_KIND.message(Names.nameOf(target), "is a "
                    + target.eClass().getName().toLowerCase() + ", not a namespace", "name a namespace this scenario "
                    + "creates, or namespace<N>.0 for the N-th region's first namespace"), owner, feature);
        }
    }

    private void checkCreatedBefore(EObject user, EStructuralFeature feature, NamespaceDecl decl) {
        Step use = EcoreUtil2.getContainerOfType(user, Step.class);
        Step creation = EcoreUtil2.getContainerOfType(decl, Step.class);
        Scenario scenario = EcoreUtil2.getContainerOfType(user, Scenario.class);
        if (use == null || creation == null || scenario == null) {
            return;
        }
        int useIndex = scenario.getSteps().indexOf(use);
        int creationIndex = scenario.getSteps().indexOf(creation);
        if (creationIndex >= useIndex) {
            report(Rules.NAMESPACE_NOT_CREATED, Rules.NAMESPACE_NOT_CREATED.message(decl.getName(), line(creation)),
                    user, feature);
        }
    }
}
