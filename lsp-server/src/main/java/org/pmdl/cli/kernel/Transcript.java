package org.pmdl.cli.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the guest printed (guest-lib.sh's {@code @@pmdl} lines), by scenario and step: exit status, output, kernel
 * log lines and the state after the step.
 */
final class Transcript {
    /**
     * The readable state after a step: ndctl list's regions and namespaces by kernel name, raw sizes, uuids, and
     * each region's sysfs read_only.
     */
    record State(Map<String, JsonObject> regions, Map<String, JsonObject> namespaces, Map<String, Long> rawSizes,
            Map<String, String> devByUuid, Map<String, Long> readOnly) {
    }

    static final class Step {
        final int rc;
        final List<String> output = new ArrayList<>();
        final List<String> kernelLog = new ArrayList<>();
        /** The namespaces this step created or reconfigured: name → uuid. */
        final Map<String, String> named = new HashMap<>();
        State state;

        Step(int rc) {
            this.rc = rc;
        }
    }

    /** One scenario's steps (by index), the kernel names of its regions, and the uuids of what it created. */
    static final class Scenario {
        final Map<Integer, Step> steps = new HashMap<>();
        final Map<String, String> regionDevs = new HashMap<>();
        /** The latest uuid of each namespace the scenario named (a reconfigure writes a new one). */
        final Map<String, String> uuids = new LinkedHashMap<>();

        /** The uuid a named namespace had after step {@code index}, or null. */
        String uuidAfter(String name, int index) {
            String uuid = null;
            for (int i = 0; i <= index; i++) {
                Step s = steps.get(i);
                if (s != null && s.named.containsKey(name)) {
                    uuid = s.named.get(name);
                }
            }
            return uuid;
        }
    }

    final Map<String, Scenario> scenarios = new LinkedHashMap<>();
    String kernel;
    Integer endStatus;
    /** The console's last lines, which say why a guest that never reached its end marker stopped. */
    String tail = "";

    /**
     * Reads one boot's console into this transcript (stages of one scenario accumulate across boots); true when
     * the guest reached its end marker. A line garbled on the serial console is skipped.
     */
    boolean read(String console) {
        endStatus = null;
        Scenario scenario = null;
        Step step = null;
        List<String> json = new ArrayList<>();
        Map<String, Long> raw = new HashMap<>();
        Map<String, String> uuidDevs = new HashMap<>();
        Map<String, Long> readOnly = new HashMap<>();
        String stateOf = null;
        for (String line : console.replace("\r", "").split("\n")) {
            int at = line.indexOf("@@pmdl ");
            if (at < 0) {
                continue;
            }
            try {
                String rest = line.substring(at + "@@pmdl ".length());
                String[] w = rest.split(" ");
                if (!rest.startsWith("j ") && !rest.startsWith("raw ") && !rest.startsWith("ro ") && stateOf != null
                        && step != null) {
                    step.state = state(json, raw, uuidDevs, readOnly);
                    stateOf = null;
                }
                if (rest.startsWith("| ") && step != null) {
                    step.output.add(rest.substring(2));
                } else if (rest.startsWith("k ") && step != null) {
                    step.kernelLog.add(rest.substring(2));
                } else if (w[0].equals("booted")) {
                    kernel = w.length > 1 ? w[1] : null;
                } else if (w[0].equals("scenario") && w.length > 1) {
                    scenario = scenarios.computeIfAbsent(w[1], n -> new Scenario());
                    step = null;
                } else if (w[0].equals("region") && w.length > 2 && scenario != null) {
                    scenario.regionDevs.put(w[1], w[2]);
                } else if (w[0].equals("step") && w.length > 2 && scenario != null) {
                    step = new Step(Integer.parseInt(w[2].substring("rc=".length())));
                    scenario.steps.put(stepIndex(w[1]), step);
                } else if (w[0].equals("name") && w.length > 3 && scenario != null) {
                    scenario.uuids.put(w[1], w[3]);
                    if (step != null) {
                        step.named.put(w[1], w[3]);
                    }
                } else if (w[0].equals("state")) {
                    stateOf = w[1];
                    json.clear();
                    raw.clear();
                    uuidDevs.clear();
                    readOnly.clear();
                } else if (w[0].equals("j")) {
                    json.add(rest.substring(2));
                } else if (w[0].equals("raw") && w.length > 2) {
                    raw.put(w[1], Long.parseLong(w[2]));
                    if (w.length > 3) {
                        uuidDevs.put(w[3], w[1]);
                    }
                } else if (w[0].equals("ro") && w.length > 2) {
                    readOnly.put(w[1], Long.parseLong(w[2]));
                } else if (w[0].equals("end")) {
                    endStatus = Integer.parseInt(w[1].substring("rc=".length()));
                }
            } catch (NumberFormatException | IndexOutOfBoundsException e) {
                // not a whole line of ours (the serial console interleaves): leave it out
            }
        }
        if (stateOf != null && step != null) {
            step.state = state(json, raw, uuidDevs, readOnly);
        }
        String[] lines = console.strip().split("\n");
        tail = String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 8), lines.length));
        return endStatus != null;
    }

    private static int stepIndex(String id) {
        return Integer.parseInt(id.substring(id.lastIndexOf(':') + 1));
    }

    private static State state(List<String> json, Map<String, Long> raw, Map<String, String> uuidDevs,
            Map<String, Long> readOnly) {
        Map<String, JsonObject> regions = new LinkedHashMap<>();
        Map<String, JsonObject> namespaces = new LinkedHashMap<>();
        try {
            JsonElement root = JsonParser.parseString(String.join("\n", json));
            // ndctl list.c list_display(): {"regions":[...]} when namespaces were listed too, a bare array of
            // regions when none was (every region disabled, or without even an idle namespace)
            JsonArray listed = root.isJsonArray() ? root.getAsJsonArray()
                    : root.isJsonObject() && root.getAsJsonObject().has("regions")
                            ? root.getAsJsonObject().getAsJsonArray("regions") : new JsonArray();
            for (JsonElement r : listed) {
                JsonObject region = r.getAsJsonObject();
                regions.put(region.get("dev").getAsString(), region);
                if (region.has("namespaces")) {
                    for (JsonElement n : region.getAsJsonArray("namespaces")) {
                        namespaces.put(n.getAsJsonObject().get("dev").getAsString(), n.getAsJsonObject());
                    }
                }
            }
        } catch (JsonParseException | IllegalStateException e) {
            // an unreadable listing leaves the state empty: every value then shows as a disagreement
        }
        return new State(regions, namespaces, Map.copyOf(raw), Map.copyOf(uuidDevs), Map.copyOf(readOnly));
    }
}
