package org.pmdl.model.rules;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pmdl.model.engine.EngineRules;
import org.pmdl.model.hotplug.HotplugRules;
import org.pmdl.model.libnvdimm.LibnvdimmRules;
import org.pmdl.model.ocxl.OcxlRules;
import org.pmdl.model.papr.PaprRules;
import org.pmdl.model.persistence.PersistenceRules;
import org.pmdl.model.pseries.PseriesRules;

/**
 * The rule catalog: the language's own rules are declared here, each subsystem's next to its code (LibnvdimmRules,
 * PaprRules, PseriesRules, HotplugRules, OcxlRules, PersistenceRules, EngineRules, the {@link #HOLDERS}); this
 * class lists them all ({@link #all()}, {@link #byId(String)}). Tests check that IDs are unique and that each rule
 * has exactly one decider.
 */
public final class Rules {
    private Rules() {
    }

    private static final String PMDL = "PMDL language";

    // ---- language rules: static checks of the text ----
    public static final Rule SYNTAX = new Rule("SYNTAX", Layer.PMDL, Severity.ERROR, PMDL,
            "The text does not follow the PMDL grammar.",
            "Correct the text at the marked position as the message says; `pmdl check` lists what the"
                    + " grammar expects there.");
    public static final Rule INPUT_LIMIT = new Rule("INPUT-LIMIT", Layer.PMDL, Severity.ERROR, PMDL,
            "The text exceeds a bound the tool keeps so that no input can exhaust its stack or memory: parentheses"
            + " nested more than 100 deep, a size expression with more than 500 operators, a document larger than a"
            + " sixty-fourth of the heap (2.4 MiB in the language server); also a document whose parse, checks or"
            + " scenario run exhausts the heap all the same.",
            "Split the expression or the document: nest fewer parentheses, use fewer operators, or "
                    + "move declarations into imported files.");
    public static final Rule IMPORT_UNRESOLVED = new Rule("IMPORT-UNRESOLVED", Layer.PMDL, Severity.ERROR, PMDL,
            "An imported file does not exist or cannot be read.",
            "Fix the import's path (relative to the importing file) or create the file.");
    public static final Rule IMPORT_ERRORS = new Rule("IMPORT-ERRORS", Layer.PMDL, Severity.ERROR, PMDL,
            "An imported file has errors, so this file cannot be compiled and run.",
            "Open the imported file and fix its errors first.")
            .withTemplate("\"{import}\" has {errors} error(s); fix them (pmdl check that file) before this file "
                    + "can run");
    public static final Rule NAME_UNRESOLVED = new Rule("NAME-UNRESOLVED", Layer.PMDL, Severity.ERROR, PMDL,
            "A name refers to nothing declared in scope.",
            "Declare the name, fix its spelling, or create the object in an earlier step before using"
                    + " it.")
            .withTemplate("{what} {problem}");
    public static final Rule NAME_DUPLICATE = new Rule("NAME-DUPLICATE", Layer.PMDL, Severity.ERROR, PMDL,
            "Two declarations in the same scope share a name.",
            "Rename one of the two declarations.")
            .withTemplate("{name} {clash}; {remedy}");
    public static final Rule NAME_KIND = new Rule("NAME-KIND", Layer.PMDL, Severity.ERROR, PMDL,
            "A name refers to a declaration of the wrong kind (e.g. a DIMM where a region is expected).",
            "Name a declaration of the kind the position expects.")
            .withTemplate("'{name}' {mismatch}; {remedy}");
    public static final Rule PLATFORM_EXTENDS_CYCLE = new Rule("PLATFORM-EXTENDS-CYCLE", Layer.PMDL,
            Severity.ERROR, PMDL,
            "A platform extends itself, directly or through others.",
            "Remove one `extends` so that the platforms form a chain.")
            .withTemplate("platform {platform} extends itself through its bases; remove one 'extends'");
    public static final Rule SIZE_OVERFLOW = new Rule("SIZE-OVERFLOW", Layer.PMDL, Severity.ERROR, PMDL,
            "A size or address does not fit in 64 bits (or is negative).",
            "Use a size or address below 2^64 and not negative.");
    public static final Rule KERNEL_UNKNOWN = new Rule("KERNEL-UNKNOWN", Layer.PMDL, Severity.ERROR, PMDL,
            "The kernel behaviour profile is not one the model knows.",
            "Name a kernel profile the model knows (`pmdl rules` and docs list them), e.g. `kernel "
                    + "6.1`.")
            .withTemplate("kernel \"{kernel}\" is not a profile the model knows ({known}); using {fallback}");
    public static final Rule DISTRO_UNKNOWN = new Rule("DISTRO-UNKNOWN", Layer.PMDL, Severity.ERROR, PMDL,
            "The distribution kernel configuration is not one the model knows.",
            "Name a distribution configuration the model knows, or leave it out for upstream "
                    + "defaults.")
            .withTemplate("distro \"{distro}\" is not a configuration the model knows ({known}); using {fallback}");
    public static final Rule ERRNO_UNKNOWN = new Rule("ERRNO-UNKNOWN", Layer.PMDL, Severity.ERROR, PMDL,
            "An expected errno is not a Linux errno name.",
            "Write a Linux errno name (EINVAL, ENOSPC, ENXIO, ...).")
            .withTemplate("'{errno}' is not a Linux errno name; use one such as EINVAL, ENXIO, ENOSPC, EBUSY or "
                    + "EOPNOTSUPP");
    public static final Rule ARCH_ATTRIBUTE = new Rule("ARCH-ATTRIBUTE", Layer.PMDL, Severity.ERROR,
            "arch/powerpc/include/asm/book3s/64/mmu.h; arch/x86 PAGE_SHIFT; drivers/virtio/Kconfig "
                    + "VIRTIO_MEM (X86_64 || "
                    + "ARM64); drivers/firmware/efi EFI_MEMORY_SP (an EFI memory map: not on ppc64)",
            "An architecture attribute or device that the architecture does not have (mmu on x86_64, a page size it "
                    + "cannot use, efi-sp memory or virtio-mem on ppc64).",
            "Remove the attribute or device, or use a value the architecture supports (page-size 4K on x86_64; "
                    + "4K or 64K on ppc64).");
    public static final Rule STEP_ARCH = new Rule("STEP-ARCH", Layer.PMDL, Severity.ERROR, PMDL,
            "A step uses an instruction of another architecture than the scenario's platform.",
            "Use the instruction of the platform's architecture (clwb/sfence on x86_64, "
                    + "dcbstps/phwsync on ppc64).")
            .withTemplate("{instruction} is an {needs} instruction but platform {platform} is {arch}; use {instead} "
                    + "there");
    public static final Rule ATTRIBUTE_MISSING = new Rule("ATTRIBUTE-MISSING", Layer.PMDL, Severity.ERROR, PMDL,
            "A declaration lacks an attribute it must have (a DIMM's size, a platform's arch, ...).",
            "Add the attribute the message names.")
            .withTemplate("{declaration} {lacks}; {remedy}");
    public static final Rule ATTRIBUTE_DUPLICATE = new Rule("ATTRIBUTE-DUPLICATE", Layer.PMDL, Severity.ERROR, PMDL,
            "A platform sets the same attribute twice.",
            "Keep one of the two settings.")
            .withTemplate("{attribute} is already set at line {line}; keep one");
    public static final Rule NAMESPACE_NOT_CREATED = new Rule("NAMESPACE-NOT-CREATED", Layer.PMDL, Severity.ERROR, PMDL,
            "A step uses a namespace before the scenario creates it.",
            "Create the namespace in an earlier step, or use one that exists at this point.")
            .withTemplate("namespace '{namespace}' is created only at line {line}; move this step after its "
                    + "creation");
    public static final Rule RULE_UNKNOWN = new Rule("RULE-UNKNOWN", Layer.PMDL, Severity.WARNING, PMDL,
            "A `// pmdl: disable` comment or the .pmdl.json configuration names a rule that does not exist.",
            "Spell the rule ID as `pmdl rules` lists it, or remove it.")
            .withTemplate("unknown rule '{rule}'{where}{nearest}");
    public static final Rule DISABLE_EMPTY = new Rule("DISABLE-EMPTY", Layer.PMDL, Severity.WARNING, PMDL,
            "A `// pmdl: disable` comment names no rule, so it silences nothing.",
            "Write the IDs of the rules to silence after `// pmdl: disable` (`pmdl rules` lists them), or remove "
                    + "the comment.")
            .withTemplate("`// pmdl: disable` names no rule: write the rule IDs after it (`pmdl rules` lists them)");
    public static final Rule CONFIG_INVALID = new Rule("CONFIG-INVALID", Layer.PMDL, Severity.ERROR, PMDL,
            "The .pmdl.json configuration is not the JSON object PMDL reads (keys \"disable\" and \"error\", each a"
            + " list of rule IDs).",
            "Write .pmdl.json as {\"disable\": [\"RULE\", ...], \"error\": [\"RULE\", ...]}.");

