package org.pmdl.dsl.validation;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.validation.Check;
import org.pmdl.dsl.lang.Names;
import org.pmdl.dsl.lang.PlatformHierarchy;
import org.pmdl.dsl.lang.SizeExpressions;
import org.pmdl.dsl.lang.Written;
import org.pmdl.dsl.pmdl.ArchDecl;
import org.pmdl.dsl.pmdl.ArchKind;
import org.pmdl.dsl.pmdl.Device;
import org.pmdl.dsl.pmdl.DistroDecl;
import org.pmdl.dsl.pmdl.E820;
import org.pmdl.dsl.pmdl.KernelDecl;
import org.pmdl.dsl.pmdl.Mapping;
import org.pmdl.dsl.pmdl.Nvdimm;
import org.pmdl.dsl.pmdl.Platform;
import org.pmdl.dsl.pmdl.PmdlPackage.Literals;
import org.pmdl.dsl.pmdl.Region;
import org.pmdl.dsl.pmdl.RegionOwner;
import org.pmdl.dsl.pmdl.SizeExpr;
import org.pmdl.model.SourceRef;
import org.pmdl.model.engine.KernelChoice;
import org.pmdl.model.libnvdimm.MappingAlign;
import org.pmdl.model.platform.PlatformFacts;
import org.pmdl.model.rules.Rules;
import org.pmdl.model.topology.Arch;

/**
 * Static checks of platforms as libnvdimm sees them: architecture, kernel and distro names, sizes, NVDIMMs,
 * regions and their mappings, e820 ranges, and overlaps in SPA and DPA space after inheritance.
 */
public class TopologyValidator extends ComposedValidator {

    @Check
    public void checkExtends(Platform platform) {
        if (platform.getBase() != null && PlatformHierarchy.extendsItself(platform)) {
            report(Rules.PLATFORM_EXTENDS_CYCLE, Rules.PLATFORM_EXTENDS_CYCLE.message(platform.getName()), platform, Literals.PLATFORM__BASE);
        }
    }

