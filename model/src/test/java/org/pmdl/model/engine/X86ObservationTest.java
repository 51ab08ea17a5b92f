package org.pmdl.model.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pmdl.model.Fixtures.G;
import static org.pmdl.model.Fixtures.K;
import static org.pmdl.model.Fixtures.M;
import static org.pmdl.model.Fixtures.create;
import static org.pmdl.model.Fixtures.qemuTwoDimms;
import static org.pmdl.model.Fixtures.qemuX86;
import static org.pmdl.model.Fixtures.qemuX86LabelLess;
import static org.pmdl.model.Fixtures.reconfigure;
import static org.pmdl.model.Fixtures.run;
import static org.pmdl.model.Fixtures.step;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.pmdl.model.libnvdimm.LibnvdimmRules;
import org.pmdl.model.scenario.Action;
import org.pmdl.model.scenario.NamespaceMode;
import org.pmdl.model.scenario.PfnMap;
import org.pmdl.model.scenario.ScenarioStep;

/**
 * The model against the real kernel: every expected value below was observed on Linux 6.1 (Debian
 * 6.1.0-56-amd64) with ndctl 76.1 under QEMU; the observation file in docs/kernel-observations is named on
 * each test.
 */
class X86ObservationTest {
    private static final ScenarioStep INIT = step(new Action.InitLabels("nmem0"));
    /** A step that changes nothing: its state is what the previous steps left. */
    private static final ScenarioStep LOOK = step(new Action.ExpectLog(""));

    private static StepResult only(ScenarioStep... steps) {
        ScenarioResult r = run(qemuX86(), steps);
        return r.steps().get(r.steps().size() - 1);
    }

    private static StepResult fresh(Action.CreateNamespace create) {
        return only(INIT, step(create));
    }

    @Test
    @DisplayName("t01-boot-labelled.md: an uninitialised label area boots label-less")
    void bootUninitialisedLabels() {
        Map<String, Map<String, Object>> s = only(LOOK).state();
        assertEquals(4294836224L, s.get("region0").get("size"));
        assertEquals(16777216L, s.get("region0").get("align"));
        assertEquals(4L, s.get("region0").get("nstype"));
        assertEquals(0L, s.get("region0").get("available_size"), "ndctl list shows 0 for a label-less region");
        assertEquals("unknown", s.get("region0").get("persistence_domain"));
        assertEquals("raw", s.get("namespace0.0").get("mode"));
        assertEquals(4294836224L, s.get("namespace0.0").get("size"));
        assertEquals("", s.get("nmem0").get("flags"));
        assertEquals(509L, s.get("nmem0").get("available_slots"));
    }

    @Test
    @DisplayName("t01-boot-labelled.md: after init-labels nstype 5, flags `label`, 1019 slots, an empty seed")
    void initLabels() {
        StepResult r = only(INIT);
        assertTrue(r.ok());
        assertEquals(5L, r.state().get("region0").get("nstype"));
        assertEquals(4278190080L, r.state().get("region0").get("available_size"));
        assertEquals(4278190080L, r.state().get("region0").get("max_available_extent"));
        assertEquals("label ", r.values().get("flags"));
        assertEquals(1019L, r.values().get("available_slots"));
        assertTrue(r.log().contains("nd_pmem namespace0.0: 0x0000000000000000, too small must be at least 0x1000"));
        assertTrue(r.log().contains("ndctl: initialized 1 nmem"));
    }

    @Test
    @DisplayName("t02-create-namespace.md 2.1: fsdax 1G align 2M -> 1054867456 (18M data offset)")
    void fsdaxMapDev() {
        StepResult r = fresh(create("ns0", "region0", NamespaceMode.FSDAX, G, 2 * M, null, null));
        assertTrue(r.ok());
        assertEquals(1054867456L, r.values().get("size"));
        assertEquals(1073741824L, r.values().get("raw_size"));
        assertEquals(18874368L, r.values().get("dataoff"));
        assertEquals("dev", r.values().get("map"));
        assertEquals(2097152L, r.values().get("align"));
        assertEquals("namespace0.0", r.values().get("dev"));
        assertEquals(3204448256L, r.state().get("region0").get("available_size"));
        assertEquals(1018L, r.state().get("nmem0").get("available_slots"));
    }

