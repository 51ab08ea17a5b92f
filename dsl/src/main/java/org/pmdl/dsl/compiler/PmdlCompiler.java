package org.pmdl.dsl.compiler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.xtext.EcoreUtil2;
import org.pmdl.dsl.lang.AttributePaths;
import org.pmdl.dsl.lang.Names;
import org.pmdl.dsl.lang.PlatformHierarchy;
import org.pmdl.dsl.lang.SizeExpressions;
import org.pmdl.dsl.lang.Written;
import org.pmdl.dsl.pmdl.ActionStep;
import org.pmdl.dsl.pmdl.ArchDecl;
import org.pmdl.dsl.pmdl.ArchKind;
import org.pmdl.dsl.pmdl.AttributeCondition;
import org.pmdl.dsl.pmdl.BoundCondition;
import org.pmdl.dsl.pmdl.CacheFlush;
import org.pmdl.dsl.pmdl.CpuDecl;
import org.pmdl.dsl.pmdl.Claim;
import org.pmdl.dsl.pmdl.CreateNamespace;
import org.pmdl.dsl.pmdl.CheckLabels;
import org.pmdl.dsl.pmdl.CheckNamespace;
import org.pmdl.dsl.pmdl.DisableNamespace;
import org.pmdl.dsl.pmdl.E820;
import org.pmdl.dsl.pmdl.EnableNamespace;
import org.pmdl.dsl.pmdl.DestroyNamespace;
import org.pmdl.dsl.pmdl.ExpectCondition;
import org.pmdl.dsl.pmdl.ExpectDurable;
import org.pmdl.dsl.pmdl.ExpectLog;
import org.pmdl.dsl.pmdl.ExpectOrdered;
import org.pmdl.dsl.pmdl.ExpectStep;
import org.pmdl.dsl.pmdl.Expectation;
import org.pmdl.dsl.pmdl.Fence;
import org.pmdl.dsl.pmdl.HypervisorDecl;
import org.pmdl.dsl.pmdl.InitLabels;
import org.pmdl.dsl.pmdl.InjectError;
import org.pmdl.dsl.pmdl.ClearErrors;
import org.pmdl.dsl.pmdl.StartScrub;
import org.pmdl.dsl.pmdl.WaitScrub;
import org.pmdl.dsl.pmdl.Read;
import org.pmdl.dsl.pmdl.NfitDecl;
import org.pmdl.dsl.pmdl.LabelVersion;
import org.pmdl.dsl.pmdl.DistroDecl;
import org.pmdl.dsl.pmdl.KernelDecl;
import org.pmdl.dsl.pmdl.LmbRange;
import org.pmdl.dsl.pmdl.Lpar;
import org.pmdl.dsl.pmdl.MapKind;
import org.pmdl.dsl.pmdl.MapSync;
import org.pmdl.dsl.pmdl.MapSyncDecl;
import org.pmdl.dsl.pmdl.MapSyncPolicy;
import org.pmdl.dsl.pmdl.Mapping;
import org.pmdl.dsl.pmdl.MediaCondition;
import org.pmdl.dsl.pmdl.MediaLocation;
import org.pmdl.dsl.pmdl.NamespaceModeKind;
import org.pmdl.dsl.pmdl.NumberValue;
import org.pmdl.dsl.pmdl.Nvdimm;
import org.pmdl.dsl.pmdl.NvdimmFlush;
import org.pmdl.dsl.pmdl.Outcome;
import org.pmdl.dsl.pmdl.PersistenceDecl;
import org.pmdl.dsl.pmdl.PersistenceKind;
import org.pmdl.dsl.pmdl.Platform;
import org.pmdl.dsl.pmdl.PmdlFile;
import org.pmdl.dsl.pmdl.PmdlPackage.Literals;
import org.pmdl.dsl.pmdl.ReadLabels;
import org.pmdl.dsl.pmdl.Reboot;
import org.pmdl.dsl.pmdl.Reconfigure;
import org.pmdl.dsl.pmdl.RegionStep;
import org.pmdl.dsl.pmdl.Region;
import org.pmdl.dsl.pmdl.Scenario;
import org.pmdl.dsl.pmdl.Scm;
import org.pmdl.dsl.pmdl.SizeExpr;
import org.pmdl.dsl.pmdl.Step;
import org.pmdl.dsl.pmdl.Store;
import org.pmdl.dsl.pmdl.WriteInfoblock;
import org.pmdl.dsl.pmdl.StringValue;
import org.pmdl.dsl.pmdl.ZeroLabels;
import org.pmdl.dsl.pmdl.SymbolValue;
import org.pmdl.model.scenario.Action;
import org.pmdl.model.scenario.Comparison;
import org.pmdl.model.scenario.Condition;
import org.pmdl.model.scenario.NamespaceMode;
import org.pmdl.model.scenario.OutcomeExpectation;
import org.pmdl.model.scenario.PfnMap;
import org.pmdl.model.scenario.ScenarioSpec;
import org.pmdl.model.scenario.ScenarioStep;
import org.pmdl.model.scenario.Value;
import org.pmdl.model.papr.SpaprHypervisor;
import org.pmdl.model.topology.NfitFirmware;
import org.pmdl.model.topology.Arch;
import org.pmdl.model.topology.Cpu;
import org.pmdl.model.topology.Hypervisor;
import org.pmdl.model.topology.LmbRangeSpec;
import org.pmdl.model.ocxl.OcxlSpec;
import org.pmdl.model.topology.LparSpec;
import org.pmdl.model.topology.MappingSpec;
import org.pmdl.model.topology.Mmu;
import org.pmdl.model.topology.NvdimmSpec;
import org.pmdl.model.topology.PersistenceDomain;
import org.pmdl.model.topology.PlatformSpec;
import org.pmdl.model.topology.RegionSpec;
import org.pmdl.model.topology.ScmSpec;

