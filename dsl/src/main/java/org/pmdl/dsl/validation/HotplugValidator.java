package org.pmdl.dsl.validation;

import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.validation.Check;
import org.pmdl.dsl.lang.SizeExpressions;
import org.pmdl.dsl.pmdl.Memory;
import org.pmdl.dsl.pmdl.MemoryBlockSizeDecl;
import org.pmdl.dsl.pmdl.Platform;
import org.pmdl.dsl.pmdl.PmdlPackage.Literals;
import org.pmdl.dsl.pmdl.VirtioMem;
import org.pmdl.dsl.pmdl.VirtioMemStep;
import org.pmdl.model.SourceRef;
import org.pmdl.model.hotplug.HotplugRules;
import org.pmdl.model.hotplug.VirtioMemRange;
import org.pmdl.model.rules.Rules;
import org.pmdl.model.topology.Arch;

/** Static checks of the memory-hotplug vocabulary: hot-pluggable ranges and the memory block size. */
public class HotplugValidator extends ComposedValidator {
    /** MIN_MEMORY_BLOCK_SIZE = 1 << SECTION_SIZE_BITS: 128M on x86_64, 16M on ppc64. */
    private static final long X86_SECTION = 128L << 20;
    private static final long PPC64_SECTION = 16L << 20;

    @Check
    public void checkMemory(Memory memory) {
        if (memory.getSize() == null) {
            report(Rules.ATTRIBUTE_MISSING, Rules.ATTRIBUTE_MISSING.message("memory " + memory.getName(),
                    "has no size", "add `size 1G` (for example)"), memory, Literals.MEMORY__NAME);
        }
        if (memory.isEfiSp() && archOf(EcoreUtil2.getContainerOfType(memory, Platform.class)) == Arch.PPC64) {
            report(Rules.ARCH_ATTRIBUTE, "efi-sp: EFI_MEMORY_SP comes from an EFI memory map, which a ppc64 "
                    + "machine does not have", memory, Literals.MEMORY__EFI_SP);
        }
        checkRangeEnd("memory " + memory.getName(), checkedValue(memory.getBase()), checkedValue(memory.getSize()),
                memory, Literals.MEMORY__BASE);
    }

    /** drivers/virtio/Kconfig VIRTIO_MEM: depends on X86_64 || ARM64. */
    @Check
    public void checkVirtioMem(VirtioMem device) {
        if (device.getSize() == null) {
            report(Rules.ATTRIBUTE_MISSING, Rules.ATTRIBUTE_MISSING.message("virtio-mem " + device.getName(),
                    "has no size", "add `size 8G` (for example)"), device, Literals.VIRTIO_MEM__NAME);
        }
        Platform platform = EcoreUtil2.getContainerOfType(device, Platform.class);
        if (archOf(platform) == Arch.PPC64) {
            report(Rules.ARCH_ATTRIBUTE, "virtio-mem needs an x86_64 kernel here: drivers/virtio/Kconfig "
                    + "VIRTIO_MEM depends on X86_64 || ARM64", device, Literals.VIRTIO_MEM__NAME);
        }
        checkRangeEnd("virtio-mem " + device.getName(), checkedValue(device.getBase()),
                checkedValue(device.getSize()), device, Literals.VIRTIO_MEM__BASE);
    }

    @Check
    public void checkVirtioMemAccess(VirtioMemStep step) {
        VirtioMem device = step.getDevice();
        Long addr = step.getAccess() == null ? null : SizeExpressions.evaluateModelled(step.getAddress());
        if (addr == null || device == null || device.eIsProxy() || device.getSize() == null) {
            return;
        }
        Long base = SizeExpressions.evaluateModelled(device.getBase());
        Long size = SizeExpressions.evaluateModelled(device.getSize());
        if (base != null && size != null) {
            VirtioMemRange.outside(addr, device.getName(), base, size, SourceRef.NONE).ifPresent(f -> report(
                    f.rule(), f.message(), step, Literals.VIRTIO_MEM_STEP__ADDRESS));
        }
    }


    @Check
    public void checkBlockSize(MemoryBlockSizeDecl decl) {
        Long size = SizeExpressions.evaluateModelled(decl.getBlockSize());
        Platform platform = EcoreUtil2.getContainerOfType(decl, Platform.class);
        boolean ppc = archOf(platform) == Arch.PPC64;
        long min = ppc ? PPC64_SECTION : X86_SECTION;
        if (size != null && (Long.bitCount(size) != 1 || size < min)) {
            report(HotplugRules.BLOCK_SIZE, HotplugRules.BLOCK_SIZE.message(SizeExpressions.format(size),
                    SizeExpressions.format(min), ppc ? "ppc64" : "x86_64"), decl, Literals.MEMORY_BLOCK_SIZE_DECL__BLOCK_SIZE);
        }
    }
}
