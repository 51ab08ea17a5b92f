package org.pmdl.model.ocxl;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pmdl.model.scenario.Action;

/**
 * {@code ocxl VERB CARD [afu AFU] (KEY [VALUE])*}: one operation on an OpenCAPI card. Values are numbers, durations
 * in milliseconds; keys without a value are flags (CHI bits, failure injections).
 *
 * @param afu the AFU the step names, or null
 */
public record OcxlStep(String verb, String card, String afu, Map<String, Long> values, Set<String> flags)
        implements Action.Ocxl {

    /** The verbs and, per verb, the keys it reads: the validator checks the text against these. */
    public static final Map<String, List<String>> VERBS = Map.ofEntries(
            Map.entry("configure", List.of()),
            Map.entry("map", List.of()),
            Map.entry("release", List.of()),
            Map.entry("probe", List.of("crdy-at", "ma-at", "ela", "caps-unreadable", "cmd-metadata-unreadable")),
            Map.entry("admin", List.of("opcode", "respond-after", "status", "response-id")),
            Map.entry("error-log", List.of("buffer", "respond-after", "status", "response-id", "header")),
            Map.entry("chi", List.copyOf(Mmio.CHI_BITS.keySet())),
            Map.entry("event-check", List.of()),
            Map.entry("open", List.of("file")),
            Map.entry("eventfd", List.of("file")),
            Map.entry("close", List.of("file")),
            Map.entry("remove", List.of()),
            Map.entry("set-config-data", List.of("offset", "length")),
            Map.entry("get-config-data", List.of("offset", "length")));

    /** The verbs that need an AFU. */
    public static final Set<String> AFU_VERBS = Set.of("configure", "map", "release");

    public OcxlStep {
        values = Map.copyOf(values);
        flags = Set.copyOf(flags);
    }

    @Override
    public String op() {
        return "ocxl " + verb;
    }

    long value(String key, long otherwise) {
        return values.getOrDefault(key, otherwise);
    }
}
