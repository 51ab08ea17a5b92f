package org.pmdl.dsl.compiler;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.pmdl.dsl.lang.Names;
import org.pmdl.dsl.lang.SizeExpressions;
import org.pmdl.dsl.pmdl.Ocxl;
import org.pmdl.dsl.pmdl.OcxlAfu;
import org.pmdl.dsl.pmdl.OcxlOption;
import org.pmdl.dsl.pmdl.SizeExpr;
import org.pmdl.model.ocxl.OcxlSpec;
import org.pmdl.model.ocxl.OcxlStep;

/** ocxl cards and steps (issue 5) into model records: {@link OcxlSpec}, {@link OcxlStep}. */
public final class OcxlCompiler {
    private OcxlCompiler() {
    }

    /** OPAL return codes (skiboot include/opal-api.h) a card can declare for its NPU memory calls. */
    public static final Map<String, Long> OPAL_RC = Map.ofEntries(Map.entry("OPAL_SUCCESS", 0L),
            Map.entry("OPAL_PARAMETER", -1L), Map.entry("OPAL_BUSY", -2L), Map.entry("OPAL_PARTIAL", -3L),
            Map.entry("OPAL_CONSTRAINED", -4L), Map.entry("OPAL_CLOSED", -5L), Map.entry("OPAL_HARDWARE", -6L),
            Map.entry("OPAL_UNSUPPORTED", -7L), Map.entry("OPAL_PERMISSION", -8L), Map.entry("OPAL_NO_MEM", -9L),
            Map.entry("OPAL_RESOURCE", -10L), Map.entry("OPAL_INTERNAL_ERROR", -11L));

    public static OcxlSpec card(Ocxl card) {
        return new OcxlSpec(card.getName(), orZero(card.getPhb()), orZero(card.getBdfn()),
                card.getAfus().stream().map(OcxlCompiler::afu).toList(), orZero(card.getOpalBase()),
                opalRc(card.getOpalAllocRc()), opalRc(card.getOpalReleaseRc()),
                card.getMaxPhysmemBits() == null ? OcxlSpec.MAX_PHYSMEM_BITS
                        : Math.toIntExact(SizeExpressions.evaluateChecked(card.getMaxPhysmemBits())),
                orZero(card.getCcap0()),
                card.getLabelArea() == null ? OcxlSpec.SECTION_SIZE : SizeExpressions.evaluateChecked(card.getLabelArea()),
                SourceRefs.of(card));
    }

    private static OcxlSpec.Afu afu(OcxlAfu afu) {
        return new OcxlSpec.Afu(afu.getName(), orZero(afu.getLpcOffset()), orZero(afu.getLpcSize()),
                orZero(afu.getSpOffset()), orZero(afu.getSpSize()), SourceRefs.of(afu));
    }

    private static long opalRc(String name) {
        return name == null ? 0 : OPAL_RC.get(name);
    }

    public static OcxlStep step(org.pmdl.dsl.pmdl.OcxlStep step) {
        Map<String, Long> values = new LinkedHashMap<>();
        Set<String> flags = new LinkedHashSet<>();
        for (OcxlOption option : step.getOptions()) {
            if (option.getValue() != null) {
                values.put(option.getKey(), u64(option.getValue()));
            } else if (option.getDuration() != null) {
                values.put(option.getKey(), milliseconds(option.getDuration()));
            } else {
                flags.add(option.getKey());
            }
        }
        return new OcxlStep(step.getVerb(), Names.nameOf(step.getCard()),
                step.getAfu() == null ? null : step.getAfu().getName(), values, flags);
    }

    /** {@code 500ms}, {@code 3s}. */
    public static long milliseconds(String duration) {
        return duration.endsWith("ms") ? Long.parseLong(duration.substring(0, duration.length() - 2))
                : Long.parseLong(duration.substring(0, duration.length() - 1)) * 1000;
    }

    /** A u64 the validator accepted (up to 2^64 - 1), as Java's two's-complement long. */
    public static long u64(SizeExpr expr) {
        return SizeExpressions.evaluate(expr).longValue();
    }

    private static long orZero(SizeExpr expr) {
        return expr == null ? 0 : u64(expr);
    }
}