    @Test
    @DisplayName("t02-create-namespace.md 2.2: fsdax 1G map mem -> 1071644672 (2M data offset)")
    void fsdaxMapMem() {
        StepResult r = fresh(create("ns0", "region0", NamespaceMode.FSDAX, G, 2 * M, PfnMap.MEM, null));
        assertEquals(1071644672L, r.values().get("size"));
        assertEquals("mem", r.values().get("map"));
    }

    @Test
    @DisplayName("t02-create-namespace.md 2.4/2.8: align 4K gives the same 18M offset (fsdax and devdax)")
    void align4kSameOffset() {
        assertEquals(1054867456L, fresh(create("a", "region0", NamespaceMode.FSDAX, G, 4 * K, null, null))
                .values().get("size"));
        assertEquals(1054867456L, fresh(create("a", "region0", NamespaceMode.DEVDAX, G, 4 * K, null, null))
                .values().get("size"));
    }

    @Test
    @DisplayName("t02-create-namespace.md 2.5/2.9: align 1G on 1G -> ENXIO, kernel 'unable to satisfy', rolled back")
    void align1gTooSmall() {
        StepResult fs = fresh(create("a", "region0", NamespaceMode.FSDAX, G, G, null, null));
        assertFalse(fs.ok());
        assertEquals("ENXIO", fs.errno());
        assertTrue(fs.log().contains("nd_pmem pfn0.0: namespace0.0 unable to satisfy requested alignment"));
        assertTrue(fs.log().contains("ndctl: libndctl: ndctl_pfn_enable: pfn0.0: failed to enable"));
        assertTrue(fs.log().contains("ndctl: Error: namespace0.0: failed to enable"));
        assertTrue(fs.log().contains("ndctl: failed to create namespace: No such device or address"));
        assertEquals(4278190080L, fs.state().get("region0").get("available_size"), "autorecover rolled back");
        assertEquals("PFN-INIT-CAPACITY", fs.applied().get(0).id());

        StepResult dax = fresh(create("a", "region0", NamespaceMode.DEVDAX, G, G, null, null));
        assertTrue(dax.log().contains("dax_pmem dax0.0: namespace0.0 unable to satisfy requested alignment"));
    }

    @Test
    @DisplayName("t02-create-namespace.md 2.6/2.10: 2G with align 1G -> 1073741824 usable (1G offset)")
    void align1gOn2g() {
        assertEquals(1073741824L, fresh(create("a", "region0", NamespaceMode.FSDAX, 2 * G, G, null, null))
                .values().get("size"));
        assertEquals(1073741824L, fresh(create("a", "region0", NamespaceMode.DEVDAX, 2 * G, G, null, null))
                .values().get("size"));
    }

    @Test
    @DisplayName("t02-create-namespace.md 2.11/2.12: raw 17M -> ndctl's region-align refusal, -f does not help")
    void raw17mRefusedByNdctl() {
        for (boolean force : List.of(false, true)) {
            StepResult r = only(INIT, step(new Action.CreateNamespace("ns1", "region0", NamespaceMode.RAW, 17 * M,
                    null, null, null, force)));
            assertEquals("EINVAL", r.errno());
            assertEquals(List.of("ndctl: Error: create namespace: region0: align setting is 0x1000000 size "
                    + "0x1100000 is misaligned"), r.log());
            assertEquals("NDCTL-REGION-ALIGN", r.applied().get(0).id());
        }
    }

