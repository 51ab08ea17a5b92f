package org.pmdl.model.ndctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pmdl.model.Fixtures.G;
import static org.pmdl.model.Fixtures.M;
import static org.pmdl.model.Fixtures.create;
import static org.pmdl.model.Fixtures.qemuX86;
import static org.pmdl.model.Fixtures.run;
import static org.pmdl.model.Fixtures.step;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.pmdl.model.engine.ScenarioResult;
import org.pmdl.model.engine.StepResult;
import org.pmdl.model.libnvdimm.LibnvdimmRules;
import org.pmdl.model.scenario.Action;
import org.pmdl.model.scenario.MediaLocation;
import org.pmdl.model.scenario.NamespaceMode;
import org.pmdl.model.scenario.ScenarioStep;
import org.pmdl.model.topology.NfitFirmware;
import org.pmdl.model.topology.PlatformSpec;

/**
 * ndctl 76.1's inject-error, clear-errors, start-scrub and wait-scrub, and reads of poisoned blocks. On QEMU's
 * NFIT (no ARS, no injection) every expectation was observed on Linux 6.1.0-57-amd64 with ndctl 76.1
 * (docs/kernel-observations/t17-media-errors.md); with ARS and injection (real firmware, nfit_test) they are
 * read from ndctl's and the kernel's sources, named in each test.
 */
class MediaErrorsTest {
    private static final ScenarioStep INIT = step(new Action.InitLabels("nmem0"));

    /** qemuX86() with the NFIT root functions of real firmware or nfit_test. */
    private static PlatformSpec withNfit(boolean ars, boolean injection) {
        PlatformSpec p = qemuX86();
        return new PlatformSpec(p.name(), p.arch(), p.mmu(), p.pageSize(), p.linearPageSize(), p.cpu(), p.kernel(),
                p.hypervisor(), p.persistence(), p.nvdimms(), p.regions(), p.lpar(), p.scms(), p.mapSyncDisabled(),
                p.source(), p.ocxls(), p.hotplug(), p.distro(), new NfitFirmware(ars, injection));
    }

    private static List<StepResult> steps(PlatformSpec platform, Action... actions) {
        List<ScenarioStep> steps = new ArrayList<>(List.of(INIT));
        for (Action a : actions) {
            steps.add(step(a));
        }
        ScenarioResult r = run(platform, steps.toArray(ScenarioStep[]::new));
        return r.steps().subList(1, r.steps().size());
    }

    private static Action inject(String ns, Long block, Long count) {
        return new Action.InjectError(ns, block, count, false, false, false);
    }

    private static Action read(String ns, long offset) {
        return new Action.Read(new MediaLocation(ns, offset));
    }

    @Test
    @DisplayName("t17 (QEMU): inject-error of any mode, with --status, --saturate or --uninject: 'NS: error "
            + "injection not supported', EOPNOTSUPP (exit 161)")
    void injectionUnsupportedOnQemu() {
        for (NamespaceMode mode : List.of(NamespaceMode.RAW, NamespaceMode.FSDAX, NamespaceMode.DEVDAX,
                NamespaceMode.SECTOR)) {
            for (Action a : List.of(inject("ns", 0L, 1L), new Action.InjectError("ns", null, null, false, true, false),
                    new Action.InjectError("ns", 0L, 1L, false, false, true),
                    new Action.InjectError("ns", 0L, 1L, true, false, false))) {
                StepResult r = steps(qemuX86(), create("ns", "region0", mode, 256 * M), a).get(1);
                assertEquals("EOPNOTSUPP", r.errno(), mode + " " + a);
                assertEquals(LibnvdimmRules.NDCTL_INJECT_UNSUPPORTED, r.applied().get(0));
                assertTrue(r.log().contains("ndctl: namespace0.0: error injection not supported"), r.log().toString());
            }
        }
    }