/**
 * Compiles a validated PMDL file into the plain-Java model: platforms with {@code extends} flattened and sizes
 * evaluated, scenarios as one {@link ScenarioStep} per written step. Only call it on a file without errors:
 * it assumes resolved references and sizes that fit (the validator's job).
 */
public final class PmdlCompiler {

    /** The platforms a file can name (its own and imported ones it uses) and its scenarios, in order. */
    public record CompiledFile(Map<String, PlatformSpec> platforms, List<ScenarioSpec> scenarios) {
    }

    public CompiledFile compile(PmdlFile file) {
        Map<String, PlatformSpec> platforms = new LinkedHashMap<>();
        List<ScenarioSpec> scenarios = new ArrayList<>();
        for (EObject element : file.getElements()) {
            if (element instanceof Platform platform) {
                platforms.put(platform.getName(), platform(platform));
            } else if (element instanceof Scenario scenario) {
                scenarios.add(scenario(scenario));
            }
        }
        // imported platforms that scenarios boot or reboot into
        for (Platform used : EcoreUtil2.getAllContentsOfType(file, Scenario.class).stream()
                .flatMap(s -> referencedPlatforms(s).stream()).toList()) {
            platforms.computeIfAbsent(used.getName(), n -> platform(used));
        }
        return new CompiledFile(platforms, scenarios);
    }

    private static List<Platform> referencedPlatforms(Scenario scenario) {
        List<Platform> used = new ArrayList<>();
        used.add(scenario.getPlatform());
        for (Reboot reboot : EcoreUtil2.getAllContentsOfType(scenario, Reboot.class)) {
            if (reboot.getInto() != null) {
                used.add(reboot.getInto());
            }
        }
        return used;
    }

    // ------------------------------------------------------------------------------------------ platforms

