package org.pmdl.model.libnvdimm;

import java.util.ArrayList;
import java.util.List;

/**
 * A DIMM's valid namespace label index and its labels (drivers/nvdimm/label.c).
 *
 * @param versionMinor 1 for v1.1 labels (128 bytes), 2 for v1.2 labels (256 bytes)
 * @param slots        nvdimm_num_label_slots() for this label area size and label size
 */
public record LabelIndex(int versionMinor, int slots, List<Label> labels) {

    /**
     * One pmem namespace label on this DIMM (struct nd_namespace_label): its namespace uuid, DPA extent, and the
     * lbasize and name fields __pmem_label_update() copies from the namespace (0 and "" until set).
     */
    record Label(String uuid, long dpa, long rawsize, long lbasize, String name) {
        Label withUuid(String newUuid) {
            return new Label(newUuid, dpa, rawsize, lbasize, name);
        }
    }

    static final int NSINDEX_ALIGN = 256;
    /** sizeof(struct nd_namespace_index) without its free bitmap. */
    private static final int NSINDEX_HEADER = 72;

    /** ndctl_dimm_init_labels(): an index with no labels, all slots free. */
    public static LabelIndex initialized(long configSize, int versionMinor) {
        int labelSize = versionMinor == 1 ? 128 : 256;
        int slots = (int) ((configSize - 2 * indexSize(configSize, labelSize)) / labelSize);
        return new LabelIndex(versionMinor, slots, new ArrayList<>());
    }

    /** sizeof_namespace_index(): the header and free bitmap for the slots that fit, aligned to NSINDEX_ALIGN. */
    static long indexSize(long configSize, int labelSize) {
        long tmpNslot = configSize / labelSize;
        return Align.up(NSINDEX_HEADER + (tmpNslot + 7) / 8, NSINDEX_ALIGN);
    }

    public int labelSize() {
        return versionMinor == 1 ? 128 : 256;
    }

    /** nd_label_nfree(). */
    int free() {
        return slots - labels.size();
    }
}
