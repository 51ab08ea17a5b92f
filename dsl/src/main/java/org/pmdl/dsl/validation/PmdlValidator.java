package org.pmdl.dsl.validation;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.validation.Check;
import org.eclipse.xtext.validation.ComposedChecks;
import org.pmdl.dsl.lang.Imports;
import org.pmdl.dsl.lang.Names;
import org.pmdl.dsl.lang.PlatformHierarchy;
import org.pmdl.dsl.lang.SizeExpressions;
import org.pmdl.dsl.lang.Written;
import org.pmdl.dsl.parser.InputLimits;
import org.pmdl.dsl.pmdl.ActionStep;
import org.pmdl.dsl.pmdl.ArchDecl;
import org.pmdl.dsl.pmdl.ArchKind;
import org.pmdl.dsl.pmdl.AttributeCondition;
import org.pmdl.dsl.pmdl.BoundCondition;
import org.pmdl.dsl.pmdl.CacheFlush;
import org.pmdl.dsl.pmdl.Claim;
import org.pmdl.dsl.pmdl.Device;
import org.pmdl.dsl.pmdl.E820;
import org.pmdl.dsl.pmdl.Fence;
import org.pmdl.dsl.pmdl.Import;
import org.pmdl.dsl.pmdl.DistroDecl;
import org.pmdl.dsl.pmdl.KernelDecl;
import org.pmdl.dsl.pmdl.LmbRange;
import org.pmdl.dsl.pmdl.Lpar;
import org.pmdl.dsl.pmdl.Mapping;
import org.pmdl.dsl.pmdl.MediaLocation;
import org.pmdl.dsl.pmdl.NamespaceDecl;
import org.pmdl.dsl.pmdl.NamespaceModeKind;
import org.pmdl.dsl.pmdl.Nvdimm;
import org.pmdl.dsl.pmdl.Outcome;
import org.pmdl.dsl.pmdl.Platform;
import org.pmdl.dsl.pmdl.PlatformMember;
import org.pmdl.dsl.pmdl.PmdlFile;
import org.pmdl.dsl.pmdl.PmdlPackage.Literals;
import org.pmdl.dsl.pmdl.Reboot;
import org.pmdl.dsl.pmdl.Reconfigure;
import org.pmdl.dsl.pmdl.Region;
import org.pmdl.dsl.pmdl.RegionOwner;
import org.pmdl.dsl.pmdl.Scenario;
import org.pmdl.dsl.pmdl.Scm;
import org.pmdl.dsl.pmdl.SizeExpr;
import org.pmdl.dsl.pmdl.CrashAnywhere;
import org.pmdl.dsl.pmdl.PowerFail;
import org.pmdl.dsl.pmdl.Step;
import org.pmdl.dsl.pmdl.Store;
import org.pmdl.dsl.pmdl.StoreKind;
import org.pmdl.dsl.pmdl.TopLevel;
import org.pmdl.dsl.pmdl.WriteInfoblock;
import org.pmdl.model.engine.RunOptions;
import org.pmdl.model.kernel.Distro;
import org.pmdl.model.kernel.Errno;
import org.pmdl.model.kernel.KernelProfile;
import org.pmdl.model.libnvdimm.LibnvdimmRules;
import org.pmdl.model.libnvdimm.MappingAlign;
import org.pmdl.model.persistence.PersistenceModel;
import org.pmdl.model.persistence.PersistenceRules;
import org.pmdl.model.platform.PlatformFacts;
import org.pmdl.model.rules.Rule;
import org.pmdl.model.rules.Rules;
import org.pmdl.model.topology.Arch;

/**
 * Static checks of a PMDL file. Every diagnostic carries a rule ID from {@link Rules} as its issue code, sits on
 * the exact text that causes it and says what to do. Checks that need the kernel's dynamic state live in the
 * model's engine, not here.
 */
@ComposedChecks(validators = {PseriesValidator.class, OcxlValidator.class, HotplugValidator.class})
public class PmdlValidator extends AbstractPmdlValidator {

    // ------------------------------------------------------------------------------------------ names

