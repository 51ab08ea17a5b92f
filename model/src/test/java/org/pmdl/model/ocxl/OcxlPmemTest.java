package org.pmdl.model.ocxl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pmdl.model.Fixtures.G;
import static org.pmdl.model.Fixtures.M;
import static org.pmdl.model.Fixtures.last;
import static org.pmdl.model.ocxl.OcxlFixtures.BASE;
import static org.pmdl.model.ocxl.OcxlFixtures.afu;
import static org.pmdl.model.ocxl.OcxlFixtures.after;
import static org.pmdl.model.ocxl.OcxlFixtures.card;
import static org.pmdl.model.ocxl.OcxlFixtures.ocxl;
import static org.pmdl.model.ocxl.OcxlFixtures.powernv;
import static org.pmdl.model.ocxl.OcxlFixtures.run;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.pmdl.model.engine.ScenarioResult;
import org.pmdl.model.engine.StepResult;
import org.pmdl.model.topology.PlatformSpec;

/**
 * SM-3 to SM-7 through the engine: the ocxlpmem driver of the v4 series (drivers/nvdimm/ocxl/ocxlpmem.c as quoted
 * in seed 001; [ext] parts from the posted v3/v4 patches: admin_command_complete_timeout, warn_status, register
 * bits). Expected values are the catalog's (seed-rules-C §4.8-§4.22), worked out by hand from that code.
 */
class OcxlPmemTest {
    private static final OcxlStep READY = ocxl("probe", null, "crdy-at", 0, "ma-at", 0);
    private static final OcxlStep ELA = ocxl("chi", null, "crdy", "ma", "ela");

    private static String log(ScenarioResult r, int step) {
        return String.join("\n", r.steps().get(step).log());
    }

    @Test
    @DisplayName("C-23 ([ext] v4 widths): CCAP0 0x0032_0196_0000_0012: rev 1.2, 406 ns (v3's 8-bit mask gave 150), 2 s + 3 s")
    void ccap0() {
        Mmio.Ccap0 caps = Mmio.Ccap0.decode(OcxlFixtures.CCAP0);
        assertEquals("1.2", caps.revision());
        assertEquals(406, caps.readLatencyNs());
        assertEquals(150, 0x196 & 0xFF); // the v3 regression the v4 changelog fixes (seed 001 L5503)
        assertEquals(2, caps.readinessTimeout());
        assertEquals(3, caps.memoryAvailableTimeout());
        assertEquals(5, caps.readyBudget());
    }

    @Test
    @DisplayName("C-24, C-25, C-26, C-54 (seed 001 L4198-4217, L4285-4289): CRDY at 1 s, MA at 4 s, T = 5: ready at "
            + "the 5th read; 4G - 16M registered behind the label section")
    void readyInTime() {
        ScenarioResult r = org.pmdl.model.Fixtures.run(powernv(),
                OcxlFixtures.step(ocxl("probe", null, "crdy-at", 1000, "ma-at", 4000)),
                org.pmdl.model.Fixtures.step(org.pmdl.model.Fixtures.create("ns0", "card0",
                        org.pmdl.model.scenario.NamespaceMode.RAW, G)));
        assertTrue(r.steps().get(0).ok());
        assertTrue(log(r, 0).contains("ready after 4 s (5 CHI reads, budget 5 s)"));
        assertEquals(4 * G - 16 * M, r.stateAfter(0).get("card0").get("size"));
        // libnvdimm's namespace on the card's region starts after the label section
        assertEquals(BASE + 16 * M, last(r).values().get("resource"));
    }

    @Test
    @DisplayName("C-25 ([ext] -ENXIO, 1 s polls): T = 0 and only CRDY: reads at 0 s and 1 s, then -ENXIO")
    void readyTimeout() {
        PlatformSpec noBudget = powernv(card(BASE, 0, 51, 0x0000_0196_0000_0012L, afu("afu0", 0, 4 * G)));
        ScenarioResult r = run(noBudget, ocxl("probe", null, "crdy-at", 0));
        assertEquals("ENXIO", last(r).errno());
        assertEquals("ocxlpmem card0: OpenCAPI Persistent Memory ready timeout.\n"
                + "ocxlpmem card0: controller does not have memory available.\n"
                + "ocxlpmem card0: Error detected, will not register OpenCAPI persistent memory", log(r, 0));
        // MA at 1 s is still seen: the read at t = T + 1 comes before the elapsed++ > T check
        assertTrue(run(noBudget, ocxl("probe", null, "crdy-at", 0, "ma-at", 1000)).steps().get(0).ok());
        assertFalse(run(noBudget, ocxl("probe", null, "crdy-at", 0, "ma-at", 2000)).steps().get(0).ok());
    }

    @Test
    @DisplayName("C-28 (seed 001 L3325-3327): a failed probe with CHI.ELA dumps the error log; C-10: the AFU is unmapped")
    void probeFailureDumpsLog() {
        ScenarioResult r = run(powernv(), ocxl("probe", null, "crdy-at", 1000, "ma-at", 7000, "ela"));
        assertEquals("ENXIO", last(r).errno());
        assertTrue(log(r, 0).contains("error log available: dumping it (dump_error_log)"));
        assertEquals(0L, after(r, "lpc_consumers"));
        assertEquals(1L, after(r, "opal_releases"));
    }

