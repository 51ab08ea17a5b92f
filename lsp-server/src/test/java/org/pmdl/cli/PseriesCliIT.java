package org.pmdl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code pmdl run --format json examples/pseries}: every seed story passes, and each step reports its hcalls with
 * their return codes next to the kernel log (language.md §5 plus an {@code hcalls} array). Expected sequences:
 * papr_scm.c per release (5.2 before 3a855b7ac7d5, 5.3 at it, 6.1 with drc_pmem_query_n_bind) and QEMU
 * hw/ppc/spapr_nvdimm.c; the CPU story: seed 002 and hw/ppc/spapr_drc.c.
 */
class PseriesCliIT {
    private static final Path PSERIES = Path.of(System.getProperty("pmdl.examples")).resolve("pseries");
    private static final String BIND = "H_SCM_BIND_MEM(0x44100002, 0, 0x40, 0xffffffffffffffff, 0)";

    private static JsonObject report;

    /** One run of the CLI for all the tests: a JVM start each would only repeat it. */
    private static synchronized JsonObject report() throws Exception {
        if (report == null) {
            CliIT.Result result = CliIT.pmdl("run", "--format", "json", PSERIES.toString());
            assertEquals(0, result.status(), result::toString);
            report = JsonParser.parseString(result.out()).getAsJsonObject();
        }
        return report;
    }

    private static JsonObject scenario(JsonObject root, String name) {
        for (JsonElement file : root.getAsJsonArray("files")) {
            for (JsonElement s : file.getAsJsonObject().getAsJsonArray("scenarios")) {
                if (s.getAsJsonObject().get("name").getAsString().equals(name)) {
                    return s.getAsJsonObject();
                }
            }
        }
        throw new AssertionError("no scenario " + name);
    }

    /** The hcalls of the scenario's step with this op, the n-th such step (0-based). */
    private static List<String> hcalls(JsonObject scenario, String op, int nth) {
        int seen = 0;
        for (JsonElement e : scenario.getAsJsonArray("steps")) {
            JsonObject step = e.getAsJsonObject();
            if (step.get("op").getAsString().equals(op) && seen++ == nth) {
                List<String> out = new ArrayList<>();
                JsonArray hcalls = step.getAsJsonArray("hcalls");
                if (hcalls != null) {
                    hcalls.forEach(h -> out.add(h.getAsString()));
                }
                return out;
            }
        }
        throw new AssertionError("no step " + op);
    }

    private static List<String> binding(List<String> hcalls) {
        return hcalls.stream().filter(h -> h.startsWith("H_SCM_BIND_MEM") || h.startsWith("H_SCM_UNBIND")
                || h.startsWith("H_SCM_QUERY")).toList();
    }

    @Test
    void theSameKexecGivesEachReleaseAndHypervisorItsOutcome() throws Exception {
        JsonObject root = report();
        for (JsonElement file : root.getAsJsonArray("files")) {
            for (JsonElement s : file.getAsJsonObject().getAsJsonArray("scenarios")) {
                assertEquals("pass", s.getAsJsonObject().get("status").getAsString(), s.toString());
            }
        }
        assertEquals(List.of(BIND + " = H_OVERLAP"),
                binding(hcalls(scenario(root, "kexec_before_the_fix"), "kexec", 0)));
        assertEquals(List.of(BIND + " = H_OVERLAP", "H_SCM_UNBIND_ALL(2, 0x44100002, 0) = H_SUCCESS [R4=0]",
                BIND + " = H_SUCCESS [R4=0, R5=0x4000000000]"),
                binding(hcalls(scenario(root, "kexec_unbind_and_retry"), "kexec", 0)));
        assertEquals(List.of(BIND + " = H_OVERLAP",
                "H_SCM_QUERY_BLOCK_MEM_BINDING(0x44100002, 0) = H_SUCCESS [R4=0x4000000000]",
                "H_SCM_QUERY_BLOCK_MEM_BINDING(0x44100002, 0x3f) = H_SUCCESS [R4=0x43f0000000]"),
                binding(hcalls(scenario(root, "kexec_query_and_reuse"), "kexec", 0)));
        // the QEMU platform's SCM has QEMU's own DRC, 0x90000000 + slot (hw/ppc/spapr_drc.c)
        assertEquals(List.of("H_SCM_BIND_MEM(0x90000000, 0, 0x40, 0xffffffffffffffff, 0) = H_SUCCESS"
                + " [R4=0x90000000, R5=0x4000000000, R6=0x40]"),
                binding(hcalls(scenario(root, "kexec_on_qemu"), "kexec", 0)));
    }

    @Test
    void kexecStepCarriesTheDriverLogAndTheScmValues() throws Exception {
        JsonObject kexec = null;
        for (JsonElement e : scenario(report(), "kexec_before_the_fix").getAsJsonArray("steps")) {
            if (e.getAsJsonObject().get("op").getAsString().equals("kexec")) {
                kexec = e.getAsJsonObject();
            }
        }
        assertTrue(kexec.getAsJsonArray("log").toString()
                .contains("papr_scm ibm,persistent-memory:ibm,pmemory@44100002: bind err: -68"), kexec.toString());
    }

    @Test
    void cpuRemovalReportsTheUnisolateRtasCalls() throws Exception {
        List<String> rtas = hcalls(scenario(report(), "hotunplug_rejected"), "dlpar remove", 0);
        assertEquals(List.of("rtas get-sensor-state(9003, 0x10000001) = 0 [state=1]",
                "rtas set-indicator(9001, 0x10000001, 1) = 0"), rtas);
    }

    /** language.md §3's kexec_rebind: green on its 6.1 profile; with --kernel 5.2 papr_scm loses the region. */
    @Test
    void contractKexecScenarioPerKernel() throws Exception {
        String contract = System.getProperty("pmdl.contract");
        CliIT.Result newer = CliIT.pmdl("run", "-v", "--scenario", "kexec_rebind", contract);
        assertEquals(0, newer.status(), newer::toString);
        assertTrue(newer.out().contains("H_SCM_QUERY_BLOCK_MEM_BINDING(0x44100002, 0) = H_SUCCESS"), newer.out());
        CliIT.Result older = CliIT.pmdl("run", "-v", "--kernel", "5.2", "--scenario", "kexec_rebind", contract);
        assertEquals(1, older.status(), older::toString);
        assertTrue(older.out().contains("papr_scm ibm,persistent-memory:ibm,pmemory@44100002: bind err: -68"),
                older.out());
        assertTrue(older.out().contains("[expect pmem0 bound: NOT MET]"), older.out());
    }
}
