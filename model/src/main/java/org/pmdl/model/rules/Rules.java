package org.pmdl.model.rules;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.pmdl.model.engine.EngineRules;
import org.pmdl.model.libnvdimm.LibnvdimmRules;
import org.pmdl.model.persistence.PersistenceRules;

/**
 * The rule catalog: the language's own rules are declared here, each subsystem's next to its code (LibnvdimmRules,
 * PaprRules, PseriesRules, HotplugRules, OcxlRules, PersistenceRules, EngineRules); this class lists them all, so
 * any rule is found from its ID with {@link #byId(String)}; tests check that IDs are unique.
 */
public final class Rules {
    private Rules() {
    }

    private static final String PMDL = "PMDL language";

    // ---- language rules: static checks of the text ----
    public static final Rule SYNTAX = new Rule("SYNTAX", Severity.ERROR, PMDL,
            "The text does not follow the PMDL grammar.");
    public static final Rule INPUT_LIMIT = new Rule("INPUT-LIMIT", Severity.ERROR, PMDL,
            "The text exceeds a bound the tool keeps so that no input can exhaust its stack or memory: parentheses"
            + " nested more than 100 deep, a size expression with more than 500 operators, a document larger than a"
            + " fortieth of the heap (4 MiB in the language server).");
    public static final Rule IMPORT_UNRESOLVED = new Rule("IMPORT-UNRESOLVED", Severity.ERROR, PMDL,
            "An imported file does not exist or cannot be read.");
    public static final Rule IMPORT_ERRORS = new Rule("IMPORT-ERRORS", Severity.ERROR, PMDL,
            "An imported file has errors, so this file cannot be compiled and run.");
    public static final Rule NAME_UNRESOLVED = new Rule("NAME-UNRESOLVED", Severity.ERROR, PMDL,
            "A name refers to nothing declared in scope.");
    public static final Rule NAME_DUPLICATE = new Rule("NAME-DUPLICATE", Severity.ERROR, PMDL,
            "Two declarations in the same scope share a name.");
    public static final Rule NAME_KIND = new Rule("NAME-KIND", Severity.ERROR, PMDL,
            "A name refers to a declaration of the wrong kind (e.g. a DIMM where a region is expected).");
    public static final Rule PLATFORM_EXTENDS_CYCLE = new Rule("PLATFORM-EXTENDS-CYCLE", Severity.ERROR, PMDL,
            "A platform extends itself, directly or through others.");
    public static final Rule SIZE_OVERFLOW = new Rule("SIZE-OVERFLOW", Severity.ERROR, PMDL,
            "A size or address does not fit in 64 bits (or is negative).");
    public static final Rule KERNEL_UNKNOWN = new Rule("KERNEL-UNKNOWN", Severity.ERROR, PMDL,
            "The kernel behaviour profile is not one the model knows.");
    public static final Rule DISTRO_UNKNOWN = new Rule("DISTRO-UNKNOWN", Severity.ERROR, PMDL,
            "The distribution kernel configuration is not one the model knows.");
    public static final Rule ERRNO_UNKNOWN = new Rule("ERRNO-UNKNOWN", Severity.ERROR, PMDL,
            "An expected errno is not a Linux errno name.");
    public static final Rule ARCH_ATTRIBUTE = new Rule("ARCH-ATTRIBUTE", Severity.ERROR,
            "arch/powerpc/include/asm/book3s/64/mmu.h; arch/x86 PAGE_SHIFT",
            "An architecture attribute that the architecture does not have (mmu on x86_64, a page size it cannot use).");
    public static final Rule STEP_ARCH = new Rule("STEP-ARCH", Severity.ERROR, PMDL,
            "A step uses an instruction of another architecture than the scenario's platform.");
    public static final Rule ATTRIBUTE_MISSING = new Rule("ATTRIBUTE-MISSING", Severity.ERROR, PMDL,
            "A declaration lacks an attribute it must have (a DIMM's size, a platform's arch, ...).");
    public static final Rule ATTRIBUTE_DUPLICATE = new Rule("ATTRIBUTE-DUPLICATE", Severity.ERROR, PMDL,
            "A platform sets the same attribute twice.");
    public static final Rule NAMESPACE_NOT_CREATED = new Rule("NAMESPACE-NOT-CREATED", Severity.ERROR, PMDL,
            "A step uses a namespace before the scenario creates it.");

