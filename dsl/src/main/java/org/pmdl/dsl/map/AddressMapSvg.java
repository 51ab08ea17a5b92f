package org.pmdl.dsl.map;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pmdl.dsl.lang.SizeExpressions;
import org.pmdl.model.topology.LmbRangeSpec;
import org.pmdl.model.topology.LparSpec;
import org.pmdl.model.topology.MappingSpec;
import org.pmdl.model.topology.PlatformSpec;
import org.pmdl.model.topology.RegionSpec;
import org.pmdl.model.topology.ScmSpec;

/**
 * A platform's system-physical address space as a self-contained SVG ({@code pmdl map}): one band per region
 * (its SPA range, the interleave set of DIMM mappings, the namespaces in it with their infoblock/memmap
 * reservation {@code dataoff}, data and {@code end_trunc}, and the free space the region align cannot hand out),
 * then the LPAR's LMBs and the SCM DRCs with their declared sizes. Each band has its own linear scale; every
 * drawn span is labelled with its address and size. Namespace details come from a run's state (the values
 * {@code ndctl list} shows); without one, only the declared topology is drawn.
 */
public final class AddressMapSvg {
    private static final int WIDTH = 1000;
    private static final int LEFT = 20;
    private static final int BAR = WIDTH - 2 * LEFT;
    private static final int LINE = 16;
    private static final String STYLE = """
            text{font:12px sans-serif;fill:#222}.title{font-size:15px;font-weight:bold}.head{font-weight:bold}
            rect{stroke:#333;stroke-width:.6}.region{fill:#dbe8f6}.mapping{fill:#f3e3c3}.mapping.odd{fill:#e6c98f}
            .namespace{fill:#b8dfb0}.infoblock{fill:#f4a7a0}.truncated{fill:#c9c9c9}.padding{fill:#fff;stroke-dasharray:3 2}
            .lmb{fill:#d9d2ef}.lmb.assigned{fill:#a997dc}.scm{fill:#fde7a6}""";

    private final StringBuilder body = new StringBuilder();
    private int y = 30;

    private AddressMapSvg() {
    }