    @Test
    @DisplayName("t02-create-namespace.md 2.14-2.16, t09-misc.md 9.2: sector capacities for 512/4096/520")
    void sectorSizes() {
        assertEquals(1065254400L, fresh(create("a", "region0", NamespaceMode.SECTOR, G, null, null, 512L))
                .values().get("size"));
        StepResult s4k = fresh(create("a", "region0", NamespaceMode.SECTOR, G, null, null, null));
        assertEquals(1071611904L, s4k.values().get("size"));
        assertEquals(4096L, s4k.values().get("sector_size"));
        assertTrue(s4k.log().contains("nd_pmem btt0.0: init: 1 arenas for 1073737728 rawsize"));
        assertEquals(947694592L, fresh(create("a", "region0", NamespaceMode.SECTOR, G, null, null, 520L))
                .values().get("size"));
        StepResult bad = fresh(create("a", "region0", NamespaceMode.SECTOR, G, null, null, 1024L));
        assertEquals("EINVAL", bad.errno());
        assertTrue(bad.log().contains("ndctl: Error: create namespace: region0: does not support btt sector_size 1024"));
    }

    @Test
    @DisplayName("t02-create-namespace.md 2.19-2.21: too big -> ENOSPC; no size -> the whole 16M-rounded region")
    void capacity() {
        StepResult big = fresh(create("a", "region0", NamespaceMode.FSDAX, 4 * G));
        assertEquals("ENOSPC", big.errno());
        assertEquals(List.of("ndctl: failed to create namespace: No space left on device"), big.log());
        StepResult all = fresh(create("a", "region0", NamespaceMode.FSDAX, null));
        assertEquals(4278190080L, all.values().get("raw_size"));
        assertEquals(4211081216L, all.values().get("size"));
        assertEquals(0L, all.state().get("region0").get("available_size"));
    }

    @Test
    @DisplayName("t02-create-namespace.md 2.23-2.25: naming, holes and the lowest free id for the next seed")
    void namingAndHoles() {
        ScenarioResult r = run(qemuX86(), INIT,
                step(create("a", "region0", NamespaceMode.FSDAX, G)),
                step(create("b", "region0", NamespaceMode.DEVDAX, G)),
                step(create("c", "region0", NamespaceMode.RAW, G)),
                step(create("d", "region0", NamespaceMode.FSDAX, null)),
                step(new Action.DestroyNamespace("b")),
                step(create("e", "region0", NamespaceMode.FSDAX, 512 * M)),
                step(create("f", "region0", NamespaceMode.FSDAX, G), "ENOSPC"));
        assertEquals(List.of("namespace0.0", "namespace0.1", "namespace0.2", "namespace0.3"),
                r.steps().subList(1, 5).stream().map(s -> s.values().get("dev")).toList());
        assertEquals(1056964608L, r.steps().get(3).state().get("region0").get("available_size"));
        assertEquals(1040187392L, r.steps().get(4).values().get("size"));
        assertEquals(1073741824L, r.steps().get(5).values().get("available_size"));
        StepResult e = r.steps().get(6);
        assertEquals("namespace0.4", e.values().get("dev"));
        assertEquals(0x1_4000_0000L, e.values().get("resource"));
        assertEquals(526385152L, e.values().get("size"));
        assertTrue(e.log().contains("nd_pmem namespace0.1: 0x0000000000000000, too small must be at least 0x1000"));
        assertEquals(ScenarioStatus.PASS, r.status());
    }

    @Test
    @DisplayName("t03-region-align.md: align writes accepted iff power of 2, >= 4K, <= region size; no log")
    void regionAlignWrites() {
        Map<Long, String> cases = Map.of(4096L, "ok", 2097152L, "ok", 16777216L, "ok", 1073741824L, "ok",
                2147483648L, "ok", 3145728L, "EINVAL", 0L, "EINVAL", 2048L, "EINVAL", 4294836224L, "EINVAL",
                4294967296L, "EINVAL");
        cases.forEach((value, outcome) -> {
            StepResult r = only(step(new Action.SetRegionAlign("region0", value)));
            assertEquals(outcome, r.ok() ? "ok" : r.errno(), "align " + value);
            assertEquals(List.of(), r.log(), "no kernel log for align " + value);
        });
        StepResult a2m = only(INIT, step(new Action.SetRegionAlign("region0", 2 * M)));
        assertEquals(4292870144L, a2m.values().get("available_size"));
        StepResult a4k = only(INIT, step(new Action.SetRegionAlign("region0", 4 * K)));
        assertEquals(4294836224L, a4k.values().get("available_size"));
    }

