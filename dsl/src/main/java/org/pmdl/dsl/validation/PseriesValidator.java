package org.pmdl.dsl.validation;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pmdl.dsl.lang.Names;
import org.pmdl.dsl.lang.SizeExpressions;
import org.pmdl.dsl.pmdl.BoundCondition;
import org.pmdl.dsl.pmdl.Device;
import org.pmdl.dsl.pmdl.LmbRange;
import org.pmdl.dsl.pmdl.Platform;
import org.pmdl.model.rules.Rules;
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
import org.pmdl.model.SourceRef;
import org.pmdl.model.papr.HcallStatus;
import org.pmdl.model.papr.PaprRules;
import org.pmdl.model.papr.PaprScm;
import org.pmdl.model.papr.SpaprHypervisor;
import org.pmdl.model.pseries.LparCheck;
import org.pmdl.model.pseries.Pseries;
import org.pmdl.model.pseries.PseriesRules;

/**
 * Static checks of the pseries and papr_scm vocabulary: lpar and scm declarations, DRC indexes and LMB runs, hcall
 * and status names, health bits, LMB attributes, DLPAR targets.
 */
public class PseriesValidator extends ComposedValidator {

    private static final String HCALLS = String.join(", ",
            java.util.Arrays.stream(org.pmdl.model.papr.Hcall.values()).map(Enum::name).toList());

    @Check
    public void checkHcall(Hcall step) {
        if (org.pmdl.model.papr.Hcall.byName(step.getName()).isEmpty()) {
            report(PaprRules.HCALL_UNKNOWN, PaprRules.HCALL_UNKNOWN.message(step.getName(),
                    "an SCM hcall the model knows", "one of " + HCALLS), step, Literals.HCALL__NAME);
        }
        if (step.getTarget() != null && !step.getTarget().eIsProxy() && !(step.getTarget() instanceof Scm)) {
            report(PaprRules.HCALL_TARGET, PaprRules.HCALL_TARGET.message("an hcall names",
                    " (its DRC index is the first argument), not a region"), step, Literals.HCALL__TARGET);
        }
    }

    @Check
    public void checkIoctl(org.pmdl.dsl.pmdl.Ioctl step) {
        if (!PaprScm.IOCTL_COMMANDS.contains(step.getCommand())) {
            report(PaprRules.HCALL_UNKNOWN, PaprRules.HCALL_UNKNOWN.message(step.getCommand(),
                    "a DIMM command the model knows", String.join(", ", PaprScm.IOCTL_COMMANDS)), step,
                    Literals.IOCTL__COMMAND);
        }
        if (step.getTarget() != null && !step.getTarget().eIsProxy() && !(step.getTarget() instanceof Scm)) {
            report(PaprRules.HCALL_TARGET, PaprRules.HCALL_TARGET.message("the model knows papr_scm's DIMM "
                    + "commands: name", ""), step, Literals.IOCTL__TARGET);
        }
    }

    @Check
    public void checkExpectHcall(ExpectHcall expect) {
        if (org.pmdl.model.papr.Hcall.byName(expect.getHcall()).isEmpty()) {
            report(PaprRules.HCALL_UNKNOWN, PaprRules.HCALL_UNKNOWN.message(expect.getHcall(),
                    "an SCM hcall the model knows", "one of " + HCALLS), expect, Literals.EXPECT_HCALL__HCALL);
        }
        if (expect.getStatus() != null && HcallStatus.byName(expect.getStatus()).isEmpty()) {
            report(PaprRules.HCALL_UNKNOWN, PaprRules.HCALL_UNKNOWN.message(expect.getStatus(), "an hcall status",
                    "one such as H_SUCCESS, H_BUSY, H_OVERLAP, H_PARAMETER or H_FUNCTION"), expect,
                    Literals.EXPECT_HCALL__STATUS);
        }
    }

