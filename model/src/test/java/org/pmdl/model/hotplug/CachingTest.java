package org.pmdl.model.hotplug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pmdl.model.hotplug.Caching.HotplugArch;
import org.pmdl.model.hotplug.Caching.MemType;
import org.pmdl.model.hotplug.Caching.Op;
import org.pmdl.model.hotplug.Caching.PgmapType;
import org.pmdl.model.hotplug.Caching.Pgprot;
import org.pmdl.model.kernel.Errno;
import org.pmdl.model.libnvdimm.NdException;
import org.pmdl.model.rules.Rule;

/** mhp_params pgprot, per-arch arch_add_memory, P2PDMA caching and WC ordering (seed-rules-B §2.2, §2.3). */
class CachingTest {

    private static List<Rule> rules(List<Handover.Note> notes) {
        return notes.stream().map(Handover.Note::rule).toList();
    }

    /** B-22 / S-11: __add_pages WARN_ON_ONCE(!params->pgprot.pgprot) -> -EINVAL (mm/memory_hotplug.c). */
    @Test
    void zeroPgprot() {
        NdException e = assertThrows(NdException.class,
                () -> Caching.archAddMemory(HotplugArch.X86_64, Pgprot.ZERO, false));
        assertEquals(Errno.EINVAL, e.errno());
        assertEquals(HotplugRules.PGPROT_UNSET, e.rule());
    }

    /**
     * B-23, B-24, B-25 / S-10 (seed 001 L6243-6245, L6598-6616; arch/s390|ia64|sh/mm/init.c arch_add_memory):
     * s390/ia64/sh refuse WC, s390 refuses an altmap even with PAGE_KERNEL; x86_64, arm64, powerpc accept WC.
     */
    @Test
    void archGate() throws NdException {
        for (HotplugArch a : List.of(HotplugArch.S390, HotplugArch.IA64, HotplugArch.SH)) {
            assertEquals(Errno.EINVAL, assertThrows(NdException.class,
                    () -> Caching.archAddMemory(a, Pgprot.WRITECOMBINE, false)).errno(), a.name());
            Caching.archAddMemory(a, Pgprot.PAGE_KERNEL, false);
        }
        assertEquals(Errno.EINVAL, assertThrows(NdException.class,
                () -> Caching.archAddMemory(HotplugArch.S390, Pgprot.PAGE_KERNEL, true)).errno());
        for (HotplugArch a : List.of(HotplugArch.X86_64, HotplugArch.ARM64, HotplugArch.POWERPC, HotplugArch.X86_32)) {
            Caching.archAddMemory(a, Pgprot.WRITECOMBINE, true);
        }
    }

    /** B-29 (mm/memremap.c memremap_pages: MEMORY_DEVICE_PCI_P2PDMA -> pgprot_noncached): UC, not WC. */
    @Test
    void p2pdmaIsUncached() {
        assertEquals(Pgprot.NONCACHED, Caching.memremapPgprot(PgmapType.PCI_P2PDMA));
        assertEquals(Pgprot.PAGE_KERNEL, Caching.memremapPgprot(PgmapType.DEVDAX));
        assertEquals(MemType.UC, Caching.effective(HotplugArch.X86_64, Caching.memremapPgprot(PgmapType.PCI_P2PDMA), false));
    }

    /**
     * B-27, B-28 / S-12, S-13 (seed 001 L6226-6235, L6459-6461): PAGE_KERNEL over a BAR is UC- on x86 when the
     * firmware set an MTRR (works by accident, still flagged), WB without one (machine check); arm64 has no MTRR.
     */
    @Test
    void barMappedPageKernel() {
        assertEquals(MemType.UC_MINUS, Caching.effective(HotplugArch.X86_64, Pgprot.PAGE_KERNEL, true));
        assertEquals(MemType.WB, Caching.effective(HotplugArch.X86_64, Pgprot.PAGE_KERNEL, false));
        assertEquals(MemType.WB, Caching.effective(HotplugArch.ARM64, Pgprot.PAGE_KERNEL, true));
        assertTrue(Caching.checkBar(HotplugArch.X86_64, Pgprot.PAGE_KERNEL, false, false).get(0).message().contains("machine-check"));
        assertTrue(Caching.checkBar(HotplugArch.X86_64, Pgprot.PAGE_KERNEL, true, false).get(0).message().contains("UC-"));
        assertEquals(List.of(HotplugRules.BAR_WB), rules(Caching.checkBar(HotplugArch.ARM64, Pgprot.PAGE_KERNEL, false, false)));
        assertEquals(List.of(), Caching.checkBar(HotplugArch.X86_64, Pgprot.NONCACHED, false, false));
    }

    /** B-36 / S-17 (seed 001 L7558-7562): an altmap inside the BAR is flagged (warning). */
    @Test
    void altmapInBar() {
        assertEquals(List.of(HotplugRules.P2PDMA_ALTMAP), rules(Caching.checkBar(HotplugArch.X86_64, Pgprot.NONCACHED, false, true)));
    }

    /** B-33 / S-14 (seed 001 L7476-7481, L7504-7513): WC data then doorbell needs wmb(); UC does not. */
    @Test
    void wcDoorbell() {
        List<Op> racy = List.of(Op.STORE, Op.DOORBELL);
        assertEquals(List.of(HotplugRules.WC_DOORBELL), rules(Caching.ordering(MemType.WC, racy, true)));
        assertEquals(List.of(), Caching.ordering(MemType.WC, List.of(Op.STORE, Op.WMB, Op.DOORBELL), true));
        assertEquals(List.of(), Caching.ordering(MemType.UC, racy, true));
    }

    /** B-32 / S-15 (seed 001 L7471-7502): lock-protected WC stores carry no device-visible order; UC stores do. */
    @Test
    void wcUnderLock() {
        List<Op> counter = List.of(Op.LOCK, Op.STORE, Op.UNLOCK);
        assertEquals(List.of(HotplugRules.WC_LOCK), rules(Caching.ordering(MemType.WC, counter, true)));
        assertEquals(List.of(), Caching.ordering(MemType.UC, counter, true));
    }

    /** B-35 / S-16 (seed 001 L7553-7556): a CPU atomic on P2PDMA memory is a violation whatever the type. */
    @Test
    void atomicOnP2pdma() {
        for (MemType t : MemType.values()) {
            assertEquals(List.of(HotplugRules.P2PDMA_ATOMIC), rules(Caching.ordering(t, List.of(Op.ATOMIC), true)), t.name());
        }
        assertEquals(List.of(), Caching.ordering(MemType.WB, List.of(Op.ATOMIC), false));
    }
}
