package org.pmdl.dsl.validation;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.validation.Check;
import org.pmdl.dsl.lang.PlatformHierarchy;
import org.pmdl.dsl.pmdl.CpuOnline;
import org.pmdl.dsl.pmdl.Dlpar;
import org.pmdl.dsl.pmdl.ExpectHcall;
import org.pmdl.dsl.pmdl.Hcall;
import org.pmdl.dsl.pmdl.LmbCondition;
import org.pmdl.dsl.pmdl.Lpar;
import org.pmdl.dsl.pmdl.Migrate;
import org.pmdl.dsl.pmdl.PmdlPackage.Literals;
import org.pmdl.dsl.pmdl.Scenario;
import org.pmdl.dsl.pmdl.Scm;
import org.pmdl.model.papr.HcallStatus;
import org.pmdl.model.papr.PaprRules;
import org.pmdl.model.papr.PaprScm;
import org.pmdl.model.papr.SpaprHypervisor;
import org.pmdl.model.pseries.Pseries;
import org.pmdl.model.pseries.PseriesRules;

/** Static checks of the pseries vocabulary: hcall and status names, health bits, LMB attributes, DLPAR targets. */
public class PseriesValidator extends ComposedValidator {

    private static final String HCALLS = String.join(", ",
            java.util.Arrays.stream(org.pmdl.model.papr.Hcall.values()).map(Enum::name).toList());

    @Check
    public void checkHcall(Hcall step) {
        if (org.pmdl.model.papr.Hcall.byName(step.getName()).isEmpty()) {
            report(PaprRules.HCALL_UNKNOWN, "'" + step.getName() + "' is not an SCM hcall the model knows; use one of "
                    + HCALLS, step, Literals.HCALL__NAME);
        }
        if (step.getTarget() != null && !step.getTarget().eIsProxy() && !(step.getTarget() instanceof Scm)) {
            report(PaprRules.HCALL_UNKNOWN, "an hcall names an scm (its DRC index is the first argument), not a "
                    + "region", step, Literals.HCALL__TARGET);
        }
    }

    @Check
    public void checkIoctl(org.pmdl.dsl.pmdl.Ioctl step) {
        if (!PaprScm.IOCTL_COMMANDS.contains(step.getCommand())) {
            report(PaprRules.HCALL_UNKNOWN, "'" + step.getCommand() + "' is not a DIMM command the model knows; use "
                    + String.join(", ", PaprScm.IOCTL_COMMANDS), step, Literals.IOCTL__COMMAND);
        }
        if (step.getTarget() != null && !step.getTarget().eIsProxy() && !(step.getTarget() instanceof Scm)) {
            report(PaprRules.HCALL_UNKNOWN, "the model knows papr_scm's DIMM commands: name an scm", step,
                    Literals.IOCTL__TARGET);
        }
    }

    @Check
    public void checkExpectHcall(ExpectHcall expect) {
        if (org.pmdl.model.papr.Hcall.byName(expect.getHcall()).isEmpty()) {
            report(PaprRules.HCALL_UNKNOWN, "'" + expect.getHcall() + "' is not an SCM hcall the model knows; use one "
                    + "of " + HCALLS, expect, Literals.EXPECT_HCALL__HCALL);
        }
        if (expect.getStatus() != null && HcallStatus.byName(expect.getStatus()).isEmpty()) {
            report(PaprRules.HCALL_UNKNOWN, "'" + expect.getStatus() + "' is not an hcall status; use one such as "
                    + "H_SUCCESS, H_BUSY, H_OVERLAP, H_PARAMETER or H_FUNCTION", expect, Literals.EXPECT_HCALL__STATUS);
        }
    }

    @Check
    public void checkHealth(Scm scm) {
        for (int i = 0; i < scm.getHealth().size(); i++) {
            String bit = scm.getHealth().get(i);
            if (!SpaprHypervisor.HEALTH_BITS.contains(bit)) {
                error("'" + bit + "' is not a PAPR health bit; use " + String.join(", ", SpaprHypervisor.HEALTH_BITS),
                        scm, Literals.SCM__HEALTH, i, PaprRules.HEALTH_BIT_UNKNOWN.id());
            }
        }
    }

    @Check
    public void checkLmbAttribute(LmbCondition condition) {
        if (!Pseries.LMB_ATTRIBUTES.contains(condition.getAttribute())) {
            report(PseriesRules.LMB_ATTRIBUTE_UNKNOWN, "an LMB has no attribute '" + condition.getAttribute()
                    + "'; use " + String.join(", ", Pseries.LMB_ATTRIBUTES), condition, Literals.LMB_CONDITION__ATTRIBUTE);
        }
        checkLpar(condition);
    }

    @Check
    public void checkDlpar(Dlpar step) {
        checkLpar(step);
    }

    @Check
    public void checkCpuOnline(CpuOnline step) {
        checkLpar(step);
    }

    @Check
    public void checkPinMemory(org.pmdl.dsl.pmdl.PinMemory step) {
        checkLpar(step);
    }

    @Check
    public void checkMigrate(Migrate step) {
        checkLpar(step);
    }

    @Check
    public void checkRtas(org.pmdl.dsl.pmdl.Rtas step) {
        checkLpar(step);
        if (step.getIndicator() != null && !Pseries.RTAS_INDICATORS.contains(step.getIndicator())) {
            report(PseriesRules.RTAS_INDICATOR_UNKNOWN, "'" + step.getIndicator() + "' is not an indicator the model knows; use "
                    + String.join(", ", Pseries.RTAS_INDICATORS), step, Literals.RTAS__INDICATOR);
        }
    }

    /** DLPAR, CPU and LMB steps need the scenario's platform to declare an lpar. */
    private void checkLpar(EObject step) {
        Scenario scenario = EcoreUtil2.getContainerOfType(step, Scenario.class);
        if (scenario == null || scenario.getPlatform() == null || scenario.getPlatform().eIsProxy()) {
            return;
        }
        if (PlatformHierarchy.devices(scenario.getPlatform(), Lpar.class).isEmpty()) {
            report(PseriesRules.DLPAR_NO_LPAR, "platform " + scenario.getPlatform().getName() + " declares no lpar "
                    + "block; add `lpar { lmb-size 256M lmbs 0 .. 15 assigned cpus 1 max 2 }`", step, null);
        }
    }
}
