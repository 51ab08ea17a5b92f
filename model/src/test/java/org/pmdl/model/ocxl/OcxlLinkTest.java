package org.pmdl.model.ocxl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pmdl.model.Fixtures.G;
import static org.pmdl.model.ocxl.OcxlFixtures.BASE;
import static org.pmdl.model.ocxl.OcxlFixtures.CCAP0;
import static org.pmdl.model.ocxl.OcxlFixtures.afu;
import static org.pmdl.model.ocxl.OcxlFixtures.card;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.pmdl.model.kernel.Errno;
import org.pmdl.model.libnvdimm.Dmesg;

/**
 * SM-1 and SM-2: the link's LPC window (drivers/misc/ocxl/link.c ocxl_link_add_lpc_mem, ocxl_link_lpc_map,
 * ocxl_link_lpc_release; core.c map_lpc_mem, unmap_lpc_mem, as posted in v4 and quoted in seed 001) and powernv's
 * OPAL calls (arch/powerpc/platforms/powernv/ocxl.c pnv_ocxl_platform_lpc_setup/_release, posted v3 3/27 and v4).
 * Expected values are the catalog's scenarios (seed-rules-C §4.1-§4.7), computed by hand from that code.
 */
class OcxlLinkTest {
    private final Dmesg dmesg = new Dmesg();
    private final Warnings warnings = new Warnings();

    private OcxlLink link(OcxlSpec card) {
        return new OcxlLink(card, new Powernv(card, dmesg, warnings, "ocxl card0"), dmesg, warnings);
    }

    private static OcxlSpec twoAfus() {
        return card(afu("afu0", 0, 4 * G), afu("afu1", 4 * G, 2 * G));
    }

    @Test
    @DisplayName("C-01, C-05, C-07, C-09 (seed 001 L4930-4939, L4999-5028, L4636-4651): one 6G window, two consumers")
    void twoAfusOrdered() throws OcxlError {
        OcxlLink link = link(twoAfus());
        link.configure(link.afu("afu0"));
        link.configure(link.afu("afu1"));
        assertEquals(6 * G, link.values().get("lpc_mem_sz"));
        link.map(link.afu("afu0"));
        assertEquals(BASE, link.afu("afu0").lpcResStart);                       // base + lpc_mem_offset
        assertEquals(BASE + 4 * G - 1, OcxlLink.values(link.afu("afu0")).get("lpc_res_end"));
        assertEquals(1L, link.values().get("lpc_consumers"));
        assertEquals(1L, link.values().get("opal_allocs"));
        link.map(link.afu("afu1"));
        assertEquals(BASE + 4 * G, link.afu("afu1").lpcResStart);
        assertEquals(2L, link.values().get("lpc_consumers"));
        assertEquals(1L, link.values().get("opal_allocs"));                      // the window is reused
        link.release(link.afu("afu0"));
        assertEquals(1L, link.values().get("lpc_consumers"));
        assertEquals(0L, link.values().get("opal_releases"));
        link.release(link.afu("afu1"));
        assertEquals(1L, link.values().get("opal_releases"));
        assertEquals(0L, link.lpcMem());
    }

    @Test
    @DisplayName("C-01 (seed 001 L4930-4939, §5.4): the size is a high-water mark: 8G and 2G at offset 0 give 8G")
    void highWaterNotSum() throws OcxlError {
        OcxlLink link = link(card(afu("afu0", 0, 8 * G), afu("afu1", 0, 2 * G)));
        link.configure(link.afu("afu0"));
        link.configure(link.afu("afu1"));
        assertEquals(8 * G, link.values().get("lpc_mem_sz"));
    }

    @Test
    @DisplayName("C-02 (seed 001 L4937-4947): offset 0xFFFF_FFFF_FFFF_F000 + 0x2000 wraps: -EINVAL, AFU unconfigured")
    void wrap() {
        OcxlLink link = link(card(afu("afu0", 0xFFFF_FFFF_FFFF_F000L, 0x2000)));
        OcxlError e = assertThrows(OcxlError.class, () -> link.configure(link.afu("afu0")));
        assertEquals(Errno.EINVAL, e.errno);
        assertFalse(link.afu("afu0").configured);
        assertEquals(0L, link.values().get("lpc_mem_sz"));
    }

    @Test
    @DisplayName("C-03 (seed 001 L4628-4630): an AFU without memory maps to nothing: no OPAL call, no consumer")
    void emptyAfu() throws OcxlError {
        OcxlLink link = link(card(afu("afu0", 0, 0)));
        link.configure(link.afu("afu0"));
        link.map(link.afu("afu0"));
        assertEquals(0L, link.values().get("opal_allocs"));
        assertEquals(0L, link.values().get("lpc_consumers"));
    }