    @Test
    @DisplayName("t03-region-align.md: align 4K then raw 17M; back to 16M the free extent shrinks to 4244635648")
    void raw17mAfterAlign4k() {
        ScenarioResult r = run(qemuX86(), INIT,
                step(new Action.SetRegionAlign("region0", 4 * K)),
                step(create("ns2", "region0", NamespaceMode.RAW, 17 * M), null),
                step(new Action.SetRegionAlign("region0", 16 * M)),
                step(create("ns3", "region0", NamespaceMode.RAW, 32 * M)));
        assertEquals(17825792L, r.steps().get(2).values().get("size"));
        assertEquals(4277010432L, r.steps().get(2).state().get("region0").get("available_size"));
        assertEquals(4244635648L, r.steps().get(3).values().get("available_size"));
        assertEquals(0x1_0200_0000L, r.steps().get(4).values().get("resource"));
        assertEquals(ScenarioStatus.PASS, r.status());
    }

    @Test
    @DisplayName("t03-region-align.md: at align 2M, available_size 4240441344 but max_available_extent 4225761280")
    void availableVersusExtent() {
        ScenarioResult r = run(qemuX86(), INIT,
                step(new Action.SetRegionAlign("region0", 4 * K)),
                step(create("a", "region0", NamespaceMode.RAW, 17 * M)),
                step(new Action.SetRegionAlign("region0", 16 * M)),
                step(create("b", "region0", NamespaceMode.RAW, 32 * M)),
                step(new Action.SetRegionAlign("region0", 2 * M)),
                step(create("c", "region0", NamespaceMode.FSDAX, 34 * M)),
                step(create("d", "region0", NamespaceMode.FSDAX, 100 * M)));
        assertEquals(4240441344L, r.steps().get(5).values().get("available_size"));
        assertEquals(4225761280L, r.steps().get(5).values().get("max_available_extent"));
        assertEquals(0x1_0400_0000L, r.steps().get(6).values().get("resource"));
        assertEquals(33554432L, r.steps().get(6).values().get("size"));
        StepResult c = r.steps().get(7);
        assertEquals("EINVAL", c.errno());
        assertTrue(c.log().contains("ndctl: Error: namespace0.3 misaligned to 16M, adjust region alignment and retry"));
        assertEquals(4204789760L, c.state().get("region0").get("available_size"), "autorecover gave it back");
        assertEquals(4190109696L, c.state().get("region0").get("max_available_extent"));
        assertTrue(c.log().contains("ndctl: failed to create namespace: Invalid argument"));
    }

    @Test
    @DisplayName("t04-labelless.md: a label-less 4G DIMM: no sub-division; reconfigure to every mode")
    void labelLess() {
        StepResult sub = run(qemuX86LabelLess(), step(create("a", "region0", NamespaceMode.FSDAX, G))).steps().get(0);
        assertEquals("EINVAL", sub.errno());
        assertEquals(List.of("ndctl: Error: Legacy / label-less namespaces do not support sub-dividing a region",
                "ndctl: Error: Retry without -s/--size=", "ndctl: failed to create namespace: Invalid argument"),
                sub.log());
        assertEquals(0L, sub.state().get("region0").get("available_size"));
        Map<String, Long> sizes = Map.of("fsdax", 4225761280L, "fsdax-mem", 4292870144L, "fsdax-1G", 3221225472L,
                "devdax", 4225761280L, "sector", 4289695744L, "raw", 4294967296L);
        sizes.forEach((what, size) -> {
            Action.Reconfigure a = switch (what) {
                case "fsdax" -> reconfigure("namespace0.0", NamespaceMode.FSDAX, null, null);
                case "fsdax-mem" -> reconfigure("namespace0.0", NamespaceMode.FSDAX, null, PfnMap.MEM);
                case "fsdax-1G" -> reconfigure("namespace0.0", NamespaceMode.FSDAX, G, null);
                case "devdax" -> reconfigure("namespace0.0", NamespaceMode.DEVDAX, null, null);
                case "sector" -> reconfigure("namespace0.0", NamespaceMode.SECTOR, null, null);
                default -> reconfigure("namespace0.0", NamespaceMode.RAW, null, null);
            };
            StepResult r = run(qemuX86LabelLess(), step(a)).steps().get(0);
            assertTrue(r.ok(), what);
            assertEquals(size, r.values().get("size"), what);
            assertEquals("namespace0.0", r.values().get("dev"), what);
        });
    }

