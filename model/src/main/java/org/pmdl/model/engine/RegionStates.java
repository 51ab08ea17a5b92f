package org.pmdl.model.engine;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A step's state over the regions it touched ({@link org.pmdl.model.libnvdimm.NvdimmBus#state(java.util.Collection)}
 * and the namespaces that went away), kept as the parts the step read: each region's DIMMs and attributes, and
 * its namespaces as {@link ShownNamespaces} shared with the steps before. It is made into a map only when read,
 * so a scenario that never reads a step's whole state does not pay for a copy of the region per step.
 */
final class RegionStates extends AbstractMap<String, Map<String, Object>> {
    /** One region: its DIMMs and its own attributes, then its configured namespaces. */
    record Part(Map<String, Map<String, Object>> own, ShownNamespaces namespaces) {
    }

    private final List<Part> parts;
    private final List<String> gone;
    private Map<String, Map<String, Object>> read;

    RegionStates(List<Part> parts, List<String> gone) {
        this.parts = parts;
        this.gone = gone;
    }

    /**
     * Every entry in the order {@code NvdimmBus.state} puts them, an object that went away last with an empty map;
     * a name may come twice (a DIMM in two regions), the later entry being the one the map holds.
     */
    void forEachPut(BiConsumer<String, Map<String, Object>> each) {
        for (Part p : parts) {
            p.own().forEach(each);
            p.namespaces().forEach(each);
        }
        gone.forEach(name -> each.accept(name, Map.of()));
    }

    @Override
    public Set<Entry<String, Map<String, Object>>> entrySet() {
        return read().entrySet();
    }

    @Override
    public Map<String, Object> get(Object name) {
        return read().get(name);
    }

    @Override
    public boolean containsKey(Object name) {
        return read().containsKey(name);
    }

    @Override
    public int size() {
        return read().size();
    }

    private synchronized Map<String, Map<String, Object>> read() {
        if (read == null) {
            Map<String, Map<String, Object>> map = new LinkedHashMap<>();
            forEachPut(map::put);
            read = Collections.unmodifiableMap(map);
        }
        return read;
    }
}
