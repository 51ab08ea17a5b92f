package org.pmdl.model.libnvdimm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pmdl.model.Fixtures.G;
import static org.pmdl.model.Fixtures.K;
import static org.pmdl.model.Fixtures.M;
import static org.pmdl.model.Fixtures.dimm;
import static org.pmdl.model.Fixtures.mapping;
import static org.pmdl.model.Fixtures.platform;
import static org.pmdl.model.Fixtures.region;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.pmdl.model.kernel.Errno;
import org.pmdl.model.kernel.KernelProfile;
import org.pmdl.model.platform.PlatformFacts;
import org.pmdl.model.rules.Rule;
import org.pmdl.model.scenario.NamespaceMode;
import org.pmdl.model.topology.Arch;
import org.pmdl.model.topology.Mmu;
import org.pmdl.model.topology.PlatformSpec;

/**
 * The "5.6" profile: libnvdimm before the 5.7 series "libnvdimm: Cross-arch compatible namespace alignment".
 * Every expectation is the code the series' v4 patches (2020-03-03, seed 001 lines 5574-6140) remove or keep:
 * 2/5 "Prevent raw mode fallback if pfn-infoblock valid" changes four nd_pfn_validate() returns from
 * EINVAL/EINVAL/EBUSY/ENXIO to EOPNOTSUPP and says EOPNOTSUPP was already the pmem driver's "do not fall back"
 * answer; 3/5 adds the memremap_compat_align() checks and shows the ppc64 crash they prevent; 5/5 adds
 * regionX/align and replaces __size_store()'s PAGE_SIZE x ways granule. The "6.1" side of each pair is
 * PfnInfoblockTest's and RegionCapacityTest's, observed on a real kernel.
 */
class Before57Test {
    private static final KernelProfile V5_6 = KernelProfile.lookup("5.6").orElseThrow();
    private static final long BASE = 0x40_0000_0000L;
    private final Dmesg dmesg = new Dmesg();

    private static PlatformSpec ppc(Mmu mmu) {
        return platform("ppc", Arch.PPC64, mmu, 64 * K, 0, List.of(dimm("nmem0", 4 * G + 128 * K, 128 * K)),
                List.of(region("region0", BASE, mapping("nmem0", 0, 4 * G))));
    }

    private static PlatformSpec x86(int ways) {
        return platform("x86", Arch.X86_64, Mmu.NATIVE, 0, 0,
                ways == 1 ? List.of(dimm("nmem0", 4 * G + 128 * K, 128 * K))
                        : List.of(dimm("nmem0", 4 * G + 128 * K, 128 * K), dimm("nmem1", 4 * G + 128 * K, 128 * K)),
                List.of(ways == 1 ? region("region0", BASE, mapping("nmem0", 0, 4 * G))
                        : region("region0", BASE, mapping("nmem0", 0, 4 * G), mapping("nmem1", 0, 4 * G))));
    }

    /** Media with one labelled namespace "u1" at DPA {@code dpa} of {@code size} bytes and a pfn infoblock. */
    private static Media media(long dpa, long size, Infoblock.PfnMode mode, long dataoff, long align, long pageSize) {
        Media media = new Media();
        LabelIndex index = LabelIndex.initialized(128 * K, 1);
        index.labels().add(new LabelIndex.Label("u1", dpa, size, 0, ""));
        media.writeLabelIndex("nmem0", index);
        media.writeInfoblock(new MediaKey("nmem0", dpa), new Infoblock.Pfn(Infoblock.PFN_SIG, "p1", "u1", 4, mode,
                dataoff, 0, 0, 0, align, pageSize, 64));
        return media;
    }

    private NvdimmBus boot(PlatformSpec p, Media media) {
        return NvdimmBus.boot(p, PlatformFacts.of(p, V5_6), media, dmesg);
    }

    private Namespace probe(PlatformSpec p, Media media) {
        return boot(p, media).namespace("namespace0.0").orElseThrow();
    }

    @Test
    @DisplayName("2/5: infoblock align 1G on a 512M namespace was EINVAL, so nd_pmem exposed it raw (6.1: -95)")
    void alignBeyondCapacityFallsBackToRaw() {
        Namespace ns = probe(x86(1), media(0, 512 * M, Infoblock.PfnMode.PMEM, 2 * M, G, 4 * K));
        assertTrue(ns.enabled);
        assertEquals(NamespaceMode.RAW, ns.mode);
        List<String> log = dmesg.drainLines();
        assertTrue(log.contains(" pfn0.1: alignment: 40000000 exceeds capacity 20000000"), log::toString);
        assertTrue(log.stream().noneMatch(l -> l.contains("failed with error")), log::toString);
        List<Rule> applied = dmesg.drainApplied();
        assertTrue(applied.contains(LibnvdimmRules.PMEM_PROBE_RAW_FALLBACK));
        // nd_pfn_validate's align check, apart from its data offset checks
        assertTrue(applied.contains(LibnvdimmRules.PFN_VALIDATE_CAPACITY), applied::toString);
    }

