package org.pmdl.model.hotplug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pmdl.model.Fixtures.last;
import static org.pmdl.model.Fixtures.run;
import static org.pmdl.model.Fixtures.step;
import static org.pmdl.model.hotplug.HotplugFixtures.devdax;
import static org.pmdl.model.hotplug.HotplugFixtures.qemu;
import static org.pmdl.model.hotplug.HotplugFixtures.systemRam;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pmdl.model.Fixtures;
import org.pmdl.model.engine.ScenarioResult;
import org.pmdl.model.engine.StepResult;
import org.pmdl.model.rules.Rule;
import org.pmdl.model.scenario.Action;

/** What a kexec'd (or rebooted) kernel gets: seed-rules-B SM-1, SM-2 and scenarios S-01 .. S-05. */
class KexecHandoverTest {

    private static boolean cites(StepResult r, Rule rule) {
        return r.findings().stream().anyMatch(f -> f.rule() == rule);
    }

    private static StepResult kexecAfterKmem(String kernel, String method) {
        ScenarioResult r = run(qemu(kernel, null), devdax(step(systemRam(false, false)), step(new Action.Kexec(method))));
        return last(r);
    }

    /**
     * S-01 (B-02, B-06a, B-07, B-11): kexec_load after kmem onlined driver-managed memory: /sys/firmware/memmap
     * has no entry for it, so the next kernel's e820 does not get it and no policy leaks.
     */
    @Test
    void kexecLoadAfterDriverManagedKmem() {
        StepResult k = kexecAfterKmem("6.1", "load");
        assertEquals("kexec_load", k.values().get("kexec"));
        assertEquals(List.of(), k.values().get("next_kernel_e820"));
        assertFalse(cites(k, HotplugRules.KEXEC_POLICY_LEAK));
        assertEquals(List.of("108000000-13fffffff : System RAM (kmem)"), k.values().get("not_handed_over"));
    }

    /**
     * S-02 (B-01, B-07): the same with kmem's old add_memory() (5.3 profile): the hotplug memmap entry makes
     * kexec-tools hand the dax range to the next kernel as boot RAM, which a reboot would not: a policy leak.
     */
    @Test
    void kexecLoadLeaksLegacyKmem() {
        StepResult k = kexecAfterKmem("5.3", "load");
        assertEquals(List.of("BIOS-e820: [mem 0x0000000108000000-0x000000013fffffff] usable"),
                k.values().get("next_kernel_e820"));
        assertTrue(cites(k, HotplugRules.KEXEC_POLICY_LEAK));
    }

    /** S-03 (B-12): kexec_file_load hands over e820_table_kexec: the dax range is absent with or without the flag. */
    @Test
    void kexecFileLoadNeverHandsOverKmem() {
        for (String kernel : List.of("6.1", "5.3")) {
            StepResult k = kexecAfterKmem(kernel, "file-load");
            assertEquals("kexec_file_load", k.values().get("kexec"));
            assertEquals(List.of(), k.values().get("next_kernel_e820"), kernel);
            assertFalse(cites(k, HotplugRules.KEXEC_POLICY_LEAK), kernel);
        }
    }

    /**
     * B-06b/B-14 (kernel/kexec_file.c locate_mem_hole_callback skips IORESOURCE_SYSRAM_DRIVER_MANAGED) and B-06c
     * (arch/x86/kernel/crash.c walks every System RAM resource for kdump): kmem memory is no placement target
     * but is dumped; legacy unflagged "System RAM" under dax0.0 is a placement target (KEXEC-PLACEMENT).
     */
    @Test
    void kexecFilePlacementAndKdump() {
        StepResult k = kexecAfterKmem("6.1", "file-load");
        assertEquals(List.of(), k.values().get("kexec_placement"));
        assertEquals(List.of("108000000-13fffffff : System RAM (kmem)"), k.values().get("kdump_ranges"));
        StepResult legacy = kexecAfterKmem("5.3", "file-load");
        assertEquals(List.of("108000000-13fffffff : System RAM"), legacy.values().get("kexec_placement"));
        assertTrue(cites(legacy, HotplugRules.KEXEC_PLACEMENT));
    }