    public PlatformSpec platform(Platform platform) {
        ArchDecl archDecl = PlatformHierarchy.attribute(platform, ArchDecl.class).orElseThrow();
        Arch arch = archDecl.getArch() == ArchKind.X86_64 ? Arch.X86_64 : Arch.PPC64;
        Cpu cpu = PlatformHierarchy.attribute(platform, CpuDecl.class)
                .map(c -> Cpu.valueOf(c.getCpu().getName().toUpperCase())).orElse(Cpu.GENERIC);
        List<NvdimmSpec> nvdimms = new ArrayList<>();
        List<RegionSpec> regions = new ArrayList<>();
        List<ScmSpec> scms = new ArrayList<>();
        List<OcxlSpec> ocxls = new ArrayList<>();
        LparSpec lpar = null;
        for (EObject device : PlatformHierarchy.devices(platform)) {
            if (device instanceof Nvdimm dimm) {
                nvdimms.add(new NvdimmSpec(dimm.getName(), size(dimm.getSize()), orZero(dimm.getLabelArea()),
                        SourceRefs.of(dimm)));
            } else if (device instanceof Region region) {
                regions.add(region(region));
            } else if (device instanceof E820 e820) {
                regions.add(RegionSpec.legacy(e820.getName(), size(e820.getBase()), size(e820.getSize()),
                        SourceRefs.of(e820)));
            } else if (device instanceof Scm scm) {
                scms.add(new ScmSpec(scm.getName(), size(scm.getDrcIndex()), size(scm.getBlockSize()),
                        size(scm.getBlocks()), orZero(scm.getMetadataSize()), scm.isCacheFlushRequired(),
                        SpaprHypervisor.healthBitmap(scm.getHealth()), orZero(scm.getBindBusy()), orZero(scm.getUnbindBusy()),
                        SourceRefs.of(scm)));
            } else if (device instanceof Lpar l) {
                lpar = lpar(l);
            } else if (device instanceof org.pmdl.dsl.pmdl.Ocxl card) {
                ocxls.add(OcxlCompiler.card(card));
            }
        }
        return new PlatformSpec(platform.getName(), arch, mmu(arch, archDecl, cpu), orZero(archDecl.getPageSize()),
                orZero(archDecl.getLinearPage()), cpu,
                PlatformHierarchy.attribute(platform, KernelDecl.class).map(KernelDecl::getVersion).orElse(null),
                PlatformHierarchy.attribute(platform, HypervisorDecl.class)
                        .map(h -> Hypervisor.valueOf(h.getHypervisor().getName().toUpperCase())).orElse(Hypervisor.NONE),
                PlatformHierarchy.attribute(platform, PersistenceDecl.class)
                        .map(p -> persistence(p.getDomain())).orElse(null),
                nvdimms, regions, lpar, scms,
                PlatformHierarchy.attribute(platform, MapSyncDecl.class)
                        .map(m -> m.getPolicy() == MapSyncPolicy.DISABLED).orElse(false),
                SourceRefs.of(platform), ocxls, HotplugCompiler.hotplug(platform),
                PlatformHierarchy.attribute(platform, DistroDecl.class).map(DistroDecl::getPreset).orElse(null),
                PlatformHierarchy.attribute(platform, NfitDecl.class)
                        .map(n -> new NfitFirmware(n.isArs(), n.isErrorInjection())).orElse(NfitFirmware.NONE));
    }

    /**
     * ppc64 without an explicit {@code mmu}: the kernel picks radix when the CPU has it (ISA 3.0, POWER9 and
     * later; arch/powerpc/kernel/prom.c early_radix_enabled via ibm,pa-features) and hash on POWER8.
     */
    private static Mmu mmu(Arch arch, ArchDecl decl, Cpu cpu) {
        if (arch == Arch.X86_64) {
            return Mmu.NATIVE;
        }
        if (Written.isWritten(decl, Literals.ARCH_DECL__MMU)) {
            return Mmu.valueOf(decl.getMmu().getName().toUpperCase());
        }
        return cpu == Cpu.POWER8 ? Mmu.HASH : Mmu.RADIX;
    }