    @Test
    @DisplayName("t04b-uninit-labels.md: the uninitialised-label region (0xfffe0000) cannot go fsdax: region align")
    void uninitialisedLabelsRefuseFsdax() {
        StepResult r = only(step(reconfigure("namespace0.0", NamespaceMode.FSDAX, null, null)));
        assertEquals("EINVAL", r.errno());
        assertEquals(List.of("ndctl: Error: create namespace: region0: align setting is 0x1000000 size 0xfffe0000 "
                + "is misaligned"), r.log());
    }

    @Test
    @DisplayName("t04c-uninit-labels-align.md: align 4K + reconfigure sector autolabels the DIMM with v1.2 labels")
    void autolabel() {
        ScenarioResult r = run(qemuX86(), step(new Action.SetRegionAlign("region0", 4 * K)),
                step(reconfigure("namespace0.0", NamespaceMode.FSDAX, null, null)),
                step(reconfigure("namespace0.0", NamespaceMode.SECTOR, null, null)),
                step(reconfigure("namespace0.0", NamespaceMode.RAW, null, null)));
        StepResult fsdax = r.steps().get(1);
        assertEquals("EINVAL", fsdax.errno());
        assertTrue(fsdax.log().contains("ndctl: did you intend --size=4294967296?"));
        StepResult sector = r.steps().get(2);
        assertTrue(sector.ok());
        assertEquals(4289568768L, sector.values().get("size"));
        assertTrue(sector.log().contains("nd_region region0: discovered 0 namespaces"));
        assertTrue(sector.log().contains("nd_pmem btt0.0: init: 1 arenas for 4294836224 rawsize"));
        StepResult raw = r.steps().get(3);
        assertEquals(4294836224L, raw.values().get("size"));
        assertEquals(5L, raw.state().get("region0").get("nstype"));
        assertEquals(508L, raw.state().get("nmem0").get("available_slots"));
        assertEquals("label ", raw.state().get("nmem0").get("flags"));
    }

    @Test
    @DisplayName("t05-two-dimms.md, t05g-force-and-pad.md: region1 at 0x1fffe0000: ndctl 16M check, kernel 2M check")
    void misalignedSecondRegion() {
        ScenarioResult r = run(qemuTwoDimms(), step(new Action.InitLabels("nmem1")),
                step(create("a", "region1", NamespaceMode.FSDAX, G)),
                step(new Action.CreateNamespace("b", "region1", NamespaceMode.FSDAX, 256 * M, null, null, null, true)),
                step(new Action.CreateNamespace("c", "region1", NamespaceMode.DEVDAX, 256 * M, null, null, null, true)),
                step(create("d", "region1", NamespaceMode.SECTOR, 256 * M)));
        assertTrue(r.steps().get(1).log().contains(
                "ndctl: Error: namespace1.0 misaligned to 16M, adjust region alignment and retry"));
        StepResult forced = r.steps().get(2);
        assertEquals("ENXIO", forced.errno());
        assertTrue(forced.log().contains("nd_pmem pfn1.0: namespace1.0: start 0x00000001fffe0000 misaligned to 0x200000"));
        assertTrue(forced.log().contains("nd_pmem: probe of pfn1.0 failed with error -22"));
        assertEquals("PFN-INIT-START", forced.applied().get(0).id());
        assertTrue(r.steps().get(3).log().contains(
                "dax_pmem dax1.0: namespace1.0: start 0x00000001fffe0000 misaligned to 0x200000"));
        StepResult sector = r.steps().get(4);
        assertEquals(267091968L, sector.values().get("size"));
        assertEquals("namespace1.0", sector.values().get("dev"));
    }