    @Check
    public void checkHealth(Scm scm) {
        for (int i = 0; i < scm.getHealth().size(); i++) {
            String bit = scm.getHealth().get(i);
            if (!SpaprHypervisor.HEALTH_BITS.contains(bit)) {
                error(PaprRules.HEALTH_BIT_UNKNOWN.message(bit, String.join(", ", SpaprHypervisor.HEALTH_BITS)),
                        scm, Literals.SCM__HEALTH, i, PaprRules.HEALTH_BIT_UNKNOWN.id());
            }
        }
    }

    @Check
    public void checkLmbAttribute(LmbCondition condition) {
        if (!Pseries.LMB_ATTRIBUTES.contains(condition.getAttribute())) {
            report(PseriesRules.LMB_ATTRIBUTE_UNKNOWN, PseriesRules.LMB_ATTRIBUTE_UNKNOWN.message(
                    condition.getAttribute(), String.join(", ", Pseries.LMB_ATTRIBUTES)), condition, Literals.LMB_CONDITION__ATTRIBUTE);
        }
        checkPlatformHasLpar(condition);
    }

    @Check
    public void checkDlpar(Dlpar step) {
        checkPlatformHasLpar(step);
    }

    @Check
    public void checkCpuOnline(CpuOnline step) {
        checkPlatformHasLpar(step);
    }

    @Check
    public void checkPinMemory(org.pmdl.dsl.pmdl.PinMemory step) {
        checkPlatformHasLpar(step);
    }

    @Check
    public void checkMigrate(Migrate step) {
        checkPlatformHasLpar(step);
    }

    @Check
    public void checkRtas(org.pmdl.dsl.pmdl.Rtas step) {
        checkPlatformHasLpar(step);
        if (step.getIndicator() != null && !Pseries.RTAS_INDICATORS.contains(step.getIndicator())) {
            report(PseriesRules.RTAS_INDICATOR_UNKNOWN, PseriesRules.RTAS_INDICATOR_UNKNOWN.message(
                    step.getIndicator(), String.join(", ", Pseries.RTAS_INDICATORS)), step, Literals.RTAS__INDICATOR);
        }
    }

    /** DLPAR, CPU and LMB steps need the scenario's platform to declare an lpar. */
    private void checkPlatformHasLpar(EObject step) {
        Scenario scenario = EcoreUtil2.getContainerOfType(step, Scenario.class);
        if (scenario == null || scenario.getPlatform() == null || scenario.getPlatform().eIsProxy()) {
            return;
        }
        LparCheck.missing(scenario.getPlatform().getName(), false,
                !PlatformHierarchy.devices(scenario.getPlatform(), Lpar.class).isEmpty(), SourceRef.NONE)
                .ifPresent(f -> report(f.rule(), f.message(), step, null));
    }

    /** DRC indexes of scm devices and LMB runs, after inheritance; reported on what this platform declares. */
    @Check
    public void checkDrcIndexes(Platform platform) {
        List<Device> devices = PlatformHierarchy.devices(platform);
        Map<Long, EObject> owners = new HashMap<>();
        for (Device device : devices) {
            if (device instanceof Scm scm) {
                Long drc = checkedValue(scm.getDrcIndex());
                EObject first = drc == null ? null : owners.putIfAbsent(drc, scm);
                if (first != null && platform.getMembers().contains(scm)) {
                    report(Rules.DRC_INDEX_DUPLICATE, Rules.DRC_INDEX_DUPLICATE.message("drc-index " + hex(drc)
                            + " is already the DRC of " + Names.nameOf(first), "every DRC has its own index"), scm,
                            Literals.SCM__DRC_INDEX);
                }
            }
        }
        for (Device device : devices) {
            if (device instanceof Lpar lpar) {
                checkLmbs(lpar, owners);
            }
        }
    }