    /**
     * @param state   objects' readable attributes by name (ScenarioResult.stateAfter), or empty
     * @param caption what the state is, e.g. "after line 12 of scenario s"
     */
    public static String render(PlatformSpec platform, Map<String, Map<String, Object>> state, String caption) {
        AddressMapSvg svg = new AddressMapSvg();
        String arch = platform.arch().name().toLowerCase(Locale.ROOT);
        svg.text(LEFT, "title", "platform " + platform.name() + " (" + arch + "): SPA space, " + caption);
        svg.y += 10;
        platform.regions().stream().sorted(Comparator.comparingLong(RegionSpec::spaBase))
                .forEach(r -> svg.region(r, state));
        if (platform.lpar() != null && !platform.lpar().lmbs().isEmpty()) {
            svg.lmbs(platform.lpar());
        }
        if (!platform.scms().isEmpty()) {
            svg.scms(platform.scms(), state);
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH + "\" height=\"" + (svg.y + 10)
                + "\" viewBox=\"0 0 " + WIDTH + " " + (svg.y + 10) + "\">\n<style>" + STYLE + "</style>\n"
                + svg.body + "</svg>\n";
    }

    private void region(RegionSpec region, Map<String, Map<String, Object>> state) {
        long base = region.spaBase();
        long size = region.size();
        Long align = number(state.getOrDefault(region.name(), Map.of()).get("align"));
        int ways = region.mappings().size();
        text(LEFT, "head", "region " + region.name() + ": " + range(base, size) + (align == null ? ""
                : ", align " + bytes(align)) + ", " + ways + "-way interleave");
        Scale scale = new Scale(base, size);
        rect(scale, base, size, 24, "region", region.name() + " " + range(base, size));
        List<String> labels = new ArrayList<>();
        for (MappingSpec mapping : region.mappings()) {
            labels.add("mapping " + mapping.nvdimm() + " dpa " + hex(mapping.dpa()) + " size " + bytes(mapping.size()));
        }
        if (align != null && align > 0 && size % align != 0) {
            long padding = size % align; // free space is handed out in whole align units
            rect(scale, base + size - padding, padding, 24, "padding", "align padding " + bytes(padding));
            labels.add("align padding: the last " + bytes(padding) + " (from " + hex(base + size - padding)
                    + ") are less than one " + bytes(align) + " region align unit; no namespace can use them");
        }
        y += 30;

        // The interleave set: the region's SPA range is striped across its mappings in order.
        int stripes = ways == 1 ? 1 : Math.max(ways * 4, 8);
        for (int i = 0; i < stripes; i++) {
            MappingSpec mapping = region.mappings().get(i % ways);
            long from = base + size / stripes * i;
            long length = i == stripes - 1 ? base + size - from : size / stripes;
            rect(scale, from, length, 14, i % ways % 2 == 1 ? "mapping odd" : "mapping", mapping.nvdimm());
        }
        y += 18;
        lines(labels);

        Map<String, Map<String, Object>> namespaces = new LinkedHashMap<>();
        state.forEach((name, attributes) -> {
            Long start = number(attributes.get("resource"));
            if (start != null && number(attributes.get("raw_size")) != null && start >= base && start < base + size) {
                namespaces.put(name, attributes);
            }
        });
        if (!namespaces.isEmpty()) {
            // Namespaces are often tiny next to their region: their band then spans only the used part.
            long used = namespaces.values().stream()
                    .mapToLong(a -> number(a.get("resource")) + number(a.get("raw_size")) - base).max().orElse(size);
            boolean zoom = used < size / 4;
            text(LEFT, "label", zoom ? "namespaces, zoomed to " + range(base, used) + ":" : "namespaces:");
            Scale band = zoom ? new Scale(base, used) : scale;
            List<String> namespaceLabels = new ArrayList<>();
            namespaces.forEach((name, attributes) -> namespaceLabels.add(namespace(band, name, attributes,
                    number(attributes.get("resource")), number(attributes.get("raw_size")))));
            y += 22;
            lines(namespaceLabels);
        }
        y += 12;
    }

    /** Draws one namespace and returns its label. */
    private String namespace(Scale scale, String name, Map<String, Object> values, long start, long raw) {
        Long dataoff = number(values.get("dataoff"));
        Long truncated = number(values.get("end_trunc"));
        String label = "namespace " + name + " (" + values.getOrDefault("dev", "?") + ", "
                + values.getOrDefault("mode", "?") + "): " + range(start, raw);
        rect(scale, start, raw, 18, "namespace", name + " " + range(start, raw));
        if (dataoff != null && dataoff > 0) {
            rect(scale, start, dataoff, 18, "infoblock", name + " infoblock and memmap " + bytes(dataoff));
            label += "; infoblock + memmap (dataoff) " + bytes(dataoff) + ", data from " + hex(start + dataoff);
        }
        if (truncated != null && truncated > 0) {
            rect(scale, start + raw - truncated, truncated, 18, "truncated", name + " end_trunc " + bytes(truncated));
            label += "; end_trunc " + bytes(truncated);
        }
        Long usable = number(values.get("size"));
        return usable == null ? label : label + "; size " + bytes(usable);
    }

    private void lmbs(LparSpec lpar) {
        long lmb = lpar.lmbSize();
        long first = lpar.lmbs().stream().mapToLong(LmbRangeSpec::first).min().orElse(0);
        long last = lpar.lmbs().stream().mapToLong(r -> Math.max(r.first(), r.last())).max().orElse(0);
        text(LEFT, "head", "LPAR memory: LMBs " + first + ".." + last + " of " + bytes(lmb) + " (ibm,dynamic-memory)");
        Scale scale = new Scale(first * lmb, (last - first + 1) * lmb);
        List<String> labels = new ArrayList<>();
        for (LmbRangeSpec range : lpar.lmbs()) {
            long count = Math.max(range.first(), range.last()) - range.first() + 1;
            String label = "LMBs " + range.first() + ".." + Math.max(range.first(), range.last()) + ": "
                    + range(range.first() * lmb, count * lmb) + ", node " + range.node()
                    + (range.assigned() ? ", assigned" : ", not assigned");
            rect(scale, range.first() * lmb, count * lmb, 20, range.assigned() ? "lmb assigned" : "lmb", label);
            labels.add(label);
        }
        y += 26;
        lines(labels);
        y += 12;
    }

    private void scms(List<ScmSpec> scms, Map<String, Map<String, Object>> state) {
        text(LEFT, "head", "SCM DRCs (papr_scm): declared sizes; the hypervisor picks the bind address");
        long largest = scms.stream().mapToLong(ScmSpec::size).max().orElse(1);
        for (ScmSpec scm : scms) {
            Map<String, Object> values = state.getOrDefault(scm.name(), Map.of());
            Long address = number(values.get("address"));
            String label = "scm " + scm.name() + " drc-index " + hex(scm.drcIndex()) + ": " + scm.blocks() + " x "
                    + bytes(scm.blockSize()) + " = " + bytes(scm.size())
                    + (address == null ? ", not bound" : ", bound at " + range(address, scm.size()));
            rect(new Scale(0, largest), 0, scm.size(), 18, "scm", label);
            y += 22;
            lines(List.of(label));
        }
        y += 12;
    }

    /** Maps one band's addresses onto the bar. */
    private record Scale(long base, long size) {
        double x(long address) {
            return LEFT + BAR * ((double) (address - base) / Math.max(1, size));
        }
    }

    private void rect(Scale scale, long from, long length, int height, String cssClass, String title) {
        double x = scale.x(from);
        double width = Math.max(1.5, scale.x(from + length) - x); // a 4K infoblock stays visible in 4G
        body.append(String.format(Locale.ROOT,
                "<rect class=\"%s\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\"><title>%s</title></rect>%n",
                cssClass, x, y, width, height, escape(title)));
    }

    /** A line of text below the current position (y is its top; SVG places text by its baseline). */
    private void text(int x, String cssClass, String text) {
        body.append("<text class=\"").append(cssClass).append("\" x=\"").append(x).append("\" y=\"")
                .append(y + LINE - 3).append("\">").append(escape(text)).append("</text>\n");
        y += LINE + 2;
    }

    private void lines(List<String> labels) {
        for (String label : labels) {
            text(LEFT + 10, "label", label);
        }
    }

    private static String range(long start, long size) {
        return hex(start) + "-" + hex(start + size - 1) + " (" + bytes(size) + ")";
    }

    private static String bytes(long size) {
        String unit = SizeExpressions.spoken(size);
        return unit.equals(Long.toString(size)) ? size + " bytes" : unit;
    }

    private static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }

    private static Long number(Object value) {
        return value instanceof Number n ? n.longValue() : null;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
