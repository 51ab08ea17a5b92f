package org.pmdl.dsl.compiler;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.emf.ecore.EObject;
import org.pmdl.dsl.lang.Names;
import org.pmdl.dsl.lang.PlatformHierarchy;
import org.pmdl.dsl.lang.SizeExpressions;
import org.pmdl.dsl.lang.Written;
import org.pmdl.dsl.pmdl.AddMemory;
import org.pmdl.dsl.pmdl.Bar;
import org.pmdl.dsl.pmdl.DaxModeKind;
import org.pmdl.dsl.pmdl.Daxctl;
import org.pmdl.dsl.pmdl.EfiNoSoftReserveDecl;
import org.pmdl.dsl.pmdl.MemhpDefaultStateDecl;
import org.pmdl.dsl.pmdl.Memory;
import org.pmdl.dsl.pmdl.MemoryBlockSizeDecl;
import org.pmdl.dsl.pmdl.MemoryState;
import org.pmdl.dsl.pmdl.Memremap;
import org.pmdl.dsl.pmdl.MmioAccess;
import org.pmdl.dsl.pmdl.MmioOp;
import org.pmdl.dsl.pmdl.Platform;
import org.pmdl.dsl.pmdl.PmdlPackage;
import org.pmdl.dsl.pmdl.RemoveMemory;
import org.pmdl.dsl.pmdl.SizeExpr;
import org.pmdl.dsl.pmdl.VirtioMem;
import org.pmdl.dsl.pmdl.VirtioMemStep;
import org.pmdl.model.scenario.Action;
import org.pmdl.model.topology.BarSpec;
import org.pmdl.model.topology.HotplugSpec;
import org.pmdl.model.topology.MemorySpec;
import org.pmdl.model.topology.VirtioMemSpec;

/** The memory-hotplug part of {@link PmdlCompiler}: `memory` ranges, hotplug settings and hotplug steps. */
final class HotplugCompiler {
    /** QEMU virtio-mem's default block-size on x86_64: the THP size, 2M (hw/virtio/virtio-mem.c). */
    static final long DEFAULT_DEVICE_BLOCK = 2L << 20;

    private HotplugCompiler() {
    }

    static HotplugSpec hotplug(Platform platform) {
        List<MemorySpec> memories = new ArrayList<>();
        for (Memory m : PlatformHierarchy.devices(platform, Memory.class)) {
            memories.add(new MemorySpec(m.getName(), size(m.getBase()), size(m.getSize()),
                    m.getNode() == null ? 0 : Math.toIntExact(size(m.getNode())), m.isEfiSp(), SourceRefs.of(m)));
        }
        long blockSize = PlatformHierarchy.attribute(platform, MemoryBlockSizeDecl.class)
                .map(d -> size(d.getBlockSize())).orElse(0L);
        String state = PlatformHierarchy.attribute(platform, MemhpDefaultStateDecl.class)
                .map(d -> d.getState().getLiteral()).orElse(null);
        List<BarSpec> bars = new ArrayList<>();
        for (Bar b : PlatformHierarchy.devices(platform, Bar.class)) {
            bars.add(new BarSpec(b.getName(), size(b.getBase()), size(b.getSize()), b.isMtrrUc(), SourceRefs.of(b)));
        }
        List<VirtioMemSpec> virtioMems = new ArrayList<>();
        for (VirtioMem v : PlatformHierarchy.devices(platform, VirtioMem.class)) {
            virtioMems.add(new VirtioMemSpec(v.getName(), size(v.getBase()), size(v.getSize()),
                    v.getBlockSize() == null ? DEFAULT_DEVICE_BLOCK : size(v.getBlockSize()),
                    Math.toIntExact(size(v.getNode())), Math.toIntExact(size(v.getIndex())), v.isUnpluggedInaccessible(), SourceRefs.of(v)));
        }
        boolean softReserve = PlatformHierarchy.attribute(platform, EfiNoSoftReserveDecl.class).isEmpty();
        return new HotplugSpec(blockSize, state, memories, bars, virtioMems, softReserve);
    }

    /** The step as a model action, or null when it is not a hotplug step. */
    static Action action(EObject step) {
        if (step instanceof AddMemory a) {
            return new Action.AddMemory(a.getMemory().getName(), a.getResourceName());
        } else if (step instanceof RemoveMemory r) {
            return new Action.RemoveMemory(r.getMemory().getName());
        } else if (step instanceof MemoryState m && m.getBlock() == null) {
            return new Action.SetAutoOnlineBlocks(m.getAutoOnline().getLiteral());
        } else if (step instanceof MemoryState m) {
            String state = !m.isOnline() ? "offline" : m.getZone() == null ? "online" : "online_" + m.getZone();
            return new Action.MemoryState(size(m.getBlock()), state);
        } else if (step instanceof Memremap m) {
            return new Action.Memremap(m.getBar().getName(), m.isP2pdma(),
                    Written.isWritten(m, PmdlPackage.Literals.MEMREMAP__PGPROT) ? m.getPgprot().getLiteral() : null,
                    m.isAltmap());
        } else if (step instanceof MmioAccess a) {
            return new Action.MmioAccess(a.getBar().getName(), a.getOps().stream().map(MmioOp::getLiteral).toList());
        } else if (step instanceof VirtioMemStep v) {
            return v.getAccess() == null
                    ? new Action.VirtioMem(v.getDevice().getName(), "requested-size", size(v.getRequestedSize()))
                    : new Action.VirtioMem(v.getDevice().getName(), v.getAccess(), size(v.getAddress()));
        } else if (step instanceof Daxctl d) {
            String mode = d.getCommand().equals("reconfigure-device") && d.getSize() == null
                    ? (d.getMode() == DaxModeKind.SYSTEM_RAM ? "system-ram" : "devdax") : null;
            return new Action.Daxctl(d.getCommand(), Names.referenceText(d, PmdlPackage.Literals.DAXCTL__NAMESPACE),
                    mode, d.isNoOnline(), d.isNoMovable(), d.isForce(),
                    d.getDevice() == null ? null : d.getDevice().getName(), optionalSize(d.getSize()),
                    optionalSize(d.getAlign()));
        }
        return null;
    }

    private static Long optionalSize(SizeExpr e) {
        return e == null ? null : size(e);
    }

    private static long size(SizeExpr e) {
        return e == null ? 0 : SizeExpressions.evaluate(e).longValueExact();
    }
}