    /**
     * S-04 (B-13, B-16): kexec-tools only takes root resources named "System RAM": dax kmem memory nested under
     * dax0.0 would not be dumped by kdump: a warning, not an error.
     */
    @Test
    void kdumpGapWithKexecTools() {
        StepResult k = kexecAfterKmem("6.1", "load");
        assertEquals(List.of(), k.values().get("kdump_ranges"));
        assertTrue(cites(k, HotplugRules.KDUMP_NESTED_RAM));
        assertEquals(org.pmdl.model.rules.Severity.WARNING, HotplugRules.KDUMP_NESTED_RAM.severity());
    }

    /** B-07: after kexec or reboot the range is the device's again: the namespace is devdax, dax0.0 not RAM. */
    @Test
    void rebootGivesTheRangeBack() {
        for (Action restart : List.<Action>of(new Action.Kexec("load"), new Action.Reboot(null))) {
            ScenarioResult r = run(qemu(), devdax(step(systemRam(false, false)), step(restart),
                    step(Fixtures.expect("ns0", "dax_mode", "devdax"))));
            assertTrue(last(r).expectation().met(), restart.op());
        }
    }

    private static ScenarioResult dimmThen(Action restart) {
        return run(qemu(), step(new Action.AddMemory("dimm1", null)), step(restart),
                step(Fixtures.expect("dimm1", "resource", "System RAM")));
    }

    /**
     * S-05 (B-08, B-11, B-12): a hot-added ACPI DIMM is in the next kernel's memory after kexec_load (memmap
     * entry) and after a cold reboot (e820), but not after kexec_file_load (KEXEC-FILE-HOTADD-GAP warning).
     */
    @Test
    void hotAddedDimmAcrossRestarts() {
        ScenarioResult load = dimmThen(new Action.Kexec("load"));
        assertEquals(List.of("BIOS-e820: [mem 0x0000000400000000-0x000000043fffffff] usable"),
                load.steps().get(1).values().get("next_kernel_e820"));
        assertTrue(last(load).expectation().met());
        ScenarioResult file = dimmThen(new Action.Kexec("file-load"));
        assertEquals(List.of(), file.steps().get(1).values().get("next_kernel_e820"));
        assertTrue(cites(file.steps().get(1), HotplugRules.KEXEC_FILE_HOTADD_GAP));
        assertFalse(last(file).expectation().met());
        assertTrue(last(dimmThen(new Action.Reboot(null))).expectation().met());
    }

    /**
     * B-06a: driver-managed (virtio-mem-like) memory is never in the next kernel's e820, by either syscall. B-16:
     * kexec-tools matches "System RAM" exactly, so a root "System RAM (virtio_mem)" is not in its kdump ranges
     * either, while kexec_file_load's crash.c walk (by flag, not name) has it.
     */
    @Test
    void driverManagedNeverHandedOver() {
        for (String method : List.of("load", "file-load")) {
            ScenarioResult r = run(qemu(), step(new Action.AddMemory("vmem0", "System RAM (virtio_mem)")),
                    step(new Action.Kexec(method)));
            assertEquals(List.of(), last(r).values().get("next_kernel_e820"), method);
            assertEquals(List.of(), last(r).values().get("kexec_placement"), method);
            assertEquals(method.equals("load") ? List.of() : List.of("600000000-63fffffff : System RAM (virtio_mem)"),
                    last(r).values().get("kdump_ranges"), method);
            assertEquals(method.equals("load"), cites(last(r), HotplugRules.KDUMP_NESTED_RAM), method);
        }
    }

    /** Removing a range that was never added is a model-level finding, not a kernel errno. */
    @Test
    void removeOfUnaddedMemory() {
        StepResult r = last(run(qemu(), step(new Action.RemoveMemory("dimm1"))));
        assertEquals(null, r.errno());
        assertTrue(cites(r, org.pmdl.model.rules.Rules.NAME_UNRESOLVED));
    }
}