    @Test
    @DisplayName("C-22, C-31 (seed 001 L4192-4196, L3589-3592): unreadable metadata fails the probe")
    void metadataUnreadable() {
        assertTrue(log(run(powernv(), ocxl("probe", null, "caps-unreadable")), 0)
                .startsWith("ocxlpmem card0: Could not read metadata\n"));
        assertTrue(log(run(powernv(), ocxl("probe", null, "cmd-metadata-unreadable")), 0)
                .startsWith("ocxlpmem card0: Could not read command metadata\n"));
    }

    @Test
    @DisplayName("C-30 (seed 001 L3525-3541): word0 0x200_00000240, word1 0x300_00001000 -> 0x200, 0x240, 0x300, 4096")
    void commandMetadata() {
        Mmio.CommandMetadata m = Mmio.CommandMetadata.decode(0x0000_0200_0000_0240L, 0x0000_0300_0000_1000L);
        assertEquals(new Mmio.CommandMetadata(0x200, 0x240, 0x300, 4096), m);
    }

    @Test
    @DisplayName("C-32 (seed 001 L3573-3579, L3605): per-opcode timeouts; unset ones use DEFAULT_TIMEOUT 100 ms")
    void timeouts() {
        assertEquals(List.of(100, 1000, 16000, 0, 2000, 100, 100, 1000, 0),
                java.util.Arrays.stream(AdminCommand.values()).map(c -> c.timeoutMs).toList());
        assertEquals(62, AdminCommand.ERRLOG.polls());            // 2000 / 32
        assertEquals(500, AdminCommand.FW_UPDATE.polls());        // 16000 / 32
        assertEquals(3, AdminCommand.FW_DEBUG.polls());           // DEFAULT_TIMEOUT 100 / 32
        assertTrue(AdminCommand.ERRLOG.seenInTime(1984));
        assertFalse(AdminCommand.ERRLOG.seenInTime(2000));
    }

    @Test
    @DisplayName("C-33, C-34, C-37..C-41 (seed 001 L3425-3462): ERRLOG request 0x10004, ACRA at 500 ms, 'EL' header "
            + "with 32 bytes: 32 copied, ACRA cleared")
    void errorLog() {
        ScenarioResult r = run(powernv(), READY, ELA,
                ocxl("error-log", null, "buffer", 64, "respond-after", 500, "header", 0x454C_0000_0000_0020L));
        StepResult step = last(r);
        assertTrue(step.ok());
        assertEquals(0x1_0004L, step.values().get("request_word"));
        assertEquals(32L, step.values().get("buf_size"));
        assertEquals(32L, step.values().get("copied"));
        assertEquals(Mmio.CHI_CRDY | Mmio.CHI_MA | Mmio.CHI_ELA, step.values().get("chi")); // no ACRA left
    }

    @Test
    @DisplayName("C-37, C-38 (seed 001 L3427-3435): buf_size 12 is -EINVAL; ELA clear is -EAGAIN")
    void errorLogRefusals() {
        assertEquals("EINVAL", last(run(powernv(), READY, ocxl("error-log", null, "buffer", 12))).errno());
        assertEquals("EAGAIN", last(run(powernv(), READY, ocxl("error-log", null, "buffer", 64))).errno());
    }

    @Test
    @DisplayName("C-40 (seed 001 L3400-3413): 'SM' header: -EINVAL, ACRA left set; the next command reads it: -EBUSY")
    void wrongIdentifier() {
        ScenarioResult r = run(powernv(), READY, ELA,
                ocxl("error-log", null, "buffer", 64, "respond-after", 100, "header", 0x534D_0000_0000_0020L),
                ocxl("admin", null, "opcode", 0, "respond-after", 32));
        assertEquals("EINVAL", r.steps().get(2).errno());
        assertEquals("ocxlpmem card0: Bad data identifier for error log data, expected 'EL', got 'SM' (0x534d), "
                + "data_length=32", log(r, 2));
        assertEquals(OcxlRules.ADMIN_STALE_ACRA, r.steps().get(2).findings().get(0).rule());
        assertEquals("EBUSY", last(r).errno());
    }

    @Test
    @DisplayName("C-34 ([ext]): no completion within FW_UPDATE's 16000 ms: -EBUSY; response id 0 for request 1: -EBUSY; "
            + "opcode 9 > ADMIN_COMMAND_MAX: -EINVAL")
    void adminFailures() {
        ScenarioResult timeout = run(powernv(), READY, ocxl("admin", null, "opcode", 2));
        assertEquals("EBUSY", last(timeout).errno());
        assertEquals("ocxlpmem card0: firmware update timed out", log(timeout, 1));
        assertTrue(last(run(powernv(), READY, ocxl("admin", null, "opcode", 2, "respond-after", 16000))).ok());
        assertEquals("EBUSY", last(run(powernv(), READY,
                ocxl("admin", null, "opcode", 0, "respond-after", 32, "response-id", 0))).errno());
        assertEquals("EINVAL", last(run(powernv(), READY, ocxl("admin", null, "opcode", 9))).errno());
    }

