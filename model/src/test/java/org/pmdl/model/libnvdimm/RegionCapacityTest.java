package org.pmdl.model.libnvdimm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.pmdl.model.kernel.Errno;
import org.pmdl.model.kernel.KernelProfile;
import org.pmdl.model.platform.PlatformFacts;
import org.pmdl.model.topology.Arch;
import org.pmdl.model.topology.MappingSpec;
import org.pmdl.model.topology.Mmu;
import org.pmdl.model.topology.NvdimmSpec;
import org.pmdl.model.topology.PlatformSpec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.pmdl.model.Fixtures.G;
import static org.pmdl.model.Fixtures.K;
import static org.pmdl.model.Fixtures.M;
import static org.pmdl.model.Fixtures.dimm;
import static org.pmdl.model.Fixtures.mapping;
import static org.pmdl.model.Fixtures.platform;
import static org.pmdl.model.Fixtures.region;
import static org.pmdl.model.Fixtures.x86;

/** Region-level kernel functions, checked against seed-rules-D.md §4 and Linux 6.1 region_devs.c / dimm_devs.c. */
class RegionCapacityTest {
    private final Dmesg dmesg = new Dmesg();

    private NvdimmBus boot(PlatformSpec p, Media media) {
        return NvdimmBus.boot(p, PlatformFacts.of(p, KernelProfile.newest()), media, dmesg);
    }

    /** An N-way interleaved region of N DIMMs, each mapping {@code perDimm} bytes. */
    private static PlatformSpec interleaved(Arch arch, long pageSize, int ways, long perDimm) {
        List<NvdimmSpec> dimms = new ArrayList<>();
        List<MappingSpec> maps = new ArrayList<>();
        for (int i = 0; i < ways; i++) {
            dimms.add(dimm("nmem" + i, perDimm + 128 * K, 128 * K));
            maps.add(mapping("nmem" + i, 0, perDimm));
        }
        return platform("p", arch, arch == Arch.X86_64 ? Mmu.NATIVE : Mmu.RADIX, pageSize, 0, dimms,
                List.of(region("region0", 0x40_0000_0000L, maps.toArray(MappingSpec[]::new))));
    }

    @Test
    @DisplayName("seed-rules-D §4.2 / region_devs.c default_align: 16M, times the ways when they do not divide it")
    void defaultAlignByInterleave() {
        Map<Integer, Long> expected = Map.of(1, 16 * M, 2, 16 * M, 3, 48 * M, 4, 16 * M, 6, 96 * M, 8, 16 * M,
                12, 192 * M);
        expected.forEach((ways, align) -> {
            Region r = boot(interleaved(Arch.X86_64, 0, ways, G), new Media()).region("region0").orElseThrow();
            assertEquals(align, r.align(), ways + "-way");
            assertEquals(align / ways, r.dpaAlign(), ways + "-way dpa_align");
        });
    }

    @Test
    @DisplayName("region_devs.c default_align (6.1): a region below 16M defaults to PAGE_SIZE")
    void smallRegionFallsBackToPageSize() {
        PlatformSpec p = x86("small", List.of(dimm("nmem0", 8 * M, 0)),
                List.of(region("region0", 0x1_0000_0000L, mapping("nmem0", 0, 8 * M))));
        assertEquals(4 * K, boot(p, new Media()).region("region0").orElseThrow().align());
    }

    @Test
    @DisplayName("seed-rules-D §4.5 / region_devs.c align_store: 2-way 64G region, ppc64 64K pages")
    void alignStoreTwoWay() throws NdException {
        Region r = boot(interleaved(Arch.PPC64, 64 * K, 2, 32 * G), new Media()).region("region0").orElseThrow();
        for (long bad : List.of(0x10000L, 0x30000L, 0x2000000000L)) {
            assertEquals(Errno.EINVAL, assertThrows(NdException.class, () -> r.alignStore(bad, dmesg)).errno(),
                    Long.toHexString(bad));
        }
        for (long good : List.of(0x20000L, 0x2000000L, 0x1000000000L)) {
            r.alignStore(good, dmesg);
            assertEquals(good, r.align());
        }
        Region three = boot(interleaved(Arch.PPC64, 64 * K, 3, G), new Media()).region("region0").orElseThrow();
        three.alignStore(0x3000000L, dmesg);
        assertThrows(NdException.class, () -> three.alignStore(0x1000000L, dmesg));
    }

    @Test
    @DisplayName("seed-rules-D §4.3 / namespace_devs.c __size_store: 6-way region, 16G is not 98304K aligned")
    void sizeStoreSixWay() throws NdException {
        Media media = new Media();
        for (int i = 0; i < 6; i++) {
            media.writeLabelIndex("nmem" + i, LabelIndex.initialized(128 * K, 2));
        }
        NvdimmBus bus = boot(interleaved(Arch.X86_64, 0, 6, 4 * G), media);
        Namespace seed = bus.namespace("namespace0.0").orElseThrow();
        bus.namespaceDevs().uuidStore(seed, "u1");
        dmesg.drainLines();
        NdException e = assertThrows(NdException.class, () -> bus.namespaceDevs().sizeStore(seed, 16 * G));
        assertEquals(Errno.EINVAL, e.errno());
        assertEquals(LibnvdimmRules.ALIGN_NS_SIZE, e.rule());
        List<String> log = dmesg.drainLines();
        assertEquals(List.of("nd namespace0.0: 17179869184 is not 98304K aligned", "nd namespace0.0: 400000000 fail (-22)"),
                log);
        bus.namespaceDevs().sizeStore(seed, 170 * 96 * M);
        assertEquals(17112760320L, seed.size);
    }

    @Test
    @DisplayName("seed-rules-D §4.6/§4.7 / dimm_devs.c: busy extents expand outward, free extents trim inward")
    void availableAndExtent() throws NdException {
        PlatformSpec p = x86("p", List.of(dimm("nmem0", 4 * G + 128 * K, 128 * K)),
                List.of(region("region0", 0x1_0000_0000L, mapping("nmem0", 0, 4 * G))));
        NvdimmBus bus = boot(p, new Media());
        Region r = bus.region("region0").orElseThrow();
        Nvdimm d = bus.nvdimm("nmem0").orElseThrow();
        d.allocate("pmem-a", 0, 2 * M);
        d.allocate("pmem-b", 32 * M, 2 * M);
        assertEquals(4261412864L, r.availableDpa(dmesg), "4G - 32M at align 16M");
        assertEquals(4244635648L, r.allocatableDpa(dmesg), "4G - 48M at align 16M");
        r.alignStore(4 * K, dmesg);
        assertEquals(4290772992L, r.availableDpa(dmesg), "4G - 4M at align 4K");
        assertEquals(4259315712L, r.allocatableDpa(dmesg), "4G - 34M at align 4K");
    }
}
