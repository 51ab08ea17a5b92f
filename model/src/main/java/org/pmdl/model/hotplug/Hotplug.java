package org.pmdl.model.hotplug;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pmdl.model.SourceRef;
import org.pmdl.model.kernel.Distro;
import org.pmdl.model.kernel.Errno;
import org.pmdl.model.kernel.KernelProfile;
import org.pmdl.model.libnvdimm.Dmesg;
import org.pmdl.model.libnvdimm.NdException;
import org.pmdl.model.libnvdimm.NvdimmBus;
import org.pmdl.model.libnvdimm.PmemResources.DevDax;
import org.pmdl.model.libnvdimm.PmemResources;
import org.pmdl.model.rules.Finding;
import org.pmdl.model.rules.Rule;
import org.pmdl.model.rules.Unresolved;
import org.pmdl.model.scenario.Action;
import org.pmdl.model.topology.Arch;
import org.pmdl.model.topology.BarSpec;
import org.pmdl.model.topology.HotplugSpec;
import org.pmdl.model.topology.MemorySpec;
import org.pmdl.model.topology.PlatformSpec;

/**
 * The memory-hotplug side of one booted kernel: hot-pluggable ranges, dax kmem over libnvdimm's devdax
 * namespaces, and what a reboot or kexec hands to the next kernel. The engine makes one per boot.
 */
public final class Hotplug {
    /** x86 MIN_MEMORY_BLOCK_SIZE (128M): probe_memory_block_size() below 64G of boot memory. */
    static final long X86_BLOCK_SIZE = 128L << 20;
    /** ppc64 without an lpar: 256M, pseries_memory_block_size()'s fallback (MIN_MEMORY_BLOCK_SIZE is 16M). */
    static final long PPC64_BLOCK_SIZE = 256L << 20;

    /** What a step did: the engine turns it into a StepResult. */
    public record Outcome(boolean ok, String errno, Map<String, Object> values, Rule decisive, List<Handover.Note> notes) {
    }

    private final PlatformSpec platform;
    private final NvdimmBus bus;
    private final MemoryHotplug mhp;
    private final DaxKmem kmem;
    private final Daxctl daxctl;
    private final P2pdma p2p;
    /** Boot RAM beyond the platform's own, from the previous kernel (inclusive ranges). */
    private final List<long[]> bootRam;
    /** DIMMs plugged (by add_memory), across boots. */
    private final Set<String> plugged;
    /** Memory devices added driver-managed in this boot. */
    private final Set<String> driverManaged = new LinkedHashSet<>();
    /** EFI_MEMORY_SP memory as booted: Soft Reserved with an hmem dax device, or System RAM. */
    private final SoftReserved softReserved;
    /** virtio-mem devices, probed at boot. */
    private final Map<String, VirtioMem> virtioMems = new LinkedHashMap<>();
    /** The namespace and dax-device claims last copied from libnvdimm. */
    private final List<Iomem.Resource> nsClaims = new ArrayList<>();

    public Hotplug(PlatformSpec platform, KernelProfile kernel, Distro distro, NvdimmBus bus, Dmesg dmesg,
            Handover previous) {
        this.platform = platform;
        this.bus = bus;
        HotplugSpec spec = platform.hotplug();
        // memhp_default_state= overrides the configuration's default, as setup_memhp_default_state() does
        String state = spec.defaultState() != null ? spec.defaultState() : distro.memhpDefaultState();
        OnlineType online = OnlineType.of(state).orElse(OnlineType.OFFLINE);
        this.mhp = new MemoryHotplug(blockSize(platform), platform.arch() == Arch.X86_64, online, dmesg);
        this.kmem = new DaxKmem(mhp, kernel);
        this.daxctl = new Daxctl(mhp, kmem);
        this.p2p = new P2pdma(platform.arch());
        this.bootRam = previous.bootRam();
        this.plugged = new LinkedHashSet<>(previous.plugged());
        this.softReserved = new SoftReserved(spec.memories(), spec.efiSoftReserve(), mhp, dmesg);
        for (long[] r : bootRam) {
            if (mhp.iomem().find("System RAM", r[0], r[1]).isPresent()) {
                continue; // the platform's own EFI_MEMORY_SP System RAM, which kexec_load handed back
            }
            dmesg.kernel(Handover.e820Line(r[0], r[1]));
            mhp.bootRam(r[0], r[1]);
        }
        for (PmemResources.Claim c : PmemResources.iomem(bus)) {
            if (c.parent() == null) {
                mhp.iomem().request(c.name(), c.start(), c.end(), 0); // insert_resource: not busy
            }
        }
        spec.virtioMems().forEach(v -> virtioMems.put(v.name(), new VirtioMem(v, mhp, dmesg)));
    }

