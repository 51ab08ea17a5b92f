package org.pmdl.model.topology;

import org.pmdl.model.SourceRef;

/**
 * {@code virtio-mem NAME at BASE { size S  block-size B  node N  index I }}: a virtio-mem device (QEMU
 * virtio-mem-pci) managing [BASE, BASE+S) in device blocks of B; the driver plugs as much of it as the host
 * requests. {@code index} is the virtio bus index, so the device is "virtioI" (dev_name);
 * {@code unplugged-inaccessible}: the device offers VIRTIO_MEM_F_UNPLUGGED_INACCESSIBLE (QEMU 8.1+ on x86).
 */
public record VirtioMemSpec(String name, long base, long size, long deviceBlockSize, int node, int index,
        boolean unpluggedInaccessible, SourceRef source) {
}