    private RegionSpec region(Region region) {
        List<MappingSpec> mappings = new ArrayList<>();
        for (Mapping m : region.getMappings()) {
            mappings.add(new MappingSpec(m.getNvdimm().getName(), size(m.getDpa()), size(m.getSize()),
                    SourceRefs.of(m)));
        }
        PersistenceDomain persistence = Written.isWritten(region, Literals.REGION__PERSISTENCE)
                ? persistence(region.getPersistence()) : null;
        return new RegionSpec(region.getName(), size(region.getBase()), mappings, persistence, region.isReadOnly(),
                Math.toIntExact(orZero(region.getFlushHints())), region.isAsync(), SourceRefs.of(region));
    }

    private LparSpec lpar(Lpar lpar) {
        int cpus = lpar.getCpus() == null ? 1 : Math.toIntExact(size(lpar.getCpus()));
        int max = lpar.getMaxCpus() == null ? cpus : Math.toIntExact(size(lpar.getMaxCpus()));
        return new LparSpec(size(lpar.getLmbSize()), lmbRanges(lpar.getRanges()), cpus, max,
                lpar.isDynamicMemoryV1(), SourceRefs.of(lpar));
    }

    private static List<LmbRangeSpec> lmbRanges(List<LmbRange> declared) {
        List<LmbRangeSpec> ranges = new ArrayList<>();
        for (LmbRange r : declared) {
            long first = size(r.getFirst());
            long last = r.getLast() == null ? first : size(r.getLast());
            long drc = r.getDrcIndex() == null ? LmbRangeSpec.defaultDrcIndex(first) : size(r.getDrcIndex());
            int node = r.getNode() == null ? 0 : Math.toIntExact(size(r.getNode()));
            ranges.add(new LmbRangeSpec(first, last, node, r.isAssigned(), drc, SourceRefs.of(r)));
        }
        return ranges;
    }

    private static PersistenceDomain persistence(PersistenceKind kind) {
        return PersistenceDomain.valueOf(kind.getName().toUpperCase());
    }

    // ------------------------------------------------------------------------------------------ scenarios

    public ScenarioSpec scenario(Scenario scenario) {
        List<ScenarioStep> steps = new ArrayList<>();
        for (Step step : scenario.getSteps()) {
            if (step instanceof ActionStep actionStep) {
                steps.add(new ScenarioStep(action(actionStep.getAction()), outcome(actionStep.getOutcome()),
                        SourceRefs.of(step)));
            } else {
                steps.add(new ScenarioStep(expectation(((ExpectStep) step).getExpectation()), null,
                        SourceRefs.of(step)));
            }
        }
        return new ScenarioSpec(scenario.getName(), scenario.getPlatform().getName(), steps, SourceRefs.of(scenario));
    }

    private static OutcomeExpectation outcome(Outcome outcome) {
        if (outcome == null) {
            return null;
        }
        return outcome.isOk()
                ? new OutcomeExpectation(null, "expect ok")
                : new OutcomeExpectation(outcome.getErrno(), "expect error " + outcome.getErrno());
    }