    @Check
    public void checkTopLevelNamesUnique(PmdlFile file) {
        Map<String, TopLevel> seen = new HashMap<>();
        for (TopLevel element : file.getElements()) {
            String name = Names.nameOf(element);
            TopLevel first = name == null ? null : seen.putIfAbsent(name, element);
            if (first != null) {
                report(Rules.NAME_DUPLICATE, "'" + name + "' is already declared at line " + line(first)
                        + "; platforms and scenarios of a file need distinct names", element, nameFeature(element));
            }
        }
    }

    @Check
    public void checkCrashBound(CrashAnywhere crash) {
        checkExplorationBound(crash.getBound());
    }

    @Check
    public void checkPowerFailBound(PowerFail fail) {
        checkExplorationBound(fail.getBound());
    }

    /** A bound of 0 would silently mean the default, a huge one "until the heap is gone": both are refused. */
    private void checkExplorationBound(SizeExpr bound) {
        BigInteger value = bound == null ? null : SizeExpressions.evaluate(bound);
        if (value != null && (value.signum() <= 0 || value.compareTo(BigInteger.valueOf(
                PersistenceModel.MAX_BOUND)) > 0)) {
            report(PersistenceRules.CRASH_BOUND_RANGE, "bound " + value + " is outside 1.." + PersistenceModel.MAX_BOUND
                    + ": the model keeps every crash state in memory and stops after "
                    + PersistenceModel.TIME_LIMIT.toSeconds() + " s; leave `bound` out for the default ("
                    + RunOptions.DEFAULT.explorationBound() + ")", bound, null);
        }
    }

    /** The parser read what exceeds {@link InputLimits} as blanks; say where, so nothing is silently dropped. */
    @Check
    public void checkInputLimits(PmdlFile file) {
        var root = org.eclipse.xtext.nodemodel.util.NodeModelUtils.getNode(file);
        if (root == null) {
            return;
        }
        for (InputLimits.Excess excess : InputLimits.excesses(root.getRootNode().getText())) {
            getMessageAcceptor().acceptError(excess.message(), file, excess.offset(), excess.length(),
                    Rules.INPUT_LIMIT.id());
        }
    }

    @Check
    public void checkImportResolves(Import imp) {
        String problem = imp.getImportURI() == null ? null : Imports.problem(imp);
        if (problem != null) {
            report(Rules.IMPORT_UNRESOLVED, problem, imp, Literals.IMPORT__IMPORT_URI);
        }
    }

    /** Scoping would take the first import's platform silently, so the import order would decide; say which two. */
    @Check
    public void checkImportedNamesUnique(PmdlFile file) {
        Map<String, Import> firstImporter = new HashMap<>();
        for (Import imp : file.getImports()) {
            Resource imported = Imports.load(imp);
            if (imported == null || imported == file.eResource() || imported.getContents().isEmpty()
                    || !(imported.getContents().get(0) instanceof PmdlFile importedFile)) {
                continue;
            }
            for (TopLevel element : importedFile.getElements()) {
                String name = element instanceof Platform ? Names.nameOf(element) : null;
                Import first = name == null ? null : firstImporter.putIfAbsent(name, imp);
                if (first != null && first != imp) {
                    report(Rules.NAME_DUPLICATE, "platform '" + name + "' is declared both in \""
                            + first.getImportURI() + "\" (imported at line " + line(first) + ") and in \""
                            + imp.getImportURI() + "\"; rename one or import only one", imp, Literals.IMPORT__IMPORT_URI);
                }
            }
        }
    }

    @Check
    public void checkPlatformMembersUnique(Platform platform) {
        Map<String, EObject> devices = new HashMap<>();
        Map<Class<?>, PlatformMember> attributes = new HashMap<>();
        for (PlatformMember member : platform.getMembers()) {
            if (member instanceof Device && !(member instanceof Lpar)) {
                String name = Names.nameOf(member);
                EObject first = name == null ? null : devices.putIfAbsent(name, member);
                if (first != null) {
                    report(Rules.NAME_DUPLICATE, "'" + name + "' is already declared at line " + line(first)
                            + " in platform " + platform.getName() + "; give each device its own name",
                            member, nameFeature(member));
                }
            } else {
                Class<?> kind = member.eClass().getInstanceClass();
                PlatformMember first = attributes.putIfAbsent(kind, member);
                if (first != null) {
                    report(Rules.ATTRIBUTE_DUPLICATE, keywordOf(member) + " is already set at line " + line(first)
                            + "; keep one", member, null);
                }
            }
        }
    }