    @Test
    @DisplayName("C-04 (seed 001 L4721-4728): memory added after the first map lies outside the 4G window")
    void mapBeforeAllRegistered() throws OcxlError {
        OcxlLink link = link(twoAfus());
        link.configure(link.afu("afu0"));
        link.map(link.afu("afu0"));
        link.configure(link.afu("afu1"));
        assertEquals(4 * G, link.values().get("window_size"));
        assertEquals(6 * G, link.values().get("lpc_mem_sz"));
        assertEquals(List.of(OcxlRules.LPC_MAP_ORDER), warnings.drain().stream().map(Warnings.Warning::rule).toList());
    }

    @Test
    @DisplayName("C-06, C-08, C-13 (seed 001 L4632-4634, L5018-5021, L5221-5226): OPAL rc -1: warning, -EINVAL, "
            + "no consumer; the later release is a no-op without OPAL")
    void opalAllocFails() throws OcxlError {
        OcxlLink link = link(card(BASE, -1, OcxlSpec.MAX_PHYSMEM_BITS, CCAP0, afu("afu0", 0, 4 * G)));
        link.configure(link.afu("afu0"));
        OcxlError e = assertThrows(OcxlError.class, () -> link.map(link.afu("afu0")));
        assertEquals(Errno.EINVAL, e.errno);
        assertEquals(OcxlRules.LPC_MAP_FAILED, e.rule);
        assertEquals(List.of("ocxl card0: OPAL could not allocate LPC memory, rc=-1"), dmesg.drainLines());
        assertEquals(0L, link.values().get("lpc_consumers"));
        link.release(link.afu("afu0"));
        assertEquals(0L, link.values().get("opal_releases"));
        assertTrue(warnings.drain().isEmpty()); // no WARN_ON
    }

    @Test
    @DisplayName("C-14, C-15, C-19 (seed 001 L5230-5237, L5331; [ext] check_hotplug_memory_addressable): base "
            + "2^51 - 1G, 2G: max_addr 2^51 + 1G - 1 needs 52 bits: WARN, setup returns 0, the window leaks")
    void beyondMaxPhysmemBits() throws OcxlError {
        OcxlLink link = link(card((1L << 51) - G, 0, 51, CCAP0, afu("afu0", 0, 2 * G)));
        link.configure(link.afu("afu0"));
        OcxlError e = assertThrows(OcxlError.class, () -> link.map(link.afu("afu0")));
        assertEquals(Errno.EINVAL, e.errno);
        assertEquals(List.of("WARNING: Hotplugged memory exceeds maximum addressable address, "
                + "range=0x7ffffc0000000-0x800003fffffff, maximum=0xfffffffffffff"), dmesg.drainLines());
        assertEquals(1L, link.values().get("leaked_windows"));
        assertEquals(List.of(OcxlRules.OPAL_WINDOW_LEAK), warnings.drain().stream().map(Warnings.Warning::rule).toList());
        link.release(link.afu("afu0"));
        assertEquals(0L, link.values().get("opal_releases")); // C-19: nobody releases it
    }

    @Test
    @DisplayName("C-15: the last byte at exactly 2^51 - 1 is addressable")
    void lastAddressableByte() throws OcxlError {
        OcxlLink link = link(card((1L << 51) - 2 * G, 0, 51, CCAP0, afu("afu0", 0, 2 * G)));
        link.configure(link.afu("afu0"));
        link.map(link.afu("afu0"));
        assertEquals((1L << 51) - 2 * G, link.lpcMem());
    }

    @Test
    @DisplayName("C-12, C-18 (seed 001 L5256-5260, L5371-5386): tokens 171/172; a release rc only warns")
    void opalReleaseWarns() throws OcxlError {
        assertEquals(171, Powernv.OPAL_NPU_MEM_ALLOC);
        assertEquals(172, Powernv.OPAL_NPU_MEM_RELEASE);
        OcxlSpec spec = new OcxlSpec("card0", 0, 0x100, List.of(afu("afu0", 0, 4 * G)), BASE, 0, -6, 51, CCAP0,
                OcxlSpec.SECTION_SIZE, org.pmdl.model.SourceRef.NONE);
        OcxlLink link = link(spec);
        link.configure(link.afu("afu0"));
        link.map(link.afu("afu0"));
        link.release(link.afu("afu0"));
        assertEquals(List.of("ocxl card0: OPAL reported rc=-6 when releasing LPC memory"), dmesg.drainLines());
        assertEquals(0L, link.lpcMem());
    }
}
