package org.pmdl.model.hotplug;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pmdl.model.libnvdimm.NvdimmBus;
import org.pmdl.model.libnvdimm.PmemResources;
import org.pmdl.model.topology.Arch;
import org.pmdl.model.topology.PlatformSpec;

/**
 * What a kexec'd kernel sees of this kernel's memory (seed-rules-B SM-1, SM-2): kexec_load takes kexec-tools'
 * view (/sys/firmware/memmap for the e820, root "System RAM" of /proc/iomem for placement and kdump);
 * kexec_file_load takes the kernel's own (e820_table_kexec, System RAM resources without the driver-managed
 * flag for placement, every System RAM resource for kdump).
 */
final class Kexec {
    private final MemoryHotplug mhp;
    private final PlatformSpec platform;
    private final List<long[]> bootRam;
    private final Set<String> plugged;
    private final NvdimmBus bus;

    Kexec(MemoryHotplug mhp, PlatformSpec platform, List<long[]> bootRam, Set<String> plugged, NvdimmBus bus) {
        this.mhp = mhp;
        this.platform = platform;
        this.bootRam = bootRam;
        this.plugged = plugged;
        this.bus = bus;
    }

    Handover handover(String method) {
        String syscall = "load".equals(method) ? "kexec_load" : "kexec_file_load";
        Map<String, Object> values = Handover.newValues(syscall);
        List<Handover.Note> notes = new ArrayList<>();
        if (platform.arch() != Arch.X86_64) {
            values.put("next_kernel", "not modelled on " + platform.arch().keyword() + " (no e820 hand-over)");
            return new Handover(syscall, bootRam, Set.copyOf(plugged), values, notes, null);
        }
        List<long[]> next = syscall.equals("kexec_load") ? fromMemmap() : new ArrayList<>(bootRam);
        List<Iomem.Resource> ram = mhp.iomem().all().stream().filter(Iomem.Resource::isSystemRam)
                .filter(r -> (r.flags() & Iomem.BUSY) != 0).toList();
        List<Iomem.Resource> placement;
        List<Iomem.Resource> kdump;
        if (syscall.equals("kexec_load")) {
            // kexec-tools matches root resources named exactly "System RAM" (B-11, B-13, B-16)
            placement = ram.stream().filter(r -> r.parent() == null && r.name().equals("System RAM")).toList();
            kdump = placement;
            ram.stream().filter(r -> !kdump.contains(r)).forEach(r -> notes.add(new Handover.Note(
                    HotplugRules.KDUMP_NESTED_RAM, HotplugRules.KDUMP_NESTED_RAM.message(r.name(),
                            String.format("%#x-%#x", r.start(), r.end())))));
        } else {
            placement = ram.stream().filter(r -> !r.isDriverManaged()).toList();
            kdump = ram;
            mhp.memmap().entries().stream().filter(FirmwareMemmap.Entry::hotplug)
                    .filter(e -> pmemOwner(new long[] {e.start(), e.end()}).isEmpty()).forEach(e -> notes.add(
                    new Handover.Note(HotplugRules.KEXEC_FILE_HOTADD_GAP, HotplugRules.KEXEC_FILE_HOTADD_GAP.message(
                            String.format("%#x-%#x", e.start(), e.end())))));
        }
        placement.stream().filter(r -> pmemOwner(new long[] {r.start(), r.end()}).isPresent()).forEach(r -> notes.add(
                new Handover.Note(HotplugRules.KEXEC_PLACEMENT, HotplugRules.KEXEC_PLACEMENT.message(r.name(),
                        String.format("%#x-%#x", r.start(), r.end())))));
        for (long[] r : next) {
            pmemOwner(r).ifPresent(owner -> notes.add(new Handover.Note(HotplugRules.KEXEC_POLICY_LEAK,
                    HotplugRules.KEXEC_POLICY_LEAK.message(String.format("%#x-%#x", r[0], r[1]), owner, owner))));
        }
        values.put("next_kernel_e820", Handover.e820Lines(next));
        values.put("kexec_placement", show(placement));
        values.put("kdump_ranges", show(kdump));
        values.put("not_handed_over", show(ram.stream().filter(r -> next.stream().noneMatch(n -> n[0] == r.start()))
                .filter(r -> !isBoot(r)).toList()));
        return new Handover(syscall, next, Set.copyOf(plugged), values, notes, syscall.equals("kexec_load")
                ? HotplugRules.KEXEC_LOAD_MEMMAP : HotplugRules.KEXEC_FILE_E820);
    }

    /** kexec-tools' e820 for the next kernel: /sys/firmware/memmap's System RAM entries this model tracks. */
    private List<long[]> fromMemmap() {
        List<long[]> next = new ArrayList<>();
        mhp.memmap().entries().stream().filter(e -> e.type().equals("System RAM"))
                .forEach(e -> next.add(new long[] {e.start(), e.end()}));
        return next;
    }

    private boolean isBoot(Iomem.Resource r) {
        return bootRam.stream().anyMatch(b -> b[0] == r.start() && b[1] == r.end());
    }

    /** The pmem region or dax device a RAM range belongs to, if it is device-owned memory. */
    private java.util.Optional<String> pmemOwner(long[] r) {
        return PmemResources.iomem(bus).stream().filter(c -> c.parent() == null && c.start() <= r[0] && r[1] <= c.end())
                .map(c -> "\"" + c.name() + "\"").findFirst();
    }

    private static List<String> show(List<Iomem.Resource> resources) {
        Set<String> out = new LinkedHashSet<>();
        resources.forEach(r -> out.add(String.format("%08x-%08x : %s", r.start(), r.end(), r.name())));
        return List.copyOf(out);
    }
}