    private Action action(EObject action) {
        if (action instanceof org.pmdl.dsl.pmdl.Boot) {
            return new Action.Boot();
        } else if (action instanceof Reboot reboot) {
            return new Action.Reboot(reboot.getInto() == null ? null : reboot.getInto().getName());
        } else if (action instanceof org.pmdl.dsl.pmdl.Kexec kexec) {
            return new Action.Kexec(Written.isWritten(kexec, Literals.KEXEC__METHOD) ? kexec.getMethod().getLiteral() : null);
        } else if (HotplugCompiler.action(action) != null) {
            return HotplugCompiler.action(action);
        } else if (action instanceof org.pmdl.dsl.pmdl.Panic) {
            return new Action.Panic();
        } else if (action instanceof org.pmdl.dsl.pmdl.PowerFail fail) {
            return new Action.PowerFail(fail.isDirtyShutdown(), orZero(fail.getBound()));
        } else if (action instanceof org.pmdl.dsl.pmdl.CrashAnywhere crash) {
            return new Action.CrashAnywhere(orZero(crash.getBound()));
        } else if (action instanceof InitLabels init) {
            return new Action.InitLabels(Names.nameOf(init.getNvdimm()), init.isForce(),
                    init.getLabelVersion() == LabelVersion.V1_2 ? 2 : 1, init.isActive());
        } else if (action instanceof ZeroLabels zero) {
            return new Action.ZeroLabels(Names.nameOf(zero.getNvdimm()), zero.isActive());
        } else if (action instanceof CheckLabels check) {
            return new Action.CheckLabels(Names.nameOf(check.getNvdimm()));
        } else if (action instanceof ReadLabels read) {
            return new Action.ReadLabels(Names.nameOf(read.getNvdimm()));
        } else if (action instanceof CheckNamespace check) {
            return new Action.CheckNamespace(namespaceName(check, Literals.CHECK_NAMESPACE__NAMESPACE),
                    check.isRepair(), check.isRewriteLog(), check.isForce());
        } else if (action instanceof InjectError inject) {
            return new Action.InjectError(namespaceName(inject, Literals.INJECT_ERROR__NAMESPACE),
                    sizeOrNull(inject.getBlock()), sizeOrNull(inject.getCount()), inject.isUninject(),
                    inject.isStatus(), inject.isSaturate());
        } else if (action instanceof ClearErrors clear) {
            return new Action.ClearErrors(namespaceName(clear, Literals.CLEAR_ERRORS__NAMESPACE), clear.isScrub());
        } else if (action instanceof StartScrub) {
            return new Action.StartScrub();
        } else if (action instanceof WaitScrub) {
            return new Action.WaitScrub();
        } else if (action instanceof Read read) {
            return new Action.Read(location(read.getLocation()));
        } else if (action instanceof RegionStep r) {
            return regionStep(r);
        } else if (action instanceof CreateNamespace create) {
            return new Action.CreateNamespace(create.getNamespace().getName(), Names.nameOf(create.getRegion()),
                    Written.isWritten(create, Literals.CREATE_NAMESPACE__MODE) ? mode(create.getMode()) : null,
                    sizeOrNull(create.getSize()), sizeOrNull(create.getAlign()),
                    Written.isWritten(create, Literals.CREATE_NAMESPACE__MAP) ? map(create.getMap()) : null,
                    sizeOrNull(create.getSectorSize()), create.isForce(), create.getUuid(), create.getAltName());
        } else if (action instanceof Reconfigure reconfigure) {
            return new Action.Reconfigure(namespaceName(reconfigure, Literals.RECONFIGURE__NAMESPACE),
                    Written.isWritten(reconfigure, Literals.RECONFIGURE__MODE) ? mode(reconfigure.getMode()) : null,
                    sizeOrNull(reconfigure.getAlign()),
                    Written.isWritten(reconfigure, Literals.RECONFIGURE__MAP) ? map(reconfigure.getMap()) : null,
                    sizeOrNull(reconfigure.getSectorSize()), reconfigure.isForce(), reconfigure.getUuid(),
                    reconfigure.getAltName());
        } else if (action instanceof DestroyNamespace destroy) {
            return new Action.DestroyNamespace(namespaceName(destroy, Literals.DESTROY_NAMESPACE__NAMESPACE));
        } else if (action instanceof DisableNamespace disable) {
            return new Action.DisableNamespace(namespaceName(disable, Literals.DISABLE_NAMESPACE__NAMESPACE));
        } else if (action instanceof EnableNamespace enable && enable.getForceRaw() != null) {
            return new Action.ForceRaw(namespaceName(enable, Literals.ENABLE_NAMESPACE__NAMESPACE),
                    enable.getForceRaw().equals("on"));
        } else if (action instanceof EnableNamespace enable) {
            return new Action.EnableNamespace(namespaceName(enable, Literals.ENABLE_NAMESPACE__NAMESPACE));
        } else if (action instanceof WriteInfoblock write) {
            return new Action.WriteInfoblock(namespaceName(write, Literals.WRITE_INFOBLOCK__NAMESPACE),
                    Written.isWritten(write, Literals.WRITE_INFOBLOCK__MODE) ? mode(write.getMode()) : null,
                    sizeOrNull(write.getAlign()),
                    Written.isWritten(write, Literals.WRITE_INFOBLOCK__MAP) ? map(write.getMap()) : null,
                    sizeOrNull(write.getOffset()));
        } else if (action instanceof Claim claim) {
            return new Action.Claim(namespaceName(claim, Literals.CLAIM__NAMESPACE),
                    Written.isWritten(claim, Literals.CLAIM__MODE) ? mode(claim.getMode()) : null,
                    sizeOrNull(claim.getAlign()),
                    Written.isWritten(claim, Literals.CLAIM__MAP) ? map(claim.getMap()) : null,
                    claim.isInfoblockUuid());
        } else if (action instanceof Store store) {
            return new Action.Store(Action.StoreKind.valueOf(store.getKind().getName().toUpperCase()),
                    location(store.getLocation()), size(store.getValue()));
        } else if (action instanceof CacheFlush flush) {
            return new Action.CacheFlush(Action.FlushKind.valueOf(flush.getKind().getName().toUpperCase()),
                    location(flush.getLocation()));
        } else if (action instanceof Fence fence) {
            return new Action.Fence(Action.FenceKind.valueOf(fence.getKind().getName().toUpperCase()));
        } else if (action instanceof NvdimmFlush flush) {
            return new Action.NvdimmFlush(Names.nameOf(flush.getRegion()));
        } else if (action instanceof MapSync mmap) {
            return new Action.MapSync(namespaceName(mmap, Literals.MAP_SYNC__NAMESPACE));
        } else if (action instanceof org.pmdl.dsl.pmdl.Hcall hcall) {
            return new Action.Hcall(hcall.getName(), hcall.getTarget() == null ? null : Names.nameOf(hcall.getTarget()),
                    hcall.getArgs().stream().map(PmdlCompiler::size).toList());
        } else if (action instanceof org.pmdl.dsl.pmdl.Ioctl ioctl) {
            return new Action.Ioctl(Names.nameOf(ioctl.getTarget()), ioctl.getCommand(),
                    ioctl.getArgs().stream().map(PmdlCompiler::size).toList());
        } else if (action instanceof org.pmdl.dsl.pmdl.Dlpar dlpar) {
            return new Action.Dlpar(dlpar.isAdd(), dlpar.isMemory() ? Action.DlparResource.MEMORY : Action.DlparResource.CPU,
                    sizeOrNull(dlpar.getCore()), sizeOrNull(dlpar.getCount()), sizeOrNull(dlpar.getIndex()));
        } else if (action instanceof org.pmdl.dsl.pmdl.PinMemory) {
            return new Action.PinMemory();
        } else if (action instanceof org.pmdl.dsl.pmdl.CpuOnline cpu) {
            return new Action.CpuOnline(cpu.isOnline(), Math.toIntExact(size(cpu.getCpu())));
        } else if (action instanceof org.pmdl.dsl.pmdl.Rtas rtas) {
            return new Action.Rtas(rtas.getIndicator(), size(rtas.getDrc()), orZero(rtas.getValue()));
        } else if (action instanceof org.pmdl.dsl.pmdl.Migrate migrate) {
            return new Action.Migrate(lmbRanges(migrate.getChanges()));
        } else if (action instanceof org.pmdl.dsl.pmdl.OcxlStep ocxl) {
            return OcxlCompiler.step(ocxl);
        }
        throw new IllegalArgumentException("no compilation for " + action.eClass().getName());
    }

