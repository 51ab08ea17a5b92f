package org.pmdl.model.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The configured namespaces of one region as one step's state showed them, by name, in registration order. The
 * next step's view starts as this one and shares its arrays while the region keeps the same namespaces and gains
 * new ones only at the end (a namespace created in it), so recording a step costs what it changed, not the region.
 */
final class ShownNamespaces {
    /** The arrays the views of one region share; a view reads its first {@code length} entries. */
    private static final class Entries {
        String[] names;
        Map<String, Object>[] values;
        /** How far any view has written: a view may append in place only at this end. */
        int filled;

        @SuppressWarnings("unchecked")
        Entries(int capacity) {
            names = new String[capacity];
            values = new Map[capacity];
        }

        Entries copy(int length) {
            Entries c = new Entries(Math.max(16, 2 * length));
            System.arraycopy(names, 0, c.names, 0, length);
            System.arraycopy(values, 0, c.values, 0, length);
            c.filled = length;
            return c;
        }

        void append(String name, Map<String, Object> v) {
            if (filled == names.length) {
                names = Arrays.copyOf(names, 2 * filled);
                values = Arrays.copyOf(values, 2 * filled);
            }
            names[filled] = name;
            values[filled] = v;
            filled++;
        }
    }

    private Entries entries;
    private int length;
    /** The length of the view this one continues: entries below it are compared, not written. */
    private final int continued;
    /** Where this view first differs from the one it continues (-1: not yet). */
    private int changedFrom = -1;

    ShownNamespaces() {
        this(new Entries(16), 0);
    }

    private ShownNamespaces(Entries entries, int continued) {
        this.entries = entries;
        this.continued = continued;
    }

    /** An empty view for the next step, to {@link #add} the region's namespaces to as they are then. */
    ShownNamespaces next() {
        return new ShownNamespaces(entries, length);
    }

    /** The next namespace in registration order, with the map of its attributes. */
    void add(String name, Map<String, Object> values) {
        if (changedFrom < 0 && length < continued && entries.values[length] == values
                && entries.names[length].equals(name)) {
            length++; // as the step before showed it (an unchanged namespace hands out the same map)
            return;
        }
        if (changedFrom < 0) {
            changedFrom = length;
        }
        if (entries.filled != length) { // a view before holds other entries from here: go on in arrays of its own
            entries = entries.copy(length);
        }
        entries.append(name, values);
        length++;
    }

    /** The entries, in order. */
    void forEach(BiConsumer<String, Map<String, Object>> each) {
        for (int i = 0; i < length; i++) {
            each.accept(entries.names[i], entries.values[i]);
        }
    }

    /** The entries the step before did not show as they are: new or changed namespaces, and those after them. */
    void forEachNew(BiConsumer<String, Map<String, Object>> each) {
        for (int i = firstNew(); i < length; i++) {
            each.accept(entries.names[i], entries.values[i]);
        }
    }

    private int firstNew() {
        return changedFrom < 0 ? length : changedFrom;
    }

    /** The names this view showed that {@code now} (its {@link #next}, filled) no longer shows. */
    List<String> goneFrom(ShownNamespaces now) {
        int from = now.firstNew();
        if (from >= length) {
            return List.of();
        }
        Set<String> still = new HashSet<>();
        now.forEachNew((name, values) -> still.add(name));
        List<String> gone = new ArrayList<>();
        for (int i = from; i < length; i++) {
            if (!still.contains(entries.names[i])) {
                gone.add(entries.names[i]);
            }
        }
        return gone;
    }
}
