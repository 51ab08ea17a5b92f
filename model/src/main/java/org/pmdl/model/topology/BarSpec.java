package org.pmdl.model.topology;

import org.pmdl.model.SourceRef;

/**
 * {@code bar NAME at BASE { size S [mtrr-uc] }}: a PCI BAR whose memory a driver maps with memremap_pages (an
 * NVMe CMB used for P2PDMA). {@code mtrrUncached}: x86 firmware programmed an MTRR marking it uncached.
 */
public record BarSpec(String name, long base, long size, boolean mtrrUncached, SourceRef source) {
}