    private Action expectation(Expectation expectation) {
        if (expectation instanceof ExpectCondition expect) {
            return new Action.Expect(condition(expect.getCondition()),
                    expect.getImplied() == null ? null : condition(expect.getImplied()));
        } else if (expectation instanceof ExpectDurable durable) {
            return new Action.ExpectDurable(location(durable.getLocation()));
        } else if (expectation instanceof ExpectOrdered ordered) {
            return new Action.ExpectOrdered(location(ordered.getFirst()), location(ordered.getSecond()));
        } else if (expectation instanceof ExpectLog log) {
            return new Action.ExpectLog(log.getText());
        } else if (expectation instanceof org.pmdl.dsl.pmdl.ExpectHcall hcall) {
            return new Action.ExpectHcall(hcall.getHcall(), hcall.getStatus(), hcall.isNegated());
        }
        throw new IllegalArgumentException("no compilation for " + expectation.eClass().getName());
    }

    private Condition condition(org.pmdl.dsl.pmdl.Condition condition) {
        if (condition instanceof BoundCondition bound) {
            return new Condition.Bound(Names.referenceText(bound, Literals.BOUND_CONDITION__TARGET),
                    !bound.isNegated());
        } else if (condition instanceof AttributeCondition attribute) {
            return new Condition.Attribute(Names.referenceText(attribute, Literals.ATTRIBUTE_CONDITION__TARGET),
                    AttributePaths.attributeOf(attribute), Comparison.ofSymbol(attribute.getOp().getLiteral()),
                    value(attribute.getValue()));
        } else if (condition instanceof org.pmdl.dsl.pmdl.LmbCondition lmb) {
            return new Condition.Lmb(size(lmb.getIndex()), lmb.getAttribute(),
                    Comparison.ofSymbol(lmb.getOp().getLiteral()), value(lmb.getValue()));
        } else if (condition instanceof MediaCondition media) {
            return new Condition.Media(location(media.getLocation()),
                    Comparison.ofSymbol(media.getOp().getLiteral()), value(media.getValue()));
        }
        throw new IllegalArgumentException("no compilation for " + condition.eClass().getName());
    }