    @Test
    @DisplayName("t07a/t07b-persist-boot: namespaces survive a reboot with their names; region align resets")
    void rebootKeepsNamespaces() {
        ScenarioResult r = run(qemuX86(), INIT,
                step(create("a", "region0", NamespaceMode.FSDAX, G, 2 * M, null, null)),
                step(create("b", "region0", NamespaceMode.DEVDAX, 2 * G, G, null, null)),
                step(create("c", "region0", NamespaceMode.SECTOR, 256 * M, null, null, 4096L)),
                step(create("d", "region0", NamespaceMode.FSDAX, 256 * M, null, PfnMap.MEM, null)),
                step(new Action.SetRegionAlign("region0", 4 * K)),
                step(create("e", "region0", NamespaceMode.RAW, 17 * M)),
                step(new Action.Reboot(null)),
                step(create("f", "region0", NamespaceMode.RAW, 17 * M), "EINVAL"));
        assertEquals(518914048L, r.steps().get(6).state().get("region0").get("available_size"));
        assertEquals(1014L, r.steps().get(6).state().get("nmem0").get("available_slots"));
        Map<String, Map<String, Object>> s = r.steps().get(7).state();
        assertEquals(16777216L, s.get("region0").get("align"));
        assertEquals(486539264L, s.get("region0").get("available_size"));
        assertEquals(1054867456L, s.get("a").get("size"));
        assertEquals("pfn0.1", s.get("a").get("claim"));
        assertEquals(1073741824L, s.get("b").get("size"));
        assertEquals("dax0.1", s.get("b").get("claim"));
        assertEquals(267091968L, s.get("c").get("size"));
        assertEquals(266338304L, s.get("d").get("size"));
        assertEquals("pfn0.2", s.get("d").get("claim"));
        assertEquals(17825792L, s.get("e").get("size"));
        assertEquals("namespace0.4", s.get("e").get("dev"));
        assertEquals(ScenarioStatus.PASS, r.status());
    }

    @Test
    @DisplayName("t08-reconfig-offsets.md 8.1: reconfigure chain keeps the name and the capacity")
    void reconfigureChain() {
        ScenarioResult r = run(qemuX86(), INIT, step(create("a", "region0", NamespaceMode.FSDAX, G)),
                step(reconfigure("a", NamespaceMode.DEVDAX, null, null)),
                step(reconfigure("a", NamespaceMode.SECTOR, null, null)),
                step(reconfigure("a", NamespaceMode.FSDAX, null, PfnMap.MEM)),
                step(reconfigure("a", NamespaceMode.RAW, null, null)));
        assertEquals(1054867456L, r.steps().get(2).values().get("size"));
        assertEquals(3204448256L, r.steps().get(2).state().get("region0").get("available_size"));
        assertEquals(1071611904L, r.steps().get(3).values().get("size"));
        assertEquals(1071644672L, r.steps().get(4).values().get("size"));
        assertEquals(1073741824L, r.steps().get(5).values().get("size"));
        r.steps().subList(2, 6).forEach(s -> assertEquals("namespace0.0", s.values().get("dev")));
    }

    @Test
    @DisplayName("t08-reconfig-offsets.md 8.2: fsdax data offsets for 128M..3G, map dev and mem")
    void dataOffsets() {
        Map<Long, long[]> table = Map.of(16 * M, new long[] {14680064L, 14680064L},
                128 * M, new long[] {130023424L, 132120576L}, 256 * M, new long[] {262144000L, 266338304L},
                1536 * M, new long[] {1583349760L, 1608515584L}, 3 * G, new long[] {3168796672L, 3219128320L});
        table.forEach((size, usable) -> {
            assertEquals(usable[0], fresh(create("a", "region0", NamespaceMode.FSDAX, size)).values().get("size"),
                    "map dev " + size);
            assertEquals(usable[1], fresh(create("a", "region0", NamespaceMode.FSDAX, size, null, PfnMap.MEM, null))
                    .values().get("size"), "map mem " + size);
        });
    }