    @Test
    @DisplayName("2/5: a data offset past the namespace end was EBUSY, a misaligned one ENXIO: both came up raw")
    void offsetErrorsFallBackToRaw() {
        Namespace past = probe(x86(1), media(0, 512 * M, Infoblock.PfnMode.PMEM, 512 * M, 2 * M, 4 * K));
        assertEquals(NamespaceMode.RAW, past.mode);
        assertTrue(past.enabled);
        assertTrue(dmesg.drainLines().contains(" pfn0.1: pfn array size exceeds capacity of namespace0.0"));
        assertTrue(dmesg.drainApplied().contains(LibnvdimmRules.PFN_VALIDATE_DATAOFF));
        Namespace bad = probe(x86(1), media(0, 512 * M, Infoblock.PfnMode.PMEM, 3 * M, 2 * M, 4 * K));
        assertEquals(NamespaceMode.RAW, bad.mode);
        assertTrue(bad.enabled);
        assertTrue(dmesg.drainLines().contains(" pfn0.1: bad offset: 0x300000 dax disabled align: 0x200000"));
    }

    @Test
    @DisplayName("2/5 commit message: page size mismatch was already EOPNOTSUPP, which fails the probe on 5.6 too")
    void pageSizeMismatchStillFailsTheProbe() {
        Namespace ns = probe(x86(1), media(0, G, Infoblock.PfnMode.PMEM, 2 * M, 2 * M, 64 * K));
        assertFalse(ns.enabled);
        assertTrue(dmesg.drainLines().contains("nd_pmem: probe of namespace0.0 failed with error -95"));
    }

    @Test
    @DisplayName("3/5: a radix infoblock at 0x4000200000 passes validation on hash16M and crashes in arch_add_memory")
    void misalignedMappingCrashesPpc64() {
        Media media = media(2 * M, G, Infoblock.PfnMode.PMEM, 2 * M, 2 * M, 64 * K);
        assertTrue(probe(ppc(Mmu.RADIX), media).enabled); // compat align 2M under radix: nothing to crash on
        dmesg.drainLines();
        Namespace onHash = probe(ppc(Mmu.HASH), media);
        assertFalse(onHash.enabled);
        List<String> log = dmesg.drainLines();
        assertTrue(log.contains("BUG: Unable to handle kernel data access"), log::toString);
        assertTrue(log.stream().noneMatch(l -> l.contains("misaligned")), log::toString); // no 5.7 check ran
        assertEquals(List.of(LibnvdimmRules.PFN_PRE57_PPC64_OOPS),
                dmesg.drainAdvisories().stream().map(Dmesg.Advisory::rule).toList());
    }

    @Test
    @DisplayName("5/5: no regionX/align before 5.7: writing it is ENOENT, ndctl list shows no align")
    void noRegionAlignAttribute() throws Exception {
        NvdimmBus bus = boot(x86(1), new Media());
        Region r = bus.region("region0").orElseThrow();
        NdException e = assertThrows(NdException.class, () -> bus.alignStore(r, 2 * M));
        assertEquals(Errno.ENOENT, e.errno());
        assertNull(bus.values(r).get("align"));
    }

    @Test
    @DisplayName("5/5 removed line: __size_store() granule PAGE_SIZE x ways: 8K on 2-way x86 (6.1: 16M region align)")
    void namespaceSizeGranuleIsPageTimesWays() {
        Region r = boot(x86(2), new Media()).region("region0").orElseThrow();
        assertEquals(8 * K, r.align());
        assertEquals(4 * K, r.dpaAlign());
    }

    @Test
    @DisplayName("4/5: a DIMM with a label index had NDD_ALIASING before NDD_LABELING: flags \"alias \"")
    void labelledDimmFlagsAlias() {
        NvdimmBus bus = boot(x86(1), media(0, G, Infoblock.PfnMode.PMEM, 2 * M, 2 * M, 4 * K));
        assertEquals("alias ", bus.values(bus.nvdimm("nmem0").orElseThrow()).get("flags"));
    }
}