    private static Value value(org.pmdl.dsl.pmdl.Value value) {
        if (value instanceof NumberValue number) {
            return new Value.Number(SizeExpressions.evaluate(number.getValue()));
        } else if (value instanceof StringValue string) {
            return new Value.Text(string.getValue());
        }
        return new Value.Text(((SymbolValue) value).getValue());
    }

    private static org.pmdl.model.scenario.MediaLocation location(MediaLocation location) {
        return new org.pmdl.model.scenario.MediaLocation(
                namespaceName(location, Literals.MEDIA_LOCATION__NAMESPACE), size(location.getOffset()));
    }

    /** The namespace as the user named it: a created namespace's name, or the kernel's {@code namespaceN.0}. */
    /** `set REGION align|read_only V`, `disable|enable region REGION`. */
    private static Action regionStep(RegionStep r) {
        String region = Names.nameOf(r.getRegion());
        if (r.getCommand() != null) {
            return r.getCommand().equals("disable") ? new Action.DisableRegion(region) : new Action.EnableRegion(region);
        }
        return r.getAlign() != null ? new Action.SetRegionAlign(region, size(r.getAlign()))
                : new Action.SetRegionReadOnly(region, size(r.getReadOnly()));
    }

    private static String namespaceName(EObject owner, EReference reference) {
        return Names.referenceText(owner, reference);
    }

    private static NamespaceMode mode(NamespaceModeKind kind) {
        return NamespaceMode.valueOf(kind.getName().toUpperCase());
    }

    private static PfnMap map(MapKind kind) {
        return PfnMap.valueOf(kind.getName().toUpperCase());
    }

    private static long size(SizeExpr expr) {
        return SizeExpressions.evaluateChecked(expr);
    }

    private static Long sizeOrNull(SizeExpr expr) {
        return SizeExpressions.evaluateChecked(expr);
    }

    private static long orZero(SizeExpr expr) {
        return expr == null ? 0 : SizeExpressions.evaluateChecked(expr);
    }
}
