package org.pmdl.model.hotplug;

import java.util.Optional;
import org.pmdl.model.SourceRef;
import org.pmdl.model.rules.Finding;

/**
 * The one decider of VIRTIO-MEM-RANGE: an access at an address outside the virtio-mem device's region. The
 * validator reports it on the step as written; a run refuses the access when the model runs without the validator.
 */
public final class VirtioMemRange {
    private VirtioMemRange() {
    }

    /** VIRTIO-MEM-RANGE when {@code addr} is not in [base, base + size). */
    public static Optional<Finding> outside(long addr, String device, long base, long size, SourceRef at) {
        if (addr >= base && addr < base + size) {
            return Optional.empty();
        }
        return Optional.of(new Finding(HotplugRules.VIRTIO_MEM_RANGE, HotplugRules.VIRTIO_MEM_RANGE.message(
                String.format("%#x", addr), device, String.format("%#x", base),
                String.format("%#x", base + size - 1)), at));
    }
}