    @Check
    public void checkArchDeclared(Platform platform) {
        if (PlatformHierarchy.attribute(platform, ArchDecl.class).isEmpty()) {
            report(Rules.ATTRIBUTE_MISSING, Rules.ATTRIBUTE_MISSING.message("platform " + platform.getName(),
                    "declares no architecture", "add `arch x86_64` or `arch ppc64 { mmu radix }`"),
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
        Arch arch = arch(decl);
        if (pageSize != null && !PlatformFacts.isSupportedPageSize(arch, pageSize)) {
            report(Rules.ARCH_ATTRIBUTE, "PAGE_SIZE " + SizeExpressions.format(pageSize) + " is not a page size "
                    + arch.keyword() + " kernels are built with (" + (arch == Arch.X86_64 ? "4K" : "4K or 64K") + ")",
                    decl, Literals.ARCH_DECL__PAGE_SIZE);
        }
    }

    @Check
    public void checkKernelKnown(KernelDecl decl) {
        String version = decl.getVersion();
        if (version != null) {
            KernelChoice.unknownKernel(version, SourceRef.NONE).ifPresent(f -> report(f.rule(), f.message(), decl,
                    Literals.KERNEL_DECL__VERSION));
        }
    }

    @Check
    public void checkDistroKnown(DistroDecl decl) {
        String name = decl.getPreset();
        if (name != null) {
            KernelChoice.unknownDistro(name, SourceRef.NONE).ifPresent(f -> report(f.rule(), f.message(), decl,
                    Literals.DISTRO_DECL__PRESET));
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
            report(Rules.ATTRIBUTE_MISSING, Rules.ATTRIBUTE_MISSING.message("nvdimm " + dimm.getName(),
                    "has no size", "add `size 4G` (for example)"), dimm, Literals.NVDIMM__NAME);
            return;
        }
        Long size = checkedValue(dimm.getSize());
        Long label = checkedValue(dimm.getLabelArea());
        if (size != null && size == 0) {
            report(Rules.ATTRIBUTE_MISSING, Rules.ATTRIBUTE_MISSING.message("nvdimm " + dimm.getName(),
                    "has size 0, so no DPA space to map", "give it a size (`size 4G`, for example)"), dimm,
                    Literals.NVDIMM__SIZE);
        } else if (size != null && label != null && label >= size) {
            report(Rules.LABEL_AREA_SIZE, Rules.LABEL_AREA_SIZE.message(SizeExpressions.format(label),
                    SizeExpressions.format(size)), dimm, Literals.NVDIMM__LABEL_AREA);
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
            report(Rules.REGION_EMPTY, Rules.REGION_EMPTY.message(region.getName()), region, Literals.REGION__NAME);
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
        checkRangeEnd("region " + region.getName(), base, total, region, Literals.REGION__BASE);
    }

    @Check
    public void checkE820(E820 e820) {
        Long size = checkedValue(e820.getSize());
        if (e820.getSize() == null || (size != null && size == 0)) {
            report(Rules.ATTRIBUTE_MISSING, Rules.ATTRIBUTE_MISSING.message("e820 range " + e820.getName(),
                    "has no size", "add `size 512M` (for example, as memmap=512M!START would)"), e820,
                    Literals.E820__NAME);
        }
        checkRangeEnd("e820 range " + e820.getName(), checkedValue(e820.getBase()), size, e820, Literals.E820__BASE);
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
        MappingAlign.misaligned(dpa, pageSize).ifPresent(rule -> report(rule, MappingAlign.message("dpa " + hex(dpa),
                SizeExpressions.format(pageSize), "use " + hex(dpa / pageSize * pageSize) + " or "
                        + hex((dpa / pageSize + 1) * pageSize)), mapping, Literals.MAPPING__DPA));
        MappingAlign.misaligned(size, pageSize).ifPresent(rule -> report(rule, MappingAlign.message("size " + size,
                SizeExpressions.format(pageSize), "round it to " + (size / pageSize * pageSize)), mapping,
                Literals.MAPPING__SIZE));
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
            report(Rules.MAPPING_EXCEEDS_DIMM, Rules.MAPPING_EXCEEDS_DIMM.message(hex(dpa + size), dimm.getName(),
                    hex(Math.max(0, dimmSize - labelArea)), label, advice), mapping, Literals.MAPPING__SIZE);
        }
    }

    /** Overlaps between devices, after inheritance; reported on the device this platform declares itself. */
    @Check
    public void checkLayout(Platform platform) {
        List<Device> devices = PlatformHierarchy.devices(platform);
        checkSpaOverlaps(platform, devices);
        checkDpaOverlaps(platform, devices);
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
                report(Rules.REGION_SPA_OVERLAP, Rules.REGION_SPA_OVERLAP.message(describe(at.owner()),
                        hex(at.start()), hex(at.end()), describe(other.owner()), hex(other.start()), hex(other.end())),
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
                        report(Rules.DPA_OVERLAP, Rules.DPA_OVERLAP.message(hex(db[0]), hex(db[1]),
                                b.getNvdimm().getName(), ra.getName(), hex(da[0]), hex(da[1])), b, Literals.MAPPING__DPA);
                    }
                }
            }
        }
    }

    private static long pageSize(Platform platform) {
        Optional<ArchDecl> decl = PlatformHierarchy.attribute(platform, ArchDecl.class);
        Arch arch = decl.map(ComposedValidator::arch).orElse(Arch.X86_64);
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

    private static boolean declaresEither(Platform platform, EObject a, EObject b) {
        return platform.getMembers().contains(a) || platform.getMembers().contains(b);
    }

    private static boolean isSet(EObject object, EStructuralFeature feature) {
        return Written.isWritten(object, feature);
    }
}
