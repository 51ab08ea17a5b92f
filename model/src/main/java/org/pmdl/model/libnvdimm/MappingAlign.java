package org.pmdl.model.libnvdimm;

import java.util.Optional;
import org.pmdl.model.rules.Rule;
import org.pmdl.model.rules.Rules;

/**
 * nd_region_create()'s check of a region mapping (drivers/nvdimm/region_devs.c): "mapping%d is not %ld aligned".
 * The one decider of MAPPING-ALIGN: the bus refuses the region with it, the language's validator reports it on the
 * mapping's dpa or size before any scenario runs.
 */
public final class MappingAlign {
    private MappingAlign() {
    }

    /** The rule a mapping's DPA start or size breaks when it is not a multiple of PAGE_SIZE; empty when aligned. */
    public static Optional<Rule> misaligned(long dpaOrSize, long pageSize) {
        return Align.is(dpaOrSize, pageSize) ? Optional.empty() : Optional.of(Rules.MAPPING_ALIGN);
    }

    /** The validator's message on a misaligned dpa or size: the field and its value, PAGE_SIZE, the values to use. */
    public static String message(String field, String pageSize, String remedy) {
        return Rules.MAPPING_ALIGN.message(field, pageSize, remedy);
    }
}