    // ---- topology rules: what the kernel would refuse or misread at region creation ----
    public static final Rule MAPPING_EXCEEDS_DIMM = new Rule("MAPPING-EXCEEDS-DIMM", Layer.KERNEL, Severity.ERROR,
            "drivers/nvdimm/region_devs.c nd_region_create (mapping must lie within the DIMM)",
            "A region mapping reaches past the end of its DIMM (or into its label area).",
            "Shrink the mapping or move its dpa so that it ends inside the DIMM, before its label "
                    + "area.")
            .withTemplate("the mapping ends at dpa {end} but {dimm} has {space} bytes of DPA space{label}; {advice}");
    public static final Rule MAPPING_ALIGN = new Rule("MAPPING-ALIGN", Layer.KERNEL, Severity.ERROR,
            "drivers/nvdimm/region_devs.c nd_region_create: \"%s: %s mapping%d is not %ld aligned\"",
            "A region mapping's DPA start or size is not a multiple of PAGE_SIZE; the kernel refuses the region.",
            "Round the mapping's dpa and size to multiples of PAGE_SIZE (4K on x86_64, 64K on a "
                    + "64K-page ppc64).")
            .withTemplate("{field} is not a multiple of PAGE_SIZE ({page-size}): the kernel refuses the region; "
                    + "{remedy}");
    public static final Rule DPA_OVERLAP = new Rule("DPA-OVERLAP", Layer.KERNEL, Severity.ERROR,
            "drivers/nvdimm/region_devs.c / dimm_devs.c (a DPA belongs to one mapping)",
            "Two mappings use the same DPA range of one DIMM.",
            "Give each mapping its own DPA range of the DIMM.")
            .withTemplate("dpa [{start}, {end}) of {dimm} is already mapped by region {region} [{mapped-start}, "
                    + "{mapped-end}); a DPA belongs to one mapping");
    public static final Rule REGION_SPA_OVERLAP = new Rule("REGION-SPA-OVERLAP", Layer.KERNEL, Severity.ERROR,
            "kernel/resource.c (iomem resources of two regions cannot overlap)",
            "Two regions overlap in system physical address space.",
            "Move one region's base so that the two address ranges do not overlap.")
            .withTemplate("{range} [{start}, {end}) overlaps {other} [{other-start}, {other-end}) in system "
                    + "physical address space; move its base");
    public static final Rule REGION_EMPTY = new Rule("REGION-EMPTY", Layer.KERNEL, Severity.ERROR,
            "drivers/nvdimm/region_devs.c nd_region_create (ndr_mappings >= 1)",
            "A region declares no mapping.",
            "Add at least one `mapping` to the region, or remove the region.")
            .withTemplate("region {region} has no mapping; add `mapping DIMM dpa START size SIZE` for each "
                    + "interleave way");
    public static final Rule LABEL_AREA_SIZE = new Rule("LABEL-AREA-SIZE", Layer.KERNEL, Severity.ERROR,
            "drivers/nvdimm/label.c nvdimm_num_label_slots / ND_LABEL_MIN_SIZE",
            "A DIMM's label area is too small to hold a label index, or larger than the DIMM.",
            "Give the DIMM a label area of at least 128K (two index blocks and labels) and smaller "
                    + "than the DIMM, or none.")
            .withTemplate("the label area ({label}) leaves no DPA space on a {size} DIMM; make it smaller");
    public static final Rule LMB_OVERLAP = new Rule("LMB-OVERLAP", Layer.KERNEL, Severity.ERROR,
            "arch/powerpc/mm/drmem.c (one ibm,dynamic-memory entry per LMB)",
            "Two LMB runs name the same LMB index or drc-index.",
            "Give each LMB run its own LMB indexes and drc-indexes.")
            .withTemplate("LMBs {first} .. {last} are already declared at line {line}; each LMB appears once in "
                    + "ibm,dynamic-memory");
    public static final Rule LMB_RUN_EMPTY = new Rule("LMB-RUN-EMPTY", Layer.PMDL, Severity.ERROR, PMDL,
            "An LMB run is written high to low (`lmbs 8 .. 4`), so it names no LMB.",
            "Write the lower LMB index first.")
            .withTemplate("LMB run {first} .. {last} is empty; write the lower index first");
    public static final Rule LMB_SIZE = new Rule("LMB-SIZE", Layer.KERNEL, Severity.ERROR,
            "arch/powerpc/mm/drmem.c ibm,lmb-size (a power of two, multiple of the memory block size)",
            "The LMB size is not a power of two of at least 16M.",
            "Use a power-of-two LMB size of at least 16M (256M is PowerVM's usual).")
            .withTemplate("lmb-size {size} is not a power of two of at least 16M; PowerVM and QEMU use 256M");
    public static final Rule SCM_GEOMETRY = new Rule("SCM-GEOMETRY", Layer.KERNEL, Severity.ERROR,
            "arch/powerpc/platforms/pseries/papr_scm.c papr_scm_probe (ibm,block-size, ibm,number-of-blocks)",
            "An SCM DRC lacks a block size or block count, or its size overflows.",
            "Give the scm both `block-size` and `blocks`, with a product that fits in 64 bits.")
            .withTemplate("scm {scm} needs `block-size` and `blocks` (ibm,block-size and ibm,number-of-blocks); "
                    + "papr_scm refuses the DRC without them");
    public static final Rule DRC_INDEX_DUPLICATE = new Rule("DRC-INDEX-DUPLICATE", Layer.FIRMWARE, Severity.ERROR,
            "PAPR: a drc-index names one DRC",
            "Two DRCs (SCM or LMB) share a drc-index.",
            "Give each DRC its own drc-index.")
            .withTemplate("{clash}; {remedy}");

