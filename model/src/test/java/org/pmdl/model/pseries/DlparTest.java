package org.pmdl.model.pseries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pmdl.model.Fixtures.K;
import static org.pmdl.model.Fixtures.run;
import static org.pmdl.model.Fixtures.step;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.pmdl.model.SourceRef;
import org.pmdl.model.engine.ScenarioResult;
import org.pmdl.model.engine.StepResult;
import org.pmdl.model.scenario.Action;
import org.pmdl.model.scenario.Comparison;
import org.pmdl.model.scenario.Condition;
import org.pmdl.model.scenario.Value;
import org.pmdl.model.topology.Arch;
import org.pmdl.model.topology.Cpu;
import org.pmdl.model.topology.Hypervisor;
import org.pmdl.model.topology.LmbRangeSpec;
import org.pmdl.model.topology.LparSpec;
import org.pmdl.model.topology.Mmu;
import org.pmdl.model.topology.PlatformSpec;

/**
 * DLPAR and LPM on a pseries partition: seed-rules-D §4.26 (CPU hot-unplug rejected, seed 002), §4.28 (LMB
 * associativity after LPM, seed 004). Kernel behaviour per hotplug-cpu.c / dlpar.c (dlpar_unisolate_drc, 5.14)
 * and drmem.c (drmem_update_lmbs, 5.15); QEMU's rollback per hw/ppc/spapr_drc.c drc_unisolate_logical.
 */
class DlparTest {
    private static final long LMB = 256L << 20;

    private static PlatformSpec partition(String kernel, Hypervisor hypervisor) {
        LparSpec lpar = new LparSpec(LMB, List.of(new LmbRangeSpec(0, 0, 0, true, 0x80000000L, SourceRef.NONE),
                new LmbRangeSpec(1, 4, 1, true, 0x80000001L, SourceRef.NONE),
                new LmbRangeSpec(5, 8, 1, false, 0x80000005L, SourceRef.NONE)), 1, 2, false, SourceRef.NONE);
        return new PlatformSpec("p", Arch.PPC64, Mmu.RADIX, 64 * K, 0, Cpu.POWER9, kernel, hypervisor, null,
                List.of(), List.of(), lpar, List.of(), SourceRef.NONE);
    }

    private static Action.Expect lmb(long index, String attribute, long value) {
        return new Action.Expect(new Condition.Lmb(index, attribute, Comparison.EQ, Value.of(value)), null);
    }

    private static ScenarioResult hotunplugLastCpu(String kernel, Hypervisor hypervisor) {
        return run(partition(kernel, hypervisor), step(new Action.Dlpar(true, Action.DlparResource.CPU, 1L, null, null)),
                step(new Action.CpuOnline(false, 0)),
                step(new Action.Dlpar(false, Action.DlparResource.CPU, 1L, null, null), "EINVAL"));
    }

    @Test
    @DisplayName("§4.26 on QEMU with 6.1: -EBUSY offlining the last CPU, UNISOLATE, \"hotunplug rejected\" rollback")
    void cpuRemovalRejected() {
        StepResult remove = hotunplugLastCpu("6.1", Hypervisor.QEMU).steps().get(2);
        assertEquals("EINVAL", remove.errno());
        assertEquals(List.of("pseries-hotplug-cpu: Unable to remove last online CPU PowerPC,POWER9",
                "pseries-hotplug-cpu: Failed to offline CPU PowerPC,POWER9, rc: -16",
                "qemu-system-ppc64: Device hotunplug rejected by the guest for device core1"), remove.log());
        assertEquals(List.of("rtas get-sensor-state(9003, 0x10000001) = 0 [state=1]",
                "rtas set-indicator(9001, 0x10000001, 1) = 0"), remove.hcalls());
        assertEquals("", remove.values().get("unplug_pending"));
        assertEquals("0 1", remove.values().get("cores_present"));
    }