    /** memory_block_size_bytes(): the platform's memory-block-size, else the architecture's. */
    static long blockSize(PlatformSpec p) {
        if (p.hotplug().blockSize() != 0) {
            return p.hotplug().blockSize();
        }
        if (p.arch() == Arch.PPC64) {
            return p.lpar() != null && p.lpar().lmbSize() != 0 ? p.lpar().lmbSize() : PPC64_BLOCK_SIZE;
        }
        return X86_BLOCK_SIZE;
    }

    public MemoryHotplug memory() {
        syncClaims();
        return mhp;
    }

    /** Re-reads the namespace and dax claims from libnvdimm (namespaces change between hotplug steps). */
    private void syncClaims() {
        nsClaims.forEach(mhp.iomem()::release);
        nsClaims.clear();
        for (PmemResources.Claim c : PmemResources.iomem(bus)) {
            if (c.parent() != null && !kmem.isSystemRam(c.name())) {
                mhp.iomem().request(c.name(), c.start(), c.end(), Iomem.BUSY).ifPresent(nsClaims::add);
            }
        }
    }

    public Outcome perform(Action.Hotplug action) {
        syncClaims();
        try {
            Map<String, Object> values = new LinkedHashMap<>();
            if (action instanceof Action.Memremap m) {
                List<Handover.Note> notes = p2p.memremap(bar(m.bar()), m);
                Rule decisive = m.p2pdma() && m.pgprot() == null ? HotplugRules.P2PDMA_UC : null;
                return new Outcome(true, null, p2p.values(bar(m.bar())), decisive, notes);
            } else if (action instanceof Action.MmioAccess a) {
                List<Handover.Note> notes = p2p.access(bar(a.bar()), a.ops());
                return new Outcome(true, null, p2p.values(bar(a.bar())), null, notes);
            } else if (action instanceof Action.VirtioMem a) {
                VirtioMem vm = virtioMem(a.device());
                List<Handover.Note> notes = List.of();
                if (a.command().equals("requested-size")) {
                    vm.requestSize(a.value());
                } else {
                    notes = vm.access(a.command(), a.value());
                }
                syncClaims();
                values.putAll(vm.values());
                values.putAll(mhp.values());
                return new Outcome(true, null, values, null, notes);
            } else if (action instanceof Action.AddMemory a) {
                MemorySpec m = memorySpec(a.memory());
                if (a.resourceName() == null) {
                    mhp.addMemory(m.node(), m.base(), m.size());
                    plugged.add(m.name());
                } else {
                    mhp.addMemoryDriverManaged(m.node(), m.base(), m.size(), a.resourceName());
                    driverManaged.add(m.name());
                }
            } else if (action instanceof Action.RemoveMemory a) {
                MemorySpec m = memorySpec(a.memory());
                if (mhp.presentBlocks(m.base(), m.size()) == 0) {
                    throw unresolved("memory " + m.name(), "is not added now");
                }
                mhp.removeMemory(m.base(), m.size());
                plugged.remove(m.name());
                driverManaged.remove(m.name());
            } else if (action instanceof Action.MemoryState a) {
                mhp.setState(a.block(), OnlineType.of(a.state()).orElseThrow());
            } else {
                daxctl((Action.Daxctl) action, values);
            }
            syncClaims();
            values.putAll(mhp.values());
            return new Outcome(true, null, values, null, List.of());
        } catch (NdException e) {
            syncClaims();
            return new Outcome(false, e.errno() == null ? null : e.errno().name(), mhp.values(), e.rule(),
                    e.errno() == null ? List.of(new Handover.Note(e.rule(), e.getMessage())) : List.of());
        }
    }

    private void daxctl(Action.Daxctl a, Map<String, Object> values) throws NdException {
        DevDax dax = PmemResources.devDax(bus, a.namespace()).or(() -> softReserved.devDax(a.namespace()))
                .orElseThrow(() -> new NdException(Errno.ENXIO, HotplugRules.DAXCTL_NO_DEVICE, a.namespace()
                        + " is not an enabled devdax namespace or soft-reserved memory"));
        daxctl.run(a, dax);
        values.putAll(daxctl.list(dax));
    }

