package org.pmdl.cli.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code pmdl import ndctl-json FILE}: a machine's pmem topology from {@code ndctl list -RDN[u]} or
 * {@code ndctl list -vvv} output. ndctl 76.1 prints each region's DIMM mappings (dimm, offset, length) and
 * persistence domain, but neither a region's SPA base nor a DIMM's label-area size: those come from the
 * command line ({@code --spa region0=0x100000000}, {@code --label-area nmem0=128K}; sysfs has them in
 * {@code regionN/resource} and, for QEMU, {@code label-size}). A DIMM whose region shows labels (a namespace
 * uuid, free capacity) must be given its label area: nothing is guessed.
 */
final class NdctlJsonImport {
    private NdctlJsonImport() {
    }

    static PlatformText platform(String json, String name, Map<String, Long> spa, Map<String, Long> labelAreas,
            String origin) throws QemuImport.BadArgs {
        JsonElement root;
        try {
            root = JsonParser.parseString(json);
        } catch (JsonParseException e) {
            throw new QemuImport.BadArgs("not JSON: " + e.getMessage());
        }
        List<JsonObject> regions = new ArrayList<>();
        collectRegions(root, regions);
        // PMDL numbers regions in declaration order, as the kernel did: region0 first, whatever ndctl's order
        regions.sort(java.util.Comparator.comparingInt(r -> number(r.has("dev") ? r.get("dev").getAsString() : "")));
        if (regions.isEmpty()) {
            throw new QemuImport.BadArgs("no \"regions\" in the JSON: run ndctl list -RDN (or -vvv)");
        }
        Map<String, Long> dimmEnds = new LinkedHashMap<>();
        Map<String, Boolean> dimmLabelled = new LinkedHashMap<>();
        List<PlatformText.Region> out = new ArrayList<>();
        String persistence = null;
        List<String> missing = new ArrayList<>();
        for (JsonObject r : regions) {
            String dev = string(r, "dev");
            if (r.has("type") && !string(r, "type").equals("pmem")) {
                throw new QemuImport.BadArgs(dev + " is a " + string(r, "type") + " region: PMDL models pmem");
            }
            JsonArray mappings = r.has("mappings") ? r.getAsJsonArray("mappings") : new JsonArray();
            if (mappings.size() != 1) {
                throw new QemuImport.BadArgs(dev + " has " + mappings.size() + " mappings: write interleaved"
                        + " regions by hand (ndctl does not print their interleave order)");
            }
            JsonObject m = mappings.get(0).getAsJsonObject();
            String dimm = string(m, "dimm");
            long offset = number(m, "offset");
            long length = number(m, "length");
            dimmEnds.merge(dimm, offset + length, Math::max);
            dimmLabelled.merge(dimm, showsLabels(r), Boolean::logicalOr);
            Long base = r.has("resource") ? Long.valueOf(number(r, "resource")) : spa.get(dev);
            if (base == null) {
                missing.add("--spa " + dev + "=ADDRESS (cat /sys/bus/nd/devices/" + dev + "/resource)");
                continue;
            }
            String domain = r.has("persistence_domain") ? string(r, "persistence_domain") : "unknown";
            if (persistence != null && !persistence.equals(domain)) {
                throw new QemuImport.BadArgs("regions differ in persistence_domain: write them by hand");
            }
            persistence = domain;
            out.add(new PlatformText.Region(dev, base, dimm, offset, length, false));
        }
        List<PlatformText.Dimm> dimms = new ArrayList<>();
        List<Map.Entry<String, Long>> bySlot = new ArrayList<>(dimmEnds.entrySet());
        bySlot.sort(java.util.Comparator.comparingInt(e -> number(e.getKey())));
        for (Map.Entry<String, Long> d : bySlot) {
            long label = labelAreas.getOrDefault(d.getKey(), 0L);
            if (label == 0 && dimmLabelled.get(d.getKey())) {
                missing.add("--label-area " + d.getKey() + "=SIZE (its region shows labelled namespaces)");
            }
            dimms.add(new PlatformText.Dimm(d.getKey(), d.getValue() + label, label));
        }
        if (!missing.isEmpty()) {
            throw new QemuImport.BadArgs("ndctl's JSON does not say; give " + String.join(", ", missing));
        }
        String domain = persistence == null || persistence.equals("unknown") ? null : persistence;
        return new PlatformText(name, "x86_64", domain, dimms, out, origin);
    }

    /** The instance number of a kernel name (region1 → 1, nmem0 → 0). */
    private static int number(String dev) {
        String digits = dev.replaceAll("^.*?(\\d+)$", "$1");
        return digits.matches("\\d+") ? Integer.parseInt(digits) : Integer.MAX_VALUE;
    }

    /** The JSON of -RDN is an object with "regions"; -vvv is an array of buses, each with "regions". */
    private static void collectRegions(JsonElement e, List<JsonObject> regions) {
        if (e.isJsonArray()) {
            e.getAsJsonArray().forEach(x -> collectRegions(x, regions));
        } else if (e.isJsonObject()) {
            JsonObject o = e.getAsJsonObject();
            if (o.has("regions") && o.get("regions").isJsonArray()) {
                o.getAsJsonArray("regions").forEach(r -> regions.add(r.getAsJsonObject()));
            } else if (o.has("mappings") && o.has("dev")) {
                regions.add(o);
            }
        }
    }

    /** A labelled region: free capacity (label-less ones show 0) or a namespace with a uuid. */
    private static boolean showsLabels(JsonObject region) throws QemuImport.BadArgs {
        if (region.has("available_size") && region.get("available_size").isJsonPrimitive()
                && region.get("available_size").getAsJsonPrimitive().isNumber()
                && region.get("available_size").getAsLong() > 0) {
            return true;
        }
        if (region.has("namespaces")) {
            for (JsonElement ns : region.getAsJsonArray("namespaces")) {
                JsonObject o = ns.getAsJsonObject();
                if (o.has("uuid") && !string(o, "uuid").matches("[0-]*")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String string(JsonObject o, String key) throws QemuImport.BadArgs {
        if (!o.has(key) || !o.get(key).isJsonPrimitive()) {
            throw new QemuImport.BadArgs("an object has no \"" + key + "\": " + o);
        }
        return o.get(key).getAsString();
    }

    /** ndctl prints numbers, or with -u hex strings ("0xfffe0000") for offsets and lengths. */
    private static long number(JsonObject o, String key) throws QemuImport.BadArgs {
        String text = string(o, key);
        try {
            return text.startsWith("0x") ? Long.parseUnsignedLong(text.substring(2), 16) : Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new QemuImport.BadArgs("\"" + key + "\":\"" + text + "\" is not a number of bytes");
        }
    }
}