    @Check
    public void checkNamespacesUnique(Scenario scenario) {
        Platform platform = resolved(scenario.getPlatform());
        java.util.Set<String> deviceNames = platform == null ? java.util.Set.of() : PlatformHierarchy.devices(platform)
                .stream().map(Names::nameOf).filter(java.util.Objects::nonNull).collect(Collectors.toSet());
        Map<String, NamespaceDecl> seen = new HashMap<>();
        for (NamespaceDecl ns : EcoreUtil2.getAllContentsOfType(scenario, NamespaceDecl.class)) {
            NamespaceDecl first = ns.getName() == null ? null : seen.putIfAbsent(ns.getName(), ns);
            if (first != null) {
                report(Rules.NAME_DUPLICATE, "namespace '" + ns.getName() + "' is already created at line "
                        + line(first) + "; use another name for a second namespace", ns, Literals.NAMESPACE_DECL__NAME);
            } else if (deviceNames.contains(ns.getName())) {
                report(Rules.NAME_DUPLICATE, "'" + ns.getName() + "' already names a device of platform "
                        + platform.getName() + "; name the namespace differently", ns, Literals.NAMESPACE_DECL__NAME);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ platforms

    @Check
    public void checkExtends(Platform platform) {
        if (platform.getBase() != null && PlatformHierarchy.extendsItself(platform)) {
            report(Rules.PLATFORM_EXTENDS_CYCLE, "platform " + platform.getName()
                    + " extends itself through its bases; remove one 'extends'", platform, Literals.PLATFORM__BASE);
        }
    }

    @Check
    public void checkArchDeclared(Platform platform) {
        if (PlatformHierarchy.attribute(platform, ArchDecl.class).isEmpty()) {
            report(Rules.ATTRIBUTE_MISSING, "platform " + platform.getName()
                    + " declares no architecture; add `arch x86_64` or `arch ppc64 { mmu radix }`",
                    platform, Literals.TOP_LEVEL__NAME);
        }
    }

    @Check
    public void checkArchAttributes(ArchDecl decl) {
        if (decl.getArch() == ArchKind.X86_64) {
            if (isSet(decl, Literals.ARCH_DECL__MMU)) {
                report(Rules.ARCH_ATTRIBUTE, "x86_64 has no MMU choice; remove `mmu` (it exists on ppc64 only)",
                        decl, Literals.ARCH_DECL__MMU);
            }
            if (decl.getLinearPage() != null) {
                report(Rules.ARCH_ATTRIBUTE, "`linear-page` is the ppc64 hash MMU's linear-map page size; "
                        + "remove it on x86_64", decl, Literals.ARCH_DECL__LINEAR_PAGE);
            }
        } else if (decl.getLinearPage() != null && isSet(decl, Literals.ARCH_DECL__MMU)
                && decl.getMmu() != org.pmdl.dsl.pmdl.MmuKind.HASH) {
            report(Rules.ARCH_ATTRIBUTE, "`linear-page` applies only to `mmu hash`; the radix MMU maps the "
                    + "linear map with its own page sizes", decl, Literals.ARCH_DECL__LINEAR_PAGE);
        }
        Long pageSize = checkedValue(decl.getPageSize());
        Arch arch = decl.getArch() == ArchKind.X86_64 ? Arch.X86_64 : Arch.PPC64;
        if (pageSize != null && !PlatformFacts.isSupportedPageSize(arch, pageSize)) {
            report(Rules.ARCH_ATTRIBUTE, "PAGE_SIZE " + SizeExpressions.format(pageSize) + " is not a page size "
                    + arch.keyword() + " kernels are built with (" + (arch == Arch.X86_64 ? "4K" : "4K or 64K") + ")",
                    decl, Literals.ARCH_DECL__PAGE_SIZE);
        }
    }

    @Check
    public void checkKernelKnown(KernelDecl decl) {
        String version = decl.getVersion();
        if (version != null && KernelProfile.lookup(version).isEmpty()) {
            report(Rules.KERNEL_UNKNOWN, "no kernel profile \"" + version + "\"; known: "
                    + String.join(", ", KernelProfile.known().stream().map(KernelProfile::name).toList()),
                    decl, Literals.KERNEL_DECL__VERSION);
        }
    }

    @Check
    public void checkDistroKnown(DistroDecl decl) {
        String name = decl.getPreset();
        if (name != null && Distro.lookup(name).isEmpty()) {
            report(Rules.DISTRO_UNKNOWN, "no distro configuration \"" + name + "\"; known: "
                    + String.join(", ", Distro.known().stream().map(Distro::name).toList()),
                    decl, Literals.DISTRO_DECL__PRESET);
        }
    }

    /** Every size is checked once, at the root of its expression. */
    @Check
    public void checkSizeFits(SizeExpr expr) {
        if (expr.eContainer() instanceof SizeExpr) {
            return;
        }
        BigInteger value = SizeExpressions.evaluate(expr);
        if (value == null) {
            return;
        }
        if (value.signum() < 0) {
            report(Rules.SIZE_OVERFLOW, "this evaluates to " + value + "; sizes and addresses cannot be negative",
                    expr, null);
        } else if (value.compareTo(SizeExpressions.MAX_U64) > 0) {
            report(Rules.SIZE_OVERFLOW, "this evaluates to " + value + ", which does not fit in 64 bits", expr, null);
        } else if (value.compareTo(SizeExpressions.MAX_MODELLED) > 0 && !OcxlValidator.isU64(expr)) {
            report(Rules.SIZE_OVERFLOW, "this evaluates to 0x" + value.toString(16)
                    + ", beyond 2^63-1, the largest size or address the model represents", expr, null);
        }
    }

    @Check
    public void checkNvdimm(Nvdimm dimm) {
        if (dimm.getSize() == null) {
            report(Rules.ATTRIBUTE_MISSING, "nvdimm " + dimm.getName() + " has no size; add `size 4G` (for example)",
                    dimm, Literals.NVDIMM__NAME);
            return;
        }
        Long size = checkedValue(dimm.getSize());
        Long label = checkedValue(dimm.getLabelArea());
        if (size != null && size == 0) {
            report(Rules.ATTRIBUTE_MISSING, "nvdimm " + dimm.getName() + " has size 0, so no DPA space to map; give"
                    + " it a size (`size 4G`, for example)", dimm, Literals.NVDIMM__SIZE);
        } else if (size != null && label != null && label >= size) {
            report(Rules.LABEL_AREA_SIZE, "the label area (" + SizeExpressions.format(label)
                    + ") leaves no DPA space on a " + SizeExpressions.format(size) + " DIMM; make it smaller",
                    dimm, Literals.NVDIMM__LABEL_AREA);
        }
    }

    /** A sanity cap on NFIT flush-hint addresses per DIMM (QEMU exposes one; real platforms a handful). */
    private static final long MAX_FLUSH_HINTS = 256;

    @Check
    public void checkRegion(Region region) {
        Long hints = checkedValue(region.getFlushHints());
        if (hints != null && hints > MAX_FLUSH_HINTS) {
            report(Rules.SIZE_OVERFLOW, "flush-hints " + hints + " is more than a region's " + MAX_FLUSH_HINTS
                    + " WPQ flush-hint addresses per mapping the model accepts", region, Literals.REGION__FLUSH_HINTS);
        }
        if (region.getMappings().isEmpty()) {
            report(Rules.REGION_EMPTY, "region " + region.getName()
                    + " has no mapping; add `mapping DIMM dpa START size SIZE` for each interleave way",
                    region, Literals.REGION__NAME);
            return;
        }
        Long base = checkedValue(region.getBase());
        long total = 0;
        for (Mapping m : region.getMappings()) {
            Long size = checkedValue(m.getSize());
            if (size == null) {
                return;
            }
            total += size;
        }
        if (base != null && BigInteger.valueOf(base).add(BigInteger.valueOf(total))
                .compareTo(SizeExpressions.MAX_MODELLED) > 0) {
            report(Rules.SIZE_OVERFLOW, "region " + region.getName() + " ends beyond 2^63-1; move its base lower",
                    region, Literals.REGION__BASE);
        }
    }

    @Check
    public void checkE820(E820 e820) {
        Long size = checkedValue(e820.getSize());
        if (e820.getSize() == null || (size != null && size == 0)) {
            report(Rules.ATTRIBUTE_MISSING, "e820 range " + e820.getName() + " has no size; add `size 512M` (for "
                    + "example, as memmap=512M!START would)", e820, Literals.E820__NAME);
        }
    }

    @Check
    public void checkMapping(Mapping mapping) {
        Nvdimm dimm = resolved(mapping.getNvdimm());
        Long dpa = checkedValue(mapping.getDpa());
        Long size = checkedValue(mapping.getSize());
        Platform platform = EcoreUtil2.getContainerOfType(mapping, Platform.class);
        if (dpa == null || size == null || platform == null) {
            return;
        }
        long pageSize = pageSize(platform);
        MappingAlign.misaligned(dpa, pageSize).ifPresent(rule -> report(rule, "dpa " + hex(dpa)
                + " is not a multiple of PAGE_SIZE (" + SizeExpressions.format(pageSize) + "): the kernel refuses the "
                + "region; use " + hex(dpa / pageSize * pageSize) + " or " + hex((dpa / pageSize + 1) * pageSize),
                mapping, Literals.MAPPING__DPA));
        MappingAlign.misaligned(size, pageSize).ifPresent(rule -> report(rule, "size " + size
                + " is not a multiple of PAGE_SIZE (" + SizeExpressions.format(pageSize) + "): the kernel refuses the "
                + "region; round it to " + (size / pageSize * pageSize), mapping, Literals.MAPPING__SIZE));
        if (dimm == null) {
            return;
        }
        Long dimmSize = checkedValue(dimm.getSize());
        long labelArea = Optional.ofNullable(checkedValue(dimm.getLabelArea())).orElse(0L);
        if (dimmSize != null && BigInteger.valueOf(dpa).add(BigInteger.valueOf(size))
                .compareTo(BigInteger.valueOf(dimmSize - labelArea)) > 0) {
            String label = labelArea > 0 ? " after its " + SizeExpressions.format(labelArea) + " label area" : "";
            long room = dimmSize - labelArea - dpa;
            // No room at all: "shrink to at most -131072 bytes" would be no advice; say what is missing instead.
            String advice = room > 0 ? "shrink the mapping to at most " + room + " bytes"
                    : dimmSize - labelArea <= 0 ? "give " + dimm.getName() + " a size larger than its label area"
                    : "start the mapping below dpa " + hex(dimmSize - labelArea) + " or grow " + dimm.getName();
            report(Rules.MAPPING_EXCEEDS_DIMM, "the mapping ends at dpa " + hex(dpa + size) + " but "
                    + dimm.getName() + " has " + hex(Math.max(0, dimmSize - labelArea)) + " bytes of DPA space" + label
                    + "; " + advice, mapping, Literals.MAPPING__SIZE);
        }
    }

    /** Overlaps between devices, after inheritance; reported on the device this platform declares itself. */
    @Check
    public void checkLayout(Platform platform) {
        List<Device> devices = PlatformHierarchy.devices(platform);
        checkSpaOverlaps(platform, devices);
        checkDpaOverlaps(platform, devices);
        checkDrcIndexes(platform, devices);
    }

    /** Sorted by base, each region is compared with the one reaching furthest so far: O(n log n). */
    private void checkSpaOverlaps(Platform platform, List<Device> devices) {
        record Span(RegionOwner owner, long start, long end) {
        }
        List<Span> spans = new ArrayList<>();
        for (Device device : devices) {
            long[] range = device instanceof Region region ? spa(region) : device instanceof E820 e820 ? spa(e820) : null;
            if (range != null) {
                spans.add(new Span((RegionOwner) device, range[0], range[1]));
            }
        }
        spans.sort(java.util.Comparator.comparingLong(Span::start));
        Span reach = null;
        for (Span span : spans) {
            if (reach != null && span.start() < reach.end() && declaresEither(platform, span.owner(), reach.owner())) {
                Span at = platform.getMembers().contains(span.owner()) ? span : reach;
                Span other = at == span ? reach : span;
                report(Rules.REGION_SPA_OVERLAP, describe(at.owner()) + " [" + hex(at.start()) + ", "
                        + hex(at.end()) + ") overlaps " + describe(other.owner()) + " [" + hex(other.start())
                        + ", " + hex(other.end()) + ") in system physical address space; move its base",
                        at.owner(), at.owner() instanceof E820 ? Literals.E820__BASE : Literals.REGION__BASE);
            }
            if (reach == null || span.end() > reach.end()) {
                reach = span;
            }
        }
    }

    private static String describe(RegionOwner owner) {
        return (owner instanceof E820 ? "e820 range " : "region ") + Names.nameOf(owner);
    }

    private void checkDpaOverlaps(Platform platform, List<Device> devices) {
        Map<Nvdimm, List<Mapping>> byDimm = new HashMap<>();
        for (Device device : devices) {
            if (device instanceof Region region) {
                for (Mapping m : region.getMappings()) {
                    Nvdimm dimm = resolved(m.getNvdimm());
                    if (dimm != null) {
                        byDimm.computeIfAbsent(dimm, k -> new ArrayList<>()).add(m);
                    }
                }
            }
        }
        for (List<Mapping> mappings : byDimm.values()) {
            for (int i = 0; i < mappings.size(); i++) {
                for (int j = i + 1; j < mappings.size(); j++) {
                    Mapping a = mappings.get(i);
                    Mapping b = mappings.get(j);
                    long[] da = dpaRange(a);
                    long[] db = dpaRange(b);
                    Region ra = (Region) a.eContainer();
                    Region rb = (Region) b.eContainer();
                    if (da != null && db != null && da[0] < db[1] && db[0] < da[1] && declaresEither(platform, ra, rb)) {
                        report(Rules.DPA_OVERLAP, "dpa [" + hex(db[0]) + ", " + hex(db[1]) + ") of "
                                + b.getNvdimm().getName() + " is already mapped by region " + ra.getName()
                                + " [" + hex(da[0]) + ", " + hex(da[1]) + "); a DPA belongs to one mapping",
                                b, Literals.MAPPING__DPA);
                    }
                }
            }
        }
    }

    private void checkDrcIndexes(Platform platform, List<Device> devices) {
        Map<Long, EObject> owners = new HashMap<>();
        for (Device device : devices) {
            if (device instanceof Scm scm) {
                Long drc = checkedValue(scm.getDrcIndex());
                EObject first = drc == null ? null : owners.putIfAbsent(drc, scm);
                if (first != null && platform.getMembers().contains(scm)) {
                    report(Rules.DRC_INDEX_DUPLICATE, "drc-index " + hex(drc) + " is already the DRC of "
                            + Names.nameOf(first) + "; every DRC has its own index", scm, Literals.SCM__DRC_INDEX);
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
                    report(Rules.LMB_OVERLAP, "LMBs " + Math.max(a[0], b[0]) + " .. " + Math.min(a[1], b[1])
                            + " are already declared at line " + line(ranges.get(j)) + "; each LMB appears once "
                            + "in ibm,dynamic-memory", ranges.get(i), Literals.LMB_RANGE__FIRST);
                }
            }
            Long drcBase = drcBase(ranges.get(i), a[0]);
            for (long index = a[0]; drcBase != null && index <= a[1]; index++) {
                EObject first = drcOwners.putIfAbsent(drcBase + index - a[0], ranges.get(i));
                if (first != null && first != ranges.get(i)) {
                    report(Rules.DRC_INDEX_DUPLICATE, "LMB " + index + " gets drc-index " + hex(drcBase + index - a[0])
                            + ", already used at line " + line(first) + "; give the run another drc-index",
                            ranges.get(i), Literals.LMB_RANGE__FIRST);
                    break;
                }
            }
        }
    }

    @Check
    public void checkLpar(Lpar lpar) {
        Long lmbSize = checkedValue(lpar.getLmbSize());
        if (lpar.getLmbSize() == null) {
            report(Rules.ATTRIBUTE_MISSING, "the lpar declares no LMB size; add `lmb-size 256M` (ibm,lmb-size)",
                    lpar, null);
        } else if (lmbSize != null && (Long.bitCount(lmbSize) != 1 || lmbSize < (16L << 20))) {
            report(Rules.LMB_SIZE, "lmb-size " + lmbSize + " is not a power of two of at least 16M; PowerVM and "
                    + "QEMU use 256M", lpar, Literals.LPAR__LMB_SIZE);
        }
        for (LmbRange range : lpar.getRanges()) {
            long[] idx = lmbIndexes(range);
            if (idx != null && idx[1] < idx[0]) {
                report(Rules.LMB_OVERLAP, "LMB run " + idx[0] + " .. " + idx[1] + " is empty; write the lower "
                        + "index first", range, Literals.LMB_RANGE__LAST);
            }
        }
    }

    @Check
    public void checkScm(Scm scm) {
        if (scm.getDrcIndex() == null) {
            report(Rules.ATTRIBUTE_MISSING, "scm " + scm.getName() + " has no drc-index (ibm,my-drc-index); add "
                    + "`drc-index 0x44100002` (for example)", scm, Literals.SCM__NAME);
        }
        if (scm.getBlockSize() == null || scm.getBlocks() == null) {
            report(Rules.SCM_GEOMETRY, "scm " + scm.getName() + " needs `block-size` and `blocks` "
                    + "(ibm,block-size and ibm,number-of-blocks); papr_scm refuses the DRC without them",
                    scm, Literals.SCM__NAME);
            return;
        }
        Long blockSize = checkedValue(scm.getBlockSize());
        Long blocks = checkedValue(scm.getBlocks());
        if (blockSize != null && blocks != null && BigInteger.valueOf(blockSize).multiply(BigInteger.valueOf(blocks))
                .compareTo(SizeExpressions.MAX_MODELLED) > 0) {
            report(Rules.SIZE_OVERFLOW, "block-size × blocks does not fit in 63 bits", scm, Literals.SCM__BLOCKS);
        }
    }

    // ------------------------------------------------------------------------------------------ scenarios

    @Check
    public void checkErrnoKnown(Outcome outcome) {
        String errno = outcome.getErrno();
        if (errno != null && Errno.byName(errno).isEmpty()) {
            report(Rules.ERRNO_UNKNOWN, "'" + errno + "' is not a Linux errno name; use one such as EINVAL, "
                    + "ENXIO, ENOSPC, EBUSY or EOPNOTSUPP", outcome, Literals.OUTCOME__ERRNO);
        }
    }

    @Check
    public void checkReconfigureSize(Reconfigure step) {
        if (step.getSize() != null) {
            report(Rules.NOT_MODELLED, "reconfigure keeps the namespace's size in the model; resizing while "
                    + "reconfiguring is not modelled yet: destroy and create it instead", step,
                    Literals.RECONFIGURE__SIZE);
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
            report(LibnvdimmRules.NDCTL_INFOBLOCK_MODE, what + " a pfn or dax device: use `mode fsdax` or "
                    + "`mode devdax`", step, feature);
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

    @Check
    public void checkBoundTarget(BoundCondition condition) {
        EObject target = resolved(condition.getTarget());
        if (target != null && !(target instanceof Scm)) {
            report(Rules.NAME_KIND, "'" + Names.nameOf(target) + "' is not an scm DRC; only papr_scm DRCs are "
                    + "bound by the hypervisor", condition, Literals.BOUND_CONDITION__TARGET);
        }
    }

    /** Instructions exist on one architecture; `reboot into` may change it mid-scenario. */
    @Check
    public void checkInstructionsMatchArch(Scenario scenario) {
        Platform current = resolved(scenario.getPlatform());
        for (Step step : scenario.getSteps()) {
            if (!(step instanceof ActionStep actionStep)) {
                continue;
            }
            EObject action = actionStep.getAction();
            if (action instanceof Reboot reboot && resolved(reboot.getInto()) != null) {
                current = reboot.getInto();
            }
            Arch needed = instructionArch(action);
            Arch arch = needed == null || current == null ? null : archOf(current); // most steps are no instruction
            if (arch != null && needed != arch) {
                report(Rules.STEP_ARCH, instructionName(action) + " is an " + needed.keyword()
                        + " instruction but platform " + current.getName() + " is " + arch.keyword() + "; use "
                        + (needed == Arch.X86_64 ? "dcbstps/dcbfps and phwsync" : "clwb/clflushopt and sfence")
                        + " there", action, null);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

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
            report(Rules.NAME_KIND, "'" + Names.nameOf(target) + "' is a " + target.eClass().getName().toLowerCase()
                    + ", not a namespace; name a namespace this scenario creates, or namespace<N>.0 for the "
                    + "N-th region's first namespace", owner, feature);
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
            report(Rules.NAMESPACE_NOT_CREATED, "namespace '" + decl.getName() + "' is created only at line "
                    + line(creation) + "; move this step after its creation", user, feature);
        }
    }

    private static Arch instructionArch(EObject action) {
        if (action instanceof CacheFlush flush) {
            return switch (flush.getKind()) {
                case CLWB, CLFLUSHOPT, CLFLUSH -> Arch.X86_64;
                default -> Arch.PPC64;
            };
        }
        if (action instanceof Fence fence) {
            return switch (fence.getKind()) {
                case SFENCE, MFENCE -> Arch.X86_64;
                case PMEM_WMB -> null;
                default -> Arch.PPC64;
            };
        }
        if (action instanceof Store store
                && (store.getKind() == StoreKind.MOVNT || store.getKind() == StoreKind.XCHG)) {
            return Arch.X86_64;
        }
        return null;
    }

    private static String instructionName(EObject action) {
        if (action instanceof CacheFlush flush) {
            return flush.getKind().getLiteral();
        }
        if (action instanceof Fence fence) {
            return fence.getKind().getLiteral();
        }
        return ((Store) action).getKind().getLiteral();
    }

    private static Arch archOf(Platform platform) {
        return PlatformHierarchy.attribute(platform, ArchDecl.class)
                .map(a -> a.getArch() == ArchKind.X86_64 ? Arch.X86_64 : Arch.PPC64)
                .orElse(null);
    }

    private static long pageSize(Platform platform) {
        Optional<ArchDecl> decl = PlatformHierarchy.attribute(platform, ArchDecl.class);
        Arch arch = decl.map(a -> a.getArch() == ArchKind.X86_64 ? Arch.X86_64 : Arch.PPC64).orElse(Arch.X86_64);
        Long declared = decl.map(a -> checkedValue(a.getPageSize())).orElse(null);
        return declared != null && PlatformFacts.isSupportedPageSize(arch, declared)
                ? declared : PlatformFacts.defaultPageSize(arch);
    }

    private static long[] spa(Region region) {
        Long base = checkedValue(region.getBase());
        long size = 0;
        for (Mapping m : region.getMappings()) {
            Long s = checkedValue(m.getSize());
            if (s == null) {
                return null;
            }
            size += s;
        }
        return base == null ? null : new long[] {base, base + size};
    }

    private static long[] spa(E820 e820) {
        Long base = checkedValue(e820.getBase());
        Long size = checkedValue(e820.getSize());
        return base == null || size == null ? null : new long[] {base, base + size};
    }

    private static long[] dpaRange(Mapping m) {
        Long dpa = checkedValue(m.getDpa());
        Long size = checkedValue(m.getSize());
        return dpa == null || size == null ? null : new long[] {dpa, dpa + size};
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

    /** The value of a size that passed {@link #checkSizeFits}, or null (absent, or reported there). */
    private static Long checkedValue(SizeExpr expr) {
        if (expr == null) {
            return null;
        }
        BigInteger value = SizeExpressions.evaluate(expr);
        return value == null || value.signum() < 0 || value.compareTo(SizeExpressions.MAX_MODELLED) > 0
                ? null : value.longValueExact();
    }

    private static boolean declaresEither(Platform platform, EObject a, EObject b) {
        return platform.getMembers().contains(a) || platform.getMembers().contains(b);
    }

    private static <T extends EObject> T resolved(T object) {
        return object == null || object.eIsProxy() ? null : object;
    }

    private static boolean isSet(EObject object, EStructuralFeature feature) {
        return Written.isWritten(object, feature);
    }

    private static EStructuralFeature nameFeature(EObject object) {
        return object.eClass().getEStructuralFeature("name");
    }

    private static String keywordOf(PlatformMember member) {
        String type = member.eClass().getName();
        return "`" + type.substring(0, type.length() - "Decl".length()).toLowerCase() + "`";
    }

    private static int line(EObject object) {
        var node = org.eclipse.xtext.nodemodel.util.NodeModelUtils.getNode(object);
        return node == null ? 0 : node.getStartLine();
    }

    private static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }

    private void report(Rule rule, String message, EObject source, EStructuralFeature feature) {
        switch (rule.severity()) {
            case ERROR -> error(message, source, feature, rule.id());
            case WARNING -> warning(message, source, feature, rule.id());
            case INFO -> info(message, source, feature, rule.id());
        }
    }
}
