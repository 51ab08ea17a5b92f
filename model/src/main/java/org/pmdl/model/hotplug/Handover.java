package org.pmdl.model.hotplug;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pmdl.model.rules.Rule;

/**
 * What the next kernel gets from this one about memory: the RAM ranges its e820 reports beyond the platform's
 * own (hot-added DIMMs after a cold reboot, whatever kexec hands over), and the DIMMs that stay plugged.
 *
 * @param method    "reboot", "kexec_load" or "kexec_file_load"
 * @param bootRam   [start, end] (inclusive) ranges the next kernel boots with as "System RAM"
 * @param plugged   memory devices that stay plugged (ACPI DIMMs added with add_memory)
 * @param values    what the step reports (next kernel's e820, kexec placement, kdump ranges)
 * @param notes     findings for the step (policy leak, kdump gap, kexec_file_load gap)
 * @param decisive  the rule that decided the next kernel's memory map (KEXEC-LOAD-MEMMAP, KEXEC-FILE-E820), or
 *                  null when firmware builds it (boot, reboot) or kexec is not modelled on the architecture
 */
public record Handover(String method, List<long[]> bootRam, Set<String> plugged, Map<String, Object> values,
        List<Note> notes, Rule decisive) {

    /** A finding without a location: the engine places it on the step. */
    public record Note(Rule rule, String message) {
    }

    /** A cold boot of a platform: nothing handed over, nothing plugged. */
    public static Handover coldBoot() {
        return new Handover("boot", List.of(), Set.of(), Map.of(), List.of(), null);
    }

    static Map<String, Object> newValues(String method) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("kexec", method);
        return v;
    }

    /** The line the next kernel logs for a usable e820 entry (arch/x86/kernel/e820.c e820__print_table). */
    static String e820Line(long start, long end) {
        return String.format("BIOS-e820: [mem %#018x-%#018x] usable", start, end);
    }

    static List<String> e820Lines(List<long[]> ranges) {
        List<String> lines = new ArrayList<>();
        ranges.forEach(r -> lines.add(e820Line(r[0], r[1])));
        return lines;
    }
}