    @Test
    @DisplayName("t17 (QEMU): inject_init refuses before the namespace is looked up: -B or -n alone, --status with "
            + "-B, --saturate or --uninject: EINVAL (exit 234) with ndctl's words")
    void optionsCheckedFirst() {
        record Case(Action action, String line) { }
        for (Case c : List.of(new Case(inject("ns", 0L, null), "Error: block and count required for inject/uninject"),
                new Case(inject("ns", null, 1L), "Error: block and count required for inject/uninject"),
                new Case(new Action.InjectError("ns", 0L, null, true, false, false),
                        "Error: block and count required for inject/uninject"),
                new Case(new Action.InjectError("ns", 0L, null, false, true, false),
                        "Error: status is invalid with inject or uninject"),
                new Case(new Action.InjectError("ns", null, null, false, true, true),
                        "Error: status is invalid with inject or uninject"),
                new Case(new Action.InjectError("ns", null, null, true, true, false),
                        "Error: status is invalid with inject or uninject"))) {
            StepResult r = steps(qemuX86(), create("ns", "region0", NamespaceMode.RAW, 256 * M), c.action()).get(1);
            assertEquals("EINVAL", r.errno(), c.action().toString());
            assertEquals(LibnvdimmRules.NDCTL_INJECT_OPTIONS, r.applied().get(0));
            assertTrue(r.log().contains("ndctl: " + c.line()), r.log().toString());
        }
    }

    @Test
    @DisplayName("t17 (QEMU): clear-errors of raw/fsdax/devdax cannot read nfit/scrub (EOPNOTSUPP, exit 161); of a "
            + "BTT it is skipped first ('cleared 0 namespaces', exit 1); start-scrub and wait-scrub: ENOENT (exit 254)")
    void clearAndScrubOnQemu() {
        for (NamespaceMode mode : List.of(NamespaceMode.RAW, NamespaceMode.FSDAX, NamespaceMode.DEVDAX)) {
            StepResult r = steps(qemuX86(), create("ns", "region0", mode, 256 * M),
                    new Action.ClearErrors("ns", true)).get(1);
            assertEquals("EOPNOTSUPP", r.errno(), mode.toString());
            assertEquals(LibnvdimmRules.NDCTL_SCRUB_UNSUPPORTED, r.applied().get(0));
            assertEquals(List.of("ndctl: Error: namespace0.0: Unable to determine scrub state: Operation not "
                    + "supported", "ndctl: error clearing namespaces: Operation not supported",
                    "ndctl: cleared 0 namespaces"), r.log().subList(r.log().size() - 3, r.log().size()));
        }
        StepResult btt = steps(qemuX86(), create("ns", "region0", NamespaceMode.SECTOR, 256 * M),
                new Action.ClearErrors("ns", false)).get(1);
        assertEquals(LibnvdimmRules.NDCTL_CLEAR_BTT, btt.applied().get(0));
        assertEquals("ndctl: cleared 0 namespaces", btt.log().get(btt.log().size() - 1));
        assertFalse(btt.log().stream().anyMatch(l -> l.contains("scrub state")), "the BTT skip comes first");
        List<StepResult> scrub = steps(qemuX86(), new Action.StartScrub(), new Action.WaitScrub());
        assertEquals("ENOENT", scrub.get(0).errno());
        assertTrue(scrub.get(0).log().contains("ndctl: error starting scrub: No such file or directory"));
        assertEquals("ENOENT", scrub.get(1).errno());
        assertTrue(scrub.get(1).log().contains("ndctl: error waiting for scrub completion: No such file or directory"));
    }

    @Test
    @DisplayName("QEMU: nothing is poisoned, so reads succeed; a disabled namespace has no device (ENOENT); "
            + "no badblock_count without ARS, as ndctl list --media-errors shows none (t17)")
    void readsOnQemu() {
        List<StepResult> r = steps(qemuX86(), create("ns", "region0", NamespaceMode.FSDAX, 256 * M), read("ns", 0),
                new Action.DisableNamespace("ns"), read("ns", 0));
        assertTrue(r.get(1).ok());
        assertEquals(512L, r.get(1).values().get("read"));
        assertFalse(r.get(1).values().containsKey("badblock_count"));
        assertEquals("ENOENT", r.get(3).errno());
    }

    @Test
    @DisplayName("ARS + injection: blocks are 512 bytes of the fsdax device's data (block_to_spa_offset over the pfn "
            + "resource); the notification's scrub makes them badblocks, which pmem_do_read refuses with EIO")
    void injectThenRead() {
        List<StepResult> r = steps(withNfit(true, true), create("ns", "region0", NamespaceMode.FSDAX, G),
                inject("ns", 8L, 2L), read("ns", 8 * 512), read("ns", 9 * 512 + 100), read("ns", 10 * 512));
        assertTrue(r.get(1).ok(), r.get(1).toString());
        assertEquals(2L, r.get(1).values().get("badblock_count"));
        assertEquals("EIO", r.get(2).errno());
        assertEquals(LibnvdimmRules.PMEM_READ_POISON, r.get(2).applied().get(0));
        assertEquals("EIO", r.get(3).errno(), "block 9 holds byte 9 * 512 + 100");
        assertTrue(r.get(4).ok(), "block 10 is good");
    }