    // ---- running scenarios ----
    public static final Rule EXPECT_UNMET = new Rule("EXPECT-UNMET", Layer.PMDL, Severity.ERROR, PMDL,
            "An expectation does not hold for what the model predicts the kernel does.",
            "Either the expectation or the scenario is wrong: read the predicted value and the rule "
                    + "cited with it, then change the step or the expectation.")
            .withTemplate("{expectation} does not hold: {prediction}");
    public static final Rule STEP_REFUSED = new Rule("STEP-REFUSED", Layer.PMDL, Severity.WARNING, PMDL,
            "A step without an expectation is refused by the kernel; add `expect error ERRNO` if that is intended.",
            "Add `expect error ERRNO` if the refusal is intended, else change the step as the cited "
                    + "rule says.")
            .withTemplate("{step} is refused with {errno}{rules}; add `expect error {expected-errno}` if that is"
                    + " intended");
    public static final Rule NOT_MODELLED = new Rule("NOT-MODELLED", Layer.PMDL, Severity.ERROR, PMDL,
            "The model does not implement this step's semantics yet; its outcome is unknown, not assumed.",
            "Nothing to fix in the text: the model cannot predict this step; check it on a real "
                    + "kernel (`pmdl kernel`) instead.")
            .withTemplate("{behaviour}; {feature} is not modelled yet: {alternative}");

