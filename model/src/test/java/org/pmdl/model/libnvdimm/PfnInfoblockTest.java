package org.pmdl.model.libnvdimm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.pmdl.model.kernel.KernelProfile;
import org.pmdl.model.platform.PlatformFacts;
import org.pmdl.model.scenario.NamespaceMode;
import org.pmdl.model.topology.Arch;
import org.pmdl.model.topology.Mmu;
import org.pmdl.model.topology.PlatformSpec;

/**
 * nd_pfn_validate() / nd_pfn_init() (drivers/nvdimm/pfn_devs.c, 6.1) on infoblocks placed on media, for the
 * cases of seed-rules-D.md §4 that ndctl cannot produce on one platform.
 */
class PfnInfoblockTest {
    private static final long BASE = 0x40_0000_0000L;
    private final Dmesg dmesg = new Dmesg();

    /** One labelled DIMM, region at 0x4000000000; the namespace (if any) is described by its label. */
    private static PlatformSpec ppc(String name, Mmu mmu) {
        return platform(name, Arch.PPC64, mmu, 64 * K, 0, List.of(dimm("nmem0", 4 * G + 128 * K, 128 * K)),
                List.of(region("region0", BASE, mapping("nmem0", 0, 4 * G))));
    }

    private static PlatformSpec x86() {
        return platform("x86", Arch.X86_64, Mmu.NATIVE, 0, 0, List.of(dimm("nmem0", 4 * G + 128 * K, 128 * K)),
                List.of(region("region0", BASE, mapping("nmem0", 0, 4 * G))));
    }

    /** Media with one namespace "u1" at DPA {@code dpa} of {@code size} bytes and the given infoblock. */
    private static Media media(long dpa, long size, Infoblock.Pfn sb) {
        Media media = new Media();
        LabelIndex index = LabelIndex.initialized(128 * K, 1);
        index.labels().add(new LabelIndex.Label("u1", dpa, size, 0, ""));
        media.writeLabelIndex("nmem0", index);
        media.writeInfoblock(new MediaKey("nmem0", dpa), sb);
        return media;
    }

    private static Infoblock.Pfn sb(Infoblock.PfnMode mode, long dataoff, long startPad, long endTrunc, long align,
            long pageSize) {
        return new Infoblock.Pfn(Infoblock.PFN_SIG, "p1", "u1", 4, mode, dataoff, 0, startPad, endTrunc, align,
                pageSize, 64);
    }

    private Namespace probe(PlatformSpec p, Media media) {
        NvdimmBus bus = NvdimmBus.boot(p, PlatformFacts.of(p, KernelProfile.newest()), media, dmesg);
        return bus.namespace("namespace0.0").orElseThrow();
    }

    @Test
    @DisplayName("§4.13 SM-5: a radix infoblock at 0x4000200000 fails on hash16M: resource start misaligned, no raw")
    void legacyStartAfterMmuSwitch() {
        Media media = media(2 * M, G, sb(Infoblock.PfnMode.PMEM, 2 * M, 0, 0, 2 * M, 64 * K));
        Namespace onRadix = probe(ppc("radix", Mmu.RADIX), media);
        assertTrue(onRadix.enabled);
        assertEquals(NamespaceMode.FSDAX, onRadix.mode);
        dmesg.drainLines();
        Namespace onHash = probe(ppc("hash", Mmu.HASH), media);
        assertFalse(onHash.enabled);
        assertEquals(NamespaceMode.RAW, onHash.mode);
        // bus.c nvdimm_bus_probe(): -EOPNOTSUPP still advances the namespace seed (its empty probe: "too small")
        assertEquals(List.of(" pfn0.1: resource start misaligned", "nd_pmem: probe of namespace0.0 failed with error -95",
                "nd_pmem namespace0.1: 0x0000000000000000, too small must be at least 0x10000"), dmesg.drainLines());
    }

    @Test
    @DisplayName("§4.14: a legacy start_pad that restores 16M alignment passes all three checks on hash16M")
    void legacyStartPadRescue() {
        Media media = media(2 * M, G, sb(Infoblock.PfnMode.PMEM, 16 * M, 14 * M, 2 * M, 16 * M, 64 * K));
        assertTrue(probe(ppc("hash", Mmu.HASH), media).enabled);
        // pfn.h's start_pad comment (seed S1:5901-5914): block I/O works through the padding, DAX does not
        assertEquals(List.of(LibnvdimmRules.PFN_START_PAD_DAX),
                dmesg.drainAdvisories().stream().map(Dmesg.Advisory::rule).toList());
        Media noPad = media(2 * M, G, sb(Infoblock.PfnMode.PMEM, 16 * M, 0, 2 * M, 16 * M, 64 * K));
        assertFalse(probe(ppc("hash", Mmu.HASH), noPad).enabled);
    }

    @Test
    @DisplayName("§4.16: a 64K-page infoblock with map dev on x86 -> page size mismatch 65536; map mem skips it")
    void pageSizeMismatch() {
        probe(x86(), media(0, G, sb(Infoblock.PfnMode.PMEM, 2 * M, 0, 0, 2 * M, 64 * K)));
        assertTrue(dmesg.drainLines().contains(" pfn0.1: init failed, page size mismatch 65536"));
        assertTrue(probe(x86(), media(0, G, sb(Infoblock.PfnMode.RAM, 2 * M, 0, 0, 2 * M, 64 * K))).enabled);
    }

    @Test
    @DisplayName("§4.18: infoblock align 1G on a 512M namespace -> alignment: 40000000 exceeds capacity 20000000")
    void alignExceedsCapacity() {
        Namespace ns = probe(x86(), media(0, 512 * M, sb(Infoblock.PfnMode.PMEM, 2 * M, 0, 0, G, 4 * K)));
        assertFalse(ns.enabled);
        assertTrue(dmesg.drainLines().contains(" pfn0.1: alignment: 40000000 exceeds capacity 20000000"));
    }

    @Test
    @DisplayName("nd_pfn_validate: a devdax infoblock with an align this kernel lacks (16M on x86) -> mismatch")
    void daxAlignmentMismatch() {
        Infoblock.Pfn dax = new Infoblock.Pfn(Infoblock.DAX_SIG, "p1", "u1", 4, Infoblock.PfnMode.PMEM, 32 * M, 0,
                0, 0, 16 * M, 64 * K, 64);
        probe(ppc("radix", Mmu.RADIX), media(0, G, dax));
        assertTrue(dmesg.drainLines().contains(" dax0.1: init failed, alignment mismatch: 2097152:16777216"));
    }
}