    @Test
    @DisplayName("§4.26 before 5.14: no UNISOLATE, so QEMU keeps the unplug pending")
    void noSignalBefore514() {
        StepResult remove = hotunplugLastCpu("5.3", Hypervisor.QEMU).steps().get(2);
        assertEquals(List.of("pseries-hotplug-cpu: Failed to offline CPU PowerPC,POWER9, rc: -16"), remove.log());
        assertEquals(List.of(), remove.hcalls());
        assertEquals("1", remove.values().get("unplug_pending"));
    }

    @Test
    @DisplayName("§4.28 with the fix: LPM's aa_index reaches drmem_info, nid stays, and a DLPAR keeps it in the DT")
    void lpmWithFix() {
        ScenarioResult r = run(partition("6.1", Hypervisor.POWERVM),
                step(new Action.Migrate(List.of(new LmbRangeSpec(1, 4, 3, true, 0x80000001L, SourceRef.NONE)))),
                step(lmb(1, "aa_index", 3)), step(lmb(4, "nid", 1)),
                step(new Action.Dlpar(true, Action.DlparResource.MEMORY, null, 1L, null)),
                step(lmb(1, "dt_aa_index", 3)), step(lmb(5, "flags", LmbTable.DRCONF_MEM_ASSIGNED)));
        r.steps().forEach(s -> assertEquals(List.of(), s.findings(), s.step().action().op()));
    }

    @Test
    @DisplayName("§4.28 without the fix: drmem_info keeps aa 1 and the DLPAR writes it back over the hypervisor's 3")
    void lpmStaleWriteBack() {
        ScenarioResult r = run(partition("5.3", Hypervisor.POWERVM),
                step(new Action.Migrate(List.of(new LmbRangeSpec(1, 4, 3, true, 0x80000001L, SourceRef.NONE)))),
                step(lmb(1, "dt_aa_index", 3)), step(lmb(1, "aa_index", 1)),
                step(new Action.Dlpar(true, Action.DlparResource.MEMORY, null, 1L, null)),
                step(lmb(1, "dt_aa_index", 1)));
        r.steps().forEach(s -> assertEquals(List.of(), s.findings(), s.step().action().op()));
    }

    @Test
    @DisplayName("§4.27: UNISOLATE of a CONFIGURED DRC is RTAS 0 and a no-op; of an AVAILABLE one it unisolates; "
            + "an UNUSABLE DRC has no such indicator (-3)")
    void unisolateIdempotence() {
        long core0 = 0x10000000L;
        long core1 = 0x10000001L;
        ScenarioResult r = run(partition("6.1", Hypervisor.QEMU),
                step(new Action.Rtas("isolation-state", core0, 1)),
                step(new Action.Rtas("isolation-state", core0, 0)),
                step(new Action.Rtas("isolation-state", core0, 1)),
                step(new Action.Rtas(null, core1, 0)),
                step(new Action.Rtas("isolation-state", core1, 1)));
        List<String> states = r.steps().stream().map(s -> (String) s.values().get("drc_state")).toList();
        assertEquals(List.of("configured", "available", "unisolate", "unusable", "unusable"), states);
        assertEquals(List.of(0L, 0L, 0L), r.steps().subList(0, 3).stream().map(s -> s.values().get("rc")).toList());
        assertEquals(2L, r.steps().get(3).values().get("sensor"));  // DR_ENTITY_UNUSABLE
        assertEquals(-3L, r.steps().get(4).values().get("rc"));     // RTAS_OUT_NO_SUCH_INDICATOR
    }

    @Test
    @DisplayName("QEMU completes a pending unplug at machine reset (spapr_drc_reset)")
    void resetCompletesPendingUnplug() {
        ScenarioResult r = run(partition("5.3", Hypervisor.QEMU),
                step(new Action.Dlpar(true, Action.DlparResource.CPU, 1L, null, null)),
                step(new Action.CpuOnline(false, 0)),
                step(new Action.Dlpar(false, Action.DlparResource.CPU, 1L, null, null), "EINVAL"),
                step(new Action.Reboot(null)));
        assertEquals("1", r.steps().get(2).values().get("unplug_pending"));
        assertEquals("0", r.steps().get(3).state().get("lpar").get("cores_present"));
    }
}