    private void checkLmbs(Lpar lpar, Map<Long, EObject> drcOwners) {
        List<LmbRange> ranges = lpar.getRanges();
        for (int i = 0; i < ranges.size(); i++) {
            long[] a = lmbIndexes(ranges.get(i));
            if (a == null) {
                continue;
            }
            for (int j = 0; j < i; j++) {
                long[] b = lmbIndexes(ranges.get(j));
                if (b != null && a[0] <= b[1] && b[0] <= a[1]) {
                    report(Rules.LMB_OVERLAP, Rules.LMB_OVERLAP.message(Math.max(a[0], b[0]), Math.min(a[1], b[1]),
                            line(ranges.get(j))), ranges.get(i), Literals.LMB_RANGE__FIRST);
                }
            }
            Long drcBase = drcBase(ranges.get(i), a[0]);
            for (long index = a[0]; drcBase != null && index <= a[1]; index++) {
                EObject first = drcOwners.putIfAbsent(drcBase + index - a[0], ranges.get(i));
                if (first != null && first != ranges.get(i)) {
                    report(Rules.DRC_INDEX_DUPLICATE, Rules.DRC_INDEX_DUPLICATE.message("LMB " + index
                            + " gets drc-index " + hex(drcBase + index - a[0]) + ", already used at line "
                            + line(first), "give the run another drc-index"), ranges.get(i),
                            Literals.LMB_RANGE__FIRST);
                    break;
                }
            }
        }
    }

    @Check
    public void checkLpar(Lpar lpar) {
        Long lmbSize = checkedValue(lpar.getLmbSize());
        if (lpar.getLmbSize() == null) {
            report(Rules.ATTRIBUTE_MISSING, Rules.ATTRIBUTE_MISSING.message("the lpar", "declares no LMB size",
                    "add `lmb-size 256M` (ibm,lmb-size)"), lpar, null);
        } else if (lmbSize != null && (Long.bitCount(lmbSize) != 1 || lmbSize < (16L << 20))) {
            report(Rules.LMB_SIZE, Rules.LMB_SIZE.message(lmbSize), lpar, Literals.LPAR__LMB_SIZE);
        }
        for (LmbRange range : lpar.getRanges()) {
            long[] idx = lmbIndexes(range);
            if (idx != null && idx[1] < idx[0]) {
                report(Rules.LMB_RUN_EMPTY, Rules.LMB_RUN_EMPTY.message(idx[0], idx[1]), range,
                        Literals.LMB_RANGE__LAST);
            }
        }
    }

    @Check
    public void checkScm(Scm scm) {
        if (scm.getDrcIndex() == null) {
            report(Rules.ATTRIBUTE_MISSING, Rules.ATTRIBUTE_MISSING.message("scm " + scm.getName(),
                    "has no drc-index (ibm,my-drc-index)", "add `drc-index 0x44100002` (for example)"), scm,
                    Literals.SCM__NAME);
        }
        if (scm.getBlockSize() == null || scm.getBlocks() == null) {
            report(Rules.SCM_GEOMETRY, Rules.SCM_GEOMETRY.message(scm.getName()), scm, Literals.SCM__NAME);
            return;
        }
        Long blockSize = checkedValue(scm.getBlockSize());
        Long blocks = checkedValue(scm.getBlocks());
        if (blockSize != null && blocks != null && BigInteger.valueOf(blockSize).multiply(BigInteger.valueOf(blocks))
                .compareTo(SizeExpressions.MAX_MODELLED) > 0) {
            report(Rules.SIZE_OVERFLOW, "block-size × blocks does not fit in 63 bits", scm, Literals.SCM__BLOCKS);
        }
    }

    @Check
    public void checkBoundTarget(BoundCondition condition) {
        EObject target = resolved(condition.getTarget());
        if (target != null && !(target instanceof Scm)) {
            report(Rules.NAME_KIND, Rules.NAME_KIND.message(Names.nameOf(target), "is not an scm DRC",
                    "only papr_scm DRCs are bound by the hypervisor"), condition, Literals.BOUND_CONDITION__TARGET);
        }
    }

    private static long[] lmbIndexes(LmbRange range) {
        Long first = checkedValue(range.getFirst());
        Long last = range.getLast() == null ? first : checkedValue(range.getLast());
        return first == null || last == null ? null : new long[] {first, last};
    }

    private static Long drcBase(LmbRange range, long first) {
        return range.getDrcIndex() == null
                ? Long.valueOf(org.pmdl.model.topology.LmbRangeSpec.defaultDrcIndex(first))
                : checkedValue(range.getDrcIndex());
    }
}
