package org.pmdl.model.hotplug;

import java.util.ArrayList;
import java.util.HashSet;
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
import org.pmdl.model.libnvdimm.Namespace;
import org.pmdl.model.libnvdimm.NdException;
import org.pmdl.model.libnvdimm.NvdimmBus;
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
    /** The namespace and dax-device claims last copied from libnvdimm and the dynamic dax regions. */
    private final List<Iomem.Resource> nsClaims = new ArrayList<>();
    /** The devices daxctl create-device made, by the scenario's name for each. */
    private final Map<String, Daxctl.Target> created = new LinkedHashMap<>();

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

    /**
     * Re-reads the namespace and dax claims from libnvdimm (namespaces change between hotplug steps) and the
     * dynamic regions' devices that device_dax holds; a dax device whose namespace went away is gone for kmem
     * and daxctl too.
     */
    private void syncClaims() {
        nsClaims.forEach(mhp.iomem()::release);
        nsClaims.clear();
        Set<String> live = new HashSet<>();
        for (PmemResources.Claim c : PmemResources.iomem(bus)) {
            live.add(c.name());
            if (c.parent() != null && !kmem.isSystemRam(c.name()) && daxctl.enabled(c.name())) {
                mhp.iomem().request(c.name(), c.start(), c.end(), Iomem.BUSY).ifPresent(nsClaims::add);
            }
        }
        for (DaxRegion region : softReserved.regions()) {
            for (DaxRegion.Dev d : region.devs()) {
                String name = region.name(d);
                live.add(name);
                if (d.size() > 0 && !kmem.isSystemRam(name) && daxctl.enabled(name)) {
                    mhp.iomem().request(name, d.start, d.end, Iomem.BUSY).ifPresent(nsClaims::add);
                }
            }
        }
        for (String dax : kmem.boundDevices()) {
            if (!live.contains(dax)) {
                kmem.unbind(dax); // dax_pmem's removal takes the dax device, and kmem, with the namespace
            }
        }
        daxctl.forgetAllBut(live);
    }

    /** libdaxctl's daxctl_dev_has_online_memory() for the dax device of a devdax namespace. */
    public boolean daxMemoryOnline(Namespace ns) {
        return PmemResources.devDax(ns).flatMap(kmem::systemRam)
                .map(r -> mhp.onlineBlocks(r.start(), r.end() - r.start() + 1) > 0).orElse(false);
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
            } else if (action instanceof Action.SetAutoOnlineBlocks a) {
                mhp.setDefaultOnline(OnlineType.of(a.state()).orElseThrow());
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
        Daxctl.Target t = daxTarget(a.namespace()).orElseThrow(() -> new NdException(Errno.ENXIO,
                HotplugRules.DAXCTL_NO_DEVICE, HotplugRules.DAXCTL_NO_DEVICE.message(a.namespace())));
        if (a.command().equals("create-device")) {
            DaxRegion.Dev dev = daxctl.create(t, a.size(), a.align());
            created.put(a.device(), new Daxctl.Target(null, t.region(), dev));
            values.putAll(daxValues(a.device()).orElseThrow());
            return;
        }
        daxctl.run(a, t);
        if (a.command().equals("destroy-device")) {
            created.values().removeIf(c -> c.dev() == t.dev());
            return;
        }
        values.putAll(daxctl.list(t.dax()));
    }

    /**
     * The dax device a step names: a devdax namespace's, the first of soft-reserved memory's dynamic region, or
     * one daxctl created (while its region still has it).
     */
    private Optional<Daxctl.Target> daxTarget(String name) {
        Optional<Daxctl.Target> pmem = PmemResources.devDax(bus, name).map(d -> new Daxctl.Target(d, null, null));
        Optional<Daxctl.Target> hmem = softReserved.region(name)
                .map(r -> new Daxctl.Target(r.devDax(r.first()), r, r.first()));
        Optional<Daxctl.Target> made = Optional.ofNullable(created.get(name))
                .filter(c -> c.region().devs().contains(c.dev()))
                .map(c -> new Daxctl.Target(c.region().devDax(c.dev()), c.region(), c.dev()));
        return pmem.or(() -> hmem).or(() -> made);
    }

    /** A created device's attributes: daxctl list's, with its size. */
    private Optional<Map<String, Object>> daxValues(String name) {
        return Optional.ofNullable(created.get(name)).flatMap(c -> daxTarget(name)).map(t -> {
            Map<String, Object> v = new LinkedHashMap<>(daxctl.list(t.dax()));
            v.put("size", t.dev().size());
            return v;
        });
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
        Optional<PmemResources.DevDax> dax = PmemResources.devDax(bus, name);
        if (dax.isEmpty() && !created.containsKey(name)) {
            // a namespace with no dax device, a region, a DIMM: nothing here to read, so no claims to sync (a walk
            // over every namespace of the machine, which made each expect step cost the machine's size)
            return Optional.empty();
        }
        syncClaims();
        return dax.map(daxctl::list).or(() -> daxValues(name));
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
            softReserved.region(m.name()).ifPresent(r -> {
                v.putAll(daxctl.list(r.devDax(r.first())));
                v.put("available_size", r.availableSize());
            });
        }
        return v;
    }

    /** Every memory device's attributes, for the report's state. */
    public Map<String, Map<String, Object>> state() {
        syncClaims();
        Map<String, Map<String, Object>> state = new LinkedHashMap<>();
        platform.hotplug().memories().forEach(m -> state.put(m.name(), memoryValues(m)));
        platform.hotplug().bars().forEach(b -> state.put(b.name(), p2p.values(b)));
        virtioMems.forEach((name, vm) -> state.put(name, vm.values()));
        created.keySet().forEach(name -> daxValues(name).ifPresent(v -> state.put(name, v)));
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
