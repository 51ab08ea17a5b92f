package org.pmdl.model.hotplug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pmdl.model.Fixtures.last;
import static org.pmdl.model.Fixtures.run;
import static org.pmdl.model.Fixtures.step;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pmdl.model.Fixtures;
import org.pmdl.model.SourceRef;
import org.pmdl.model.engine.ScenarioResult;
import org.pmdl.model.engine.StepResult;
import org.pmdl.model.scenario.Action;
import org.pmdl.model.topology.BarSpec;
import org.pmdl.model.topology.HotplugSpec;
import org.pmdl.model.topology.PlatformSpec;

/** memremap and access steps through the engine (seed-rules-B SM-4, SM-5). */
class P2pdmaScenarioTest {
    private static PlatformSpec x86(boolean mtrr) {
        PlatformSpec p = Fixtures.x86("cmb", List.of(), List.of());
        return new PlatformSpec(p.name(), p.arch(), p.mmu(), p.pageSize(), p.linearPageSize(), p.cpu(), p.kernel(),
                p.hypervisor(), p.persistence(), p.nvdimms(), p.regions(), p.lpar(), p.scms(), false, p.source(), List.of(),
                new HotplugSpec(0, null, List.of(), List.of(new BarSpec("cmb0", 0xfe0000000L, 64L << 20, mtrr,
                        SourceRef.NONE))));
    }

    /** B-29 (mm/memremap.c): a P2PDMA pagemap is mapped UC; the step cites P2PDMA-UC. */
    @Test
    void p2pdmaMemremapIsUncached() {
        StepResult r = last(run(x86(false), step(new Action.Memremap("cmb0", true, null, false))));
        assertEquals("UC", r.values().get("memtype"));
        assertEquals(HotplugRules.P2PDMA_UC, r.applied().get(0));
    }

    /** B-27 / S-12: PAGE_KERNEL over the BAR is UC- under an MTRR, WB (with a BAR-MAPPED-WB warning) without. */
    @Test
    void pageKernelOverBar() {
        assertEquals("UC-", last(run(x86(true), step(new Action.Memremap("cmb0", false, "page-kernel", false))))
                .values().get("memtype"));
        StepResult wb = last(run(x86(false), step(new Action.Memremap("cmb0", false, "page-kernel", false))));
        assertEquals("WB", wb.values().get("memtype"));
        assertTrue(wb.findings().stream().anyMatch(f -> f.rule() == HotplugRules.BAR_WB));
    }

    /** B-33 / S-14 through the engine: the warning lands on the access step; an access before memremap is an error. */
    @Test
    void accessFindings() {
        ScenarioResult r = run(x86(false), step(new Action.Memremap("cmb0", true, "wc", false)),
                step(new Action.MmioAccess("cmb0", List.of("store", "doorbell"))));
        assertEquals("WC-DOORBELL-ORDER", last(r).values().get("hazard"));
        assertTrue(last(r).findings().stream().anyMatch(f -> f.rule() == HotplugRules.WC_DOORBELL));
        StepResult early = last(run(x86(false), step(new Action.MmioAccess("cmb0", List.of("store")))));
        assertTrue(early.findings().stream().anyMatch(f -> f.rule() == HotplugRules.BAR_NOT_MAPPED));
    }
}