    @Test
    @DisplayName("ARS + injection: a count of 0 is EINVAL (ndctl_namespace_inject_error2's rc starts -EINVAL); a "
            + "range past the end is EINVAL after the blocks before it were injected (one ARS_INJECT_SET per block)")
    void injectionBounds() {
        long blocks = G / 512; // a 1G raw namespace's blocks
        List<StepResult> r = steps(withNfit(true, true), create("ns", "region0", NamespaceMode.RAW, G),
                inject("ns", 0L, 0L), inject("ns", blocks - 1, 2L), read("ns", (blocks - 1) * 512));
        assertEquals("EINVAL", r.get(1).errno());
        assertTrue(r.get(1).log().contains("ndctl: Unable to inject error: Invalid argument (-22)"));
        assertEquals("EINVAL", r.get(2).errno());
        assertEquals(LibnvdimmRules.NDCTL_INJECT_RANGE, r.get(2).applied().get(0));
        assertEquals("EIO", r.get(3).errno(), "the last block was injected before the refusal");
    }

    @Test
    @DisplayName("ARS + injection: --uninject leaves the badblocks ('will not cause the kernel to forget'); "
            + "clear-errors clears the badblocks inside the data and the namespace reads again")
    void uninjectThenClear() {
        List<StepResult> r = steps(withNfit(true, true), create("ns", "region0", NamespaceMode.DEVDAX, G),
                inject("ns", 0L, 1L), new Action.InjectError("ns", 0L, 1L, true, false, false),
                read("ns", 0), new Action.ClearErrors("ns", false), read("ns", 0));
        assertEquals(1L, r.get(2).values().get("badblock_count"));
        assertTrue(r.get(2).log().contains("ndctl: not cause the kernel to 'forget' its badblock entries. Those"));
        assertEquals("EIO", r.get(3).errno(), "a devdax load of the poisoned page");
        assertTrue(r.get(4).ok(), r.get(4).toString());
        assertEquals(0L, r.get(4).values().get("badblock_count"));
        assertEquals("devdax", r.get(4).values().get("mode"), "enabled again as it was");
        assertTrue(r.get(4).log().contains("ndctl: cleared 1 namespace"));
        assertTrue(r.get(5).ok());
    }

    @Test
    @DisplayName("ARS + injection: a BTT has no injection bounds (EOPNOTSUPP); its LBA 0 of 4K reads the raw block "
            + "16 (4K initial offset + 4K arena info: nd_btt_version, alloc_arena) through nsio_rw_bytes: EIO")
    void poisonUnderBtt() {
        List<StepResult> r = steps(withNfit(true, true), create("ns", "region0", NamespaceMode.RAW, 512 * M),
                inject("ns", 16L, 1L), new Action.Reconfigure("ns", NamespaceMode.SECTOR, null, null, 4096L, false),
                read("ns", 0), read("ns", 4096), inject("ns", 0L, 1L), new Action.ClearErrors("ns", false));
        assertEquals("EIO", r.get(3).errno());
        assertTrue(r.get(4).ok());
        assertEquals(4096L, r.get(4).values().get("read"));
        assertEquals("EOPNOTSUPP", r.get(5).errno());
        assertEquals(LibnvdimmRules.NDCTL_INJECT_RANGE, r.get(5).applied().get(0));
        assertEquals("EOPNOTSUPP", r.get(6).errno());
        assertEquals(LibnvdimmRules.NDCTL_CLEAR_BTT, r.get(6).applied().get(0));
    }

    @Test
    @DisplayName("Injection without ARS: inject_error reads the scrub count from nfit/scrub first: 'Unable to get "
            + "scrub count', ENXIO; with ARS, start-scrub and wait-scrub succeed")
    void injectionNeedsScrub() {
        StepResult r = steps(withNfit(false, true), create("ns", "region0", NamespaceMode.RAW, G),
                inject("ns", 0L, 1L)).get(1);
        assertEquals("ENXIO", r.errno());
        assertTrue(r.log().contains("ndctl: Unable to get scrub count"));
        List<StepResult> scrub = steps(withNfit(true, false), new Action.StartScrub(), new Action.WaitScrub());
        assertTrue(scrub.get(0).ok() && scrub.get(1).ok());
    }
}