    private MemorySpec memorySpec(String name) throws NdException {
        return platform.hotplug().memories().stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> unresolved("memory " + name, "is not declared on " + platform.name()));
    }

    private VirtioMem virtioMem(String name) throws NdException {
        VirtioMem vm = virtioMems.get(name);
        if (vm == null) {
            throw unresolved("virtio-mem " + name, "is not declared on " + platform.name());
        }
        return vm;
    }

    private BarSpec bar(String name) throws NdException {
        return platform.hotplug().bars().stream().filter(b -> b.name().equals(name)).findFirst()
                .orElseThrow(() -> unresolved("bar " + name, "is not declared on " + platform.name()));
    }

    /** A name the step reaches that the platform does not have (now): no errno, a finding. */
    private static NdException unresolved(String what, String problem) {
        Finding f = Unresolved.finding(what, problem, SourceRef.NONE);
        return new NdException(null, f.rule(), f.message());
    }

    /** Readable attributes: a memory device's, a BAR's, or a devdax namespace's dax device. */
    public Optional<Map<String, Object>> values(String name) {
        Optional<MemorySpec> m = platform.hotplug().memories().stream().filter(s -> s.name().equals(name)).findFirst();
        if (m.isPresent()) {
            return Optional.of(memoryValues(m.get()));
        }
        Optional<BarSpec> bar = platform.hotplug().bars().stream().filter(b -> b.name().equals(name)).findFirst();
        if (bar.isPresent()) {
            return Optional.of(p2p.values(bar.get()));
        }
        if (virtioMems.containsKey(name)) {
            return Optional.of(virtioMems.get(name).values());
        }
        return PmemResources.devDax(bus, name).map(daxctl::list);
    }

    private Map<String, Object> memoryValues(MemorySpec m) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("start", m.base());
        v.put("size", m.size());
        v.put("node", (long) m.node());
        Optional<Iomem.Resource> res = mhp.iomem().all().stream()
                .filter(r -> r.isSystemRam() && (r.flags() & Iomem.BUSY) != 0 && r.start() == m.base()
                        && r.end() == m.base() + m.size() - 1).findFirst();
        v.put("resource", res.or(() -> mhp.iomem().find("Soft Reserved", m.base(), m.base() + m.size() - 1))
                .map(Iomem.Resource::name).orElse(""));
        v.put("driver_managed", res.map(Iomem.Resource::isDriverManaged).orElse(false));
        v.put("firmware_memmap", mhp.hasFirmwareMemmap() && mhp.memmap().covers(m.base(), m.base() + m.size() - 1));
        v.put("state", mhp.state(m.base(), m.size()));
        v.put("online_blocks", mhp.onlineBlocks(m.base(), m.size()));
        v.put("blocks", mhp.presentBlocks(m.base(), m.size()));
        if (m.efiSp()) {
            v.put("e820_type", platform.hotplug().efiSoftReserve() ? "soft reserved" : "usable");
            softReserved.devDax(m.name()).ifPresent(dax -> v.putAll(daxctl.list(dax)));
        }
        return v;
    }

    /** Every memory device's attributes, for the report's state. */
    public Map<String, Map<String, Object>> state() {
        Map<String, Map<String, Object>> state = new LinkedHashMap<>();
        platform.hotplug().memories().forEach(m -> state.put(m.name(), memoryValues(m)));
        platform.hotplug().bars().forEach(b -> state.put(b.name(), p2p.values(b)));
        virtioMems.forEach((name, vm) -> state.put(name, vm.values()));
        return state;
    }

    /** A cold reboot (or power cycle): the firmware reports plugged DIMMs as RAM (B-08); nothing else carries. */
    public Handover reboot() {
        List<long[]> ram = new ArrayList<>();
        platform.hotplug().memories().stream().filter(m -> plugged.contains(m.name()))
                .forEach(m -> ram.add(new long[] {m.base(), m.base() + m.size() - 1}));
        return new Handover("reboot", ram, Set.copyOf(plugged), Map.of(), List.of(), null);
    }

    /** kexec: what the next kernel boots with, by syscall (null: kexec-tools' default, kexec_file_load). */
    public Handover kexec(String method) {
        syncClaims();
        return new Kexec(mhp, platform, bootRam, plugged, bus).handover(method);
    }
}