    // ---- topology rules: what the kernel would refuse or misread at region creation ----
    public static final Rule MAPPING_EXCEEDS_DIMM = new Rule("MAPPING-EXCEEDS-DIMM", Severity.ERROR,
            "drivers/nvdimm/region_devs.c nd_region_create (mapping must lie within the DIMM)",
            "A region mapping reaches past the end of its DIMM (or into its label area).");
    public static final Rule MAPPING_ALIGN = new Rule("MAPPING-ALIGN", Severity.ERROR,
            "drivers/nvdimm/region_devs.c nd_region_create: \"%s: %s mapping%d is not %ld aligned\"",
            "A region mapping's DPA start or size is not a multiple of PAGE_SIZE; the kernel refuses the region.");
    public static final Rule DPA_OVERLAP = new Rule("DPA-OVERLAP", Severity.ERROR,
            "drivers/nvdimm/region_devs.c / dimm_devs.c (a DPA belongs to one mapping)",
            "Two mappings use the same DPA range of one DIMM.");
    public static final Rule REGION_SPA_OVERLAP = new Rule("REGION-SPA-OVERLAP", Severity.ERROR,
            "kernel/resource.c (iomem resources of two regions cannot overlap)",
            "Two regions overlap in system physical address space.");
    public static final Rule REGION_EMPTY = new Rule("REGION-EMPTY", Severity.ERROR,
            "drivers/nvdimm/region_devs.c nd_region_create (ndr_mappings >= 1)",
            "A region declares no mapping.");
    public static final Rule LABEL_AREA_SIZE = new Rule("LABEL-AREA-SIZE", Severity.ERROR,
            "drivers/nvdimm/label.c nvdimm_num_label_slots / ND_LABEL_MIN_SIZE",
            "A DIMM's label area is too small to hold a label index, or larger than the DIMM.");
    public static final Rule LMB_OVERLAP = new Rule("LMB-OVERLAP", Severity.ERROR,
            "arch/powerpc/mm/drmem.c (one ibm,dynamic-memory entry per LMB)",
            "Two LMB runs name the same LMB index or drc-index.");
    public static final Rule LMB_SIZE = new Rule("LMB-SIZE", Severity.ERROR,
            "arch/powerpc/mm/drmem.c ibm,lmb-size (a power of two, multiple of the memory block size)",
            "The LMB size is not a power of two of at least 16M.");
    public static final Rule SCM_GEOMETRY = new Rule("SCM-GEOMETRY", Severity.ERROR,
            "arch/powerpc/platforms/pseries/papr_scm.c papr_scm_probe (ibm,block-size, ibm,number-of-blocks)",
            "An SCM DRC lacks a block size or block count, or its size overflows.");
    public static final Rule DRC_INDEX_DUPLICATE = new Rule("DRC-INDEX-DUPLICATE", Severity.ERROR,
            "PAPR: a drc-index names one DRC",
            "Two DRCs (SCM or LMB) share a drc-index.");

    // ---- running scenarios ----
    public static final Rule EXPECT_UNMET = new Rule("EXPECT-UNMET", Severity.ERROR, PMDL,
            "An expectation does not hold for what the model predicts the kernel does.");
    public static final Rule STEP_REFUSED = new Rule("STEP-REFUSED", Severity.WARNING, PMDL,
            "A step without an expectation is refused by the kernel; add `expect error ERRNO` if that is intended.");
    public static final Rule NOT_MODELLED = new Rule("NOT-MODELLED", Severity.ERROR, PMDL,
            "The model does not implement this step's semantics yet; its outcome is unknown, not assumed.");

    private static final Map<String, Rule> BY_ID = collect(Rules.class, LibnvdimmRules.class, EngineRules.class,
            PersistenceRules.class, org.pmdl.model.papr.PaprRules.class, org.pmdl.model.pseries.PseriesRules.class,
            org.pmdl.model.ocxl.OcxlRules.class, org.pmdl.model.hotplug.HotplugRules.class);

    /** Every rule in this catalog and in the catalogs registered by model subsystems. */
    public static Map<String, Rule> all() {
        return BY_ID;
    }

    public static Optional<Rule> byId(String id) {
        return Optional.ofNullable(BY_ID.get(id));
    }

    /** Reads every {@code public static final Rule} field of the given holder classes, failing on a duplicate ID. */
    static Map<String, Rule> collect(Class<?>... holders) {
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