    @Test
    @DisplayName("C-35, C-39 (seed 001 L3441-3446): status 0x20: 'Persistent memory unavailable (20)', rc +0x20")
    void deviceStatus() {
        ScenarioResult r = run(powernv(), READY, ELA,
                ocxl("error-log", null, "buffer", 64, "respond-after", 100, "status", 0x20));
        assertTrue(last(r).ok());
        assertEquals(0x20L, last(r).values().get("rc"));
        assertEquals("ocxlpmem card0: Unexpected status from retrieve error log: Persistent memory unavailable (20)",
                log(r, 2));
        assertEquals(OcxlRules.ADMIN_STATUS, last(r).findings().get(0).rule());
        assertEquals("Unknown", AdminCommand.statusText(0x21)); // BLOCKED_BG_TASK has no text in warn_status
    }

    @Test
    @DisplayName("C-45, C-46 (seed 001 L3819-3848): one eventfd per device; any release drops it")
    void eventfd() {
        ScenarioResult r = run(powernv(), READY, ocxl("open", null, "file", 1), ocxl("open", null, "file", 2),
                ocxl("eventfd", null, "file", 1), ocxl("eventfd", null, "file", 2), ocxl("close", null, "file", 2),
                ocxl("eventfd", null, "file", 1));
        assertTrue(r.steps().get(3).ok());
        assertEquals("EBUSY", r.steps().get(4).errno());
        assertEquals(false, r.steps().get(5).values().get("eventfd"));
        assertEquals(OcxlRules.EVENTFD_RELEASE, r.steps().get(5).findings().get(0).rule());
        assertTrue(last(r).ok());
    }

    @Test
    @DisplayName("C-47 (seed 001 L3850-3876, [ext] bits): ELA|CHFS|CRDY|MA -> 0x6; CDA|CFFS -> 0x9")
    void eventMask() {
        assertEquals(0x6L, Mmio.eventMask(Mmio.CHI_ELA | Mmio.CHI_CHFS | Mmio.CHI_CRDY | Mmio.CHI_MA));
        assertEquals(0x9L, Mmio.eventMask(Mmio.CHI_CDA | Mmio.CHI_CFFS));
        ScenarioResult r = run(powernv(), READY, ocxl("chi", null, "cda", "cffs"), ocxl("event-check", null));
        assertEquals(0x9L, after(r, "event_mask"));
    }

    @Test
    @DisplayName("C-56, C-57 (seed 001 L4526-4553): 16M - 128 + 256 > LABEL_AREA_SIZE: -EINVAL; offset 0: durable")
    void labelBounds() {
        assertEquals("EINVAL", last(run(powernv(), READY,
                ocxl("set-config-data", null, "offset", 16 * M - 128, "length", 256))).errno());
        StepResult write = last(run(powernv(), READY, ocxl("set-config-data", null, "offset", 0, "length", 256)));
        assertEquals(true, write.values().get("durable"));
        assertTrue(last(run(powernv(), READY, ocxl("get-config-data", null, "offset", 16 * M - 256, "length", 256))).ok());
    }

    @Test
    @DisplayName("C-44, C-51, C-52 (seed 001 L3798-3813, L3943-4008): remove with a file open; open is -ENODEV; the "
            + "last close disables the doorbells first")
    void teardown() {
        ScenarioResult r = run(powernv(), READY, ocxl("open", null, "file", 1), ocxl("remove", null),
                ocxl("open", null, "file", 2), ocxl("close", null, "file", 1));
        assertEquals("nvdimm_bus_unregister, cdev_del, device_unregister", r.steps().get(2).values().get("teardown"));
        assertEquals("ENODEV", r.steps().get(3).errno());
        assertTrue(((String) last(r).values().get("teardown")).startsWith("CHIEC <- CHI_ALL, free minor"));
    }

    @Test
    @DisplayName("seed 001 L3999, L5499 (v4 changelog): remove calls nvdimm_bus_unregister(): the card region is gone")
    void removeUnregistersTheRegion() {
        ScenarioResult r = org.pmdl.model.Fixtures.run(powernv(), OcxlFixtures.step(READY),
                OcxlFixtures.step(ocxl("remove", null)),
                org.pmdl.model.Fixtures.step(org.pmdl.model.Fixtures.create("ns0", "card0",
                        org.pmdl.model.scenario.NamespaceMode.RAW, G)));
        assertFalse(last(r).ok());
        assertTrue(last(r).findings().stream().anyMatch(f -> f.message().contains("region card0 does not exist")),
                last(r).findings()::toString);
    }

    @Test
    @DisplayName("PMDL: device steps need a probed device: -ENODEV under OCXL-NOT-PROBED")
    void notProbed() {
        StepResult r = last(run(powernv(), ocxl("event-check", null)));
        assertEquals("ENODEV", r.errno());
        assertEquals(OcxlRules.NOT_PROBED, r.applied().get(0));
    }
}