    @Test
    @DisplayName("t08-reconfig-offsets.md 8.2/8.3: ndctl's 'did you intend --size=' suggestions")
    void didYouIntend() {
        StepResult a = fresh(create("a", "region0", NamespaceMode.FSDAX, 3056 * M, G, null, null));
        assertTrue(a.log().contains("ndctl: did you intend --size=3072M?"));
        StepResult b = only(INIT, step(new Action.SetRegionAlign("region0", 4 * K)),
                step(create("b", "region0", NamespaceMode.FSDAX, 17 * M)));
        assertTrue(b.log().contains("ndctl: Error: create namespace: '--size=' must align to interleave-width: 1 "
                + "and alignment: 2097152"));
        assertTrue(b.log().contains("ndctl: did you intend --size=18M?"));
        StepResult small = only(INIT, step(new Action.SetRegionAlign("region0", 4 * K)),
                step(create("c", "region0", NamespaceMode.FSDAX, 8 * M)));
        assertTrue(small.log().contains("ndctl: Error: '--size=' must be >= 16MiB for 'fsdax' mode"));
        assertTrue(small.log().contains("ndctl: failed to create namespace: Invalid argument"));
    }

    @Test
    @DisplayName("t08-reconfig-offsets.md 8.4: sector 16M fails in the kernel (BTT minimum 16M + 4K)")
    void sectorTooSmall() {
        StepResult r = fresh(create("a", "region0", NamespaceMode.SECTOR, 16 * M));
        assertEquals("ENXIO", r.errno());
        assertTrue(r.log().contains("nd_pmem btt0.0: namespace0.0 must be at least 16781312 bytes"));
        assertTrue(r.log().contains("nd namespace0.0: 0 fail (-16)"), "ndctl's rollback is refused: btt claim");
    }

    @Test
    @DisplayName("t09-misc.md 9.2: --align with raw or an unsupported value -> ENXIO")
    void alignOptions() {
        StepResult raw = fresh(create("a", "region0", NamespaceMode.RAW, G, 2 * M, null, null));
        assertEquals("ENXIO", raw.errno());
        assertEquals(List.of("ndctl: Error: raw mode does not support setting an alignment",
                "ndctl: failed to create namespace: No such device or address"), raw.log());
        assertEquals("ENXIO", fresh(create("a", "region0", NamespaceMode.FSDAX, G, 16 * M, null, null)).errno());
    }

    @Test
    @DisplayName("t09-misc.md 9.2: -a 3M is refused by ndctl's option parser (rc 129 after -EINVAL), also under pmdl diff")
    void alignNotAPowerOfTwo() {
        StepResult r = fresh(create("a", "region0", NamespaceMode.FSDAX, G, 3 * M, null, null));
        assertEquals("EINVAL", r.errno());
        assertTrue(r.log().contains("ndctl: Error: align must be a power-of-2 greater than 4096"), r.log()::toString);
        assertEquals("EINVAL", fresh(create("a", "region0", NamespaceMode.RAW, G, 2 * K, null, null)).errno(),
                "parsed before the mode is looked at");
    }

    @Test
    @DisplayName("--map with a raw namespace: ndctl refuses the option (EINVAL) under its own rule, not --align's")
    void mapOnlyForDaxModes() {
        // Expected: ndctl/namespace.c set_defaults, "--map only valid for an devdax mode pmem namespace", -EINVAL
        StepResult r = fresh(create("a", "region0", NamespaceMode.RAW, G, null, PfnMap.MEM, null));
        assertEquals("EINVAL", r.errno());
        assertTrue(r.log().contains("ndctl: Error: --map only valid for an devdax mode pmem namespace"),
                r.log()::toString);
        assertEquals(LibnvdimmRules.NDCTL_MAP_OPTION, r.applied().get(0), r.applied()::toString);
    }
}