    /** The classes that declare rules, each with the subsystem it stands for ({@code pmdl rules --subsystem}). */
    private static final Map<Class<?>, String> SUBSYSTEM_BY_HOLDER = holders();

    /** The classes that declare rules: this one and one per model subsystem. */
    static final List<Class<?>> HOLDERS = List.copyOf(SUBSYSTEM_BY_HOLDER.keySet());

    private static final Map<String, Rule> BY_ID = collect(HOLDERS);

    private static final Map<String, String> SUBSYSTEM_BY_ID = subsystemById();

    private static Map<String, String> subsystemById() {
        Map<String, String> subsystems = new LinkedHashMap<>();
        SUBSYSTEM_BY_HOLDER.forEach((holder, subsystem) -> collect(List.of(holder)).keySet().forEach(id -> subsystems.put(id, subsystem)));
        return subsystems;
    }

    private static Map<Class<?>, String> holders() {
        Map<Class<?>, String> holders = new LinkedHashMap<>();
        holders.put(Rules.class, "language");
        holders.put(LibnvdimmRules.class, "libnvdimm");
        holders.put(EngineRules.class, "engine");
        holders.put(PersistenceRules.class, "persistence");
        holders.put(PaprRules.class, "papr");
        holders.put(PseriesRules.class, "pseries");
        holders.put(OcxlRules.class, "ocxl");
        holders.put(HotplugRules.class, "hotplug");
        return Collections.unmodifiableMap(holders);
    }

    /** Every rule in this catalog and in the catalogs registered by model subsystems. */
    public static Map<String, Rule> all() {
        return BY_ID;
    }

    public static Optional<Rule> byId(String id) {
        return Optional.ofNullable(BY_ID.get(id));
    }

    /** The subsystems in catalog order: language, libnvdimm, engine, persistence, papr, pseries, ocxl, hotplug. */
    public static Collection<String> subsystems() {
        return SUBSYSTEM_BY_HOLDER.values();
    }

    /** The subsystem of the class that declares the rule: "libnvdimm" for a rule of LibnvdimmRules, etc. */
    public static String subsystem(Rule rule) {
        String subsystem = SUBSYSTEM_BY_ID.get(rule.id());
        if (subsystem == null) {
            throw new IllegalArgumentException("not in the catalog: " + rule.id());
        }
        return subsystem;
    }

    /** Reads every {@code public static final Rule} field of the given holder classes, failing on a duplicate ID. */
    static Map<String, Rule> collect(List<Class<?>> holders) {
        Map<String, Rule> rules = new LinkedHashMap<>();
        for (Class<?> holder : holders) {
            for (Field field : holder.getDeclaredFields()) {
                int mods = field.getModifiers();
                if (field.getType() == Rule.class && Modifier.isStatic(mods) && Modifier.isPublic(mods)) {
                    try {
                        Rule rule = (Rule) field.get(null);
                        if (rules.put(rule.id(), rule) != null) {
                            throw new IllegalStateException("duplicate rule id " + rule.id());
                        }
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return Collections.unmodifiableMap(rules);
    }
}
