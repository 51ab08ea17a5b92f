package org.pmdl.model.hotplug;

import java.util.ArrayList;
import java.util.List;

/**
 * /sys/firmware/memmap (drivers/firmware/memmap.c): the raw firmware map (x86 e820, added early) plus
 * entries memory hotplug adds. An entry's {@code end} is inclusive (firmware_map_add_entry stores end - 1).
 */
public final class FirmwareMemmap {

    /** @param hotplug added by firmware_map_add_hotplug, not by firmware_map_add_early at boot */
    public record Entry(long start, long end, String type, boolean hotplug) {
        /** The line `cat start end type` gives for /sys/firmware/memmap/N. */
        public String show() {
            return String.format("0x%x-0x%x %s%s", start, end, type, hotplug ? " (hotplug)" : "");
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    /** firmware_map_add_early(): e820 entries at boot. */
    public void addEarly(long start, long endExclusive, String type) {
        entries.add(new Entry(start, endExclusive - 1, type, false));
    }

    /** firmware_map_add_hotplug(start, start + size, type): an existing identical entry is kept. */
    public void addHotplug(long start, long endExclusive, String type) {
        if (find(start, endExclusive - 1, type) < 0) {
            entries.add(new Entry(start, endExclusive - 1, type, true));
        }
    }

    /** firmware_map_remove(): 0, or -EINVAL (returned as false) when no entry matches. */
    public boolean remove(long start, long endExclusive, String type) {
        int i = find(start, endExclusive - 1, type);
        if (i < 0) {
            return false;
        }
        entries.remove(i);
        return true;
    }

    private int find(long start, long end, String type) {
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (e.start == start && e.end == end && e.type.equals(type)) {
                return i;
            }
        }
        return -1;
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    public boolean covers(long start, long end) {
        return entries.stream().anyMatch(e -> e.type.equals("System RAM") && e.start <= start && end <= e.end);
    }
}
