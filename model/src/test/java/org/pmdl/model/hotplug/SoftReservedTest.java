package org.pmdl.model.hotplug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pmdl.model.Fixtures.last;
import static org.pmdl.model.Fixtures.run;
import static org.pmdl.model.Fixtures.step;
import static org.pmdl.model.hotplug.HotplugFixtures.efiSp;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pmdl.model.engine.ScenarioResult;
import org.pmdl.model.engine.StepResult;
import org.pmdl.model.scenario.Action;

/**
 * EFI Conventional Memory with EFI_MEMORY_SP (seed-rules-B B-19, scenario S-25), as Debian's 6.1.192 boots it:
 * drivers/firmware/efi/libstub/x86-stub.c setup_e820 and arch/x86/platform/efi/efi.c do_add_efi_memmap pick
 * E820_TYPE_SOFT_RESERVED when efi_soft_reserve_enabled() (CONFIG_EFI_SOFT_RESERVE=y in Debian's config, no
 * efi=nosoftreserve), else E820_TYPE_RAM; arch/x86/kernel/e820.c names it "Soft Reserved" and leaves it
 * not busy (do_mark_busy); drivers/dax/hmem/device.c registers an hmem dax device over it.
 */
class SoftReservedTest {
    private static final Action ADD_DIMM = new Action.AddMemory("dimm1", null);

    private static StepResult after(boolean softReserve, Action... actions) {
        ScenarioResult r = run(efiSp(softReserve), java.util.Arrays.stream(actions).map(a -> step(a))
                .toArray(org.pmdl.model.scenario.ScenarioStep[]::new));
        return last(r);
    }

    private static Map<String, Object> hbm(StepResult r) {
        return r.state().get("hbm0");
    }

    /** S-25 (a): soft-reserve, the default: "Soft Reserved" with hmem's dax0.0 in it, not RAM. */
    @Test
    void softReservedByDefault() {
        StepResult r = after(true, ADD_DIMM);
        List<?> iomem = (List<?>) r.values().get("iomem");
        assertEquals(List.of("400000000-43fffffff : System RAM", "880000000-a7fffffff : Soft Reserved",
                "  880000000-a7fffffff : dax0.0"), iomem);
        assertTrue(((List<?>) r.values().get("firmware_memmap")).contains("0x880000000-0xa7fffffff Soft Reserved"));
        assertTrue(r.log().contains("BIOS-e820: [mem 0x0000000880000000-0x0000000a7fffffff] soft reserved"), r.log().toString());
        assertEquals("Soft Reserved", hbm(r).get("resource"));
        assertEquals("absent", hbm(r).get("state"));
        assertEquals("devdax", hbm(r).get("dax_mode"));
    }

    /**
     * S-25 (a) continued: daxctl reconfigure-device of the hmem device hands it to kmem (drivers/dax/kmem.c):
     * driver-managed "System RAM (kmem)" under dax0.0 under "Soft Reserved", no hotplug memmap entry, online
     * movable as daxctl does it (daxctl/device.c).
     */
    @Test
    void softReservedToKmem() {
        StepResult r = after(true, new Action.Daxctl("reconfigure-device", "hbm0", "system-ram", false, false, false));
        assertTrue(r.ok(), r.findings().toString());
        assertEquals(List.of("880000000-a7fffffff : Soft Reserved", "  880000000-a7fffffff : dax0.0",
                "    880000000-a7fffffff : System RAM (kmem)"), r.values().get("iomem"));
        assertEquals(List.of("0x880000000-0xa7fffffff Soft Reserved"), r.values().get("firmware_memmap"));
        assertEquals("System RAM (kmem)", hbm(r).get("resource"));
        assertEquals(true, hbm(r).get("driver_managed"));
        assertEquals("online_movable", hbm(r).get("state"));
        assertEquals(64L, hbm(r).get("online_memblocks"));
    }

    /** S-25 (b): efi=nosoftreserve: usable e820 memory, boot "System RAM" with a memmap entry; no dax device. */
    @Test
    void systemRamWithNoSoftReserve() {
        StepResult r = after(false, ADD_DIMM);
        assertTrue(((List<?>) r.values().get("iomem")).contains("880000000-a7fffffff : System RAM"));
        assertTrue(((List<?>) r.values().get("firmware_memmap")).contains("0x880000000-0xa7fffffff System RAM"));
        assertTrue(r.log().contains("BIOS-e820: [mem 0x0000000880000000-0x0000000a7fffffff] usable"), r.log().toString());
        assertEquals("online", hbm(r).get("state"));
        assertEquals("usable", hbm(r).get("e820_type"));
        StepResult dax = after(false, new Action.Daxctl("reconfigure-device", "hbm0", "system-ram", false, false, false));
        assertEquals("ENXIO", dax.errno());
    }

    /** kexec_load hands the System RAM back through /sys/firmware/memmap; the next kernel has it once. */
    @Test
    void systemRamSurvivesKexecLoadOnce() {
        StepResult r = after(false, new Action.Kexec("load"), ADD_DIMM);
        assertEquals(1L, ((List<?>) r.values().get("iomem")).stream()
                .filter(l -> l.equals("880000000-a7fffffff : System RAM")).count());
    }
}
