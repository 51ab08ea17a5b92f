package org.pmdl.model.hotplug;

import static org.pmdl.model.Fixtures.G;
import static org.pmdl.model.Fixtures.M;

import java.util.List;
import org.pmdl.model.Fixtures;
import org.pmdl.model.SourceRef;
import org.pmdl.model.scenario.Action;
import org.pmdl.model.scenario.NamespaceMode;
import org.pmdl.model.scenario.ScenarioStep;
import org.pmdl.model.topology.HotplugSpec;
import org.pmdl.model.topology.MemorySpec;
import org.pmdl.model.topology.PlatformSpec;
import org.pmdl.model.topology.VirtioMemSpec;

/** The t17 QEMU machine (4G:label=128K NVDIMM, region0 at 4G) with hot-pluggable DIMM slots and a kernel. */
final class HotplugFixtures {
    private HotplugFixtures() {
    }

    /** A hot-pluggable 1G DIMM at 16G and a virtio-mem-like 1G range at 24G. */
    static final MemorySpec DIMM = new MemorySpec("dimm1", 16 * G, 1 * G, 0, SourceRef.NONE);
    static final MemorySpec VMEM = new MemorySpec("vmem0", 24 * G, 1 * G, 0, SourceRef.NONE);

    /** S-06's virtio-mem device: 0x1_4000_0000-0x3_33ff_ffff in 2M device blocks (QEMU's x86 default), virtio0. */
    static final VirtioMemSpec VIRTIO_MEM = new VirtioMemSpec("vmem0", 0x1_4000_0000L, 0x1_f400_0000L, 2 * M, 0, 0,
            false, SourceRef.NONE);

    static PlatformSpec qemu(String kernel, String memhpDefaultState) {
        return withHotplug(Fixtures.qemuX86(), kernel, new HotplugSpec(0, memhpDefaultState, List.of(DIMM, VMEM), List.of()));
    }

    /** A QEMU x86 guest without NVDIMMs: the DIMM slot at 16G and S-06's virtio-mem device. */
    static PlatformSpec virtioMem(String memhpDefaultState) {
        return virtioMem(memhpDefaultState, VIRTIO_MEM);
    }

    static PlatformSpec virtioMem(String memhpDefaultState, VirtioMemSpec device) {
        return withHotplug(Fixtures.x86("qemu_virtio_mem", List.of(), List.of()), "6.1",
                new HotplugSpec(0, memhpDefaultState, List.of(DIMM), List.of(), List.of(device), true));
    }

    /** S-25: 8G of EFI_MEMORY_SP memory (an HBM/CXL-like node 1) at 34G, and the DIMM slot; no NVDIMM. */
    static final MemorySpec HBM = new MemorySpec("hbm0", 0x8_8000_0000L, 8 * G, 1, true, SourceRef.NONE);

    static PlatformSpec efiSp(boolean softReserve) {
        return withHotplug(Fixtures.x86("qemu_efi_sp", List.of(), List.of()), "6.1",
                new HotplugSpec(0, null, List.of(DIMM, HBM), List.of(), List.of(), softReserve));
    }

    private static PlatformSpec withHotplug(PlatformSpec p, String kernel, HotplugSpec hotplug) {
        return new PlatformSpec(p.name(), p.arch(), p.mmu(), p.pageSize(), p.linearPageSize(), p.cpu(), kernel,
                p.hypervisor(), p.persistence(), p.nvdimms(), p.regions(), p.lpar(), p.scms(), false, p.source(), List.of(),
                hotplug);
    }

    static PlatformSpec qemu() {
        return qemu("6.1", null);
    }

    /** t17's preparation: labels, then a 1G devdax namespace with 2M alignment (dax0.0 over namespace0.0). */
    static ScenarioStep[] devdax(ScenarioStep... more) {
        ScenarioStep[] head = {
            Fixtures.step(new Action.InitLabels("nmem0")),
            Fixtures.step(Fixtures.create("ns0", "region0", NamespaceMode.DEVDAX, 1 * G, 2 * M, null, null)),
        };
        ScenarioStep[] all = new ScenarioStep[head.length + more.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(more, 0, all, head.length, more.length);
        return all;
    }

    static Action.Daxctl systemRam(boolean noMovable, boolean force) {
        return new Action.Daxctl("reconfigure-device", "ns0", "system-ram", false, noMovable, force);
    }

    static Action.Daxctl devdaxMode(boolean force) {
        return new Action.Daxctl("reconfigure-device", "ns0", "devdax", false, false, force);
    }

}
