package org.pmdl.model.topology;

import org.pmdl.model.SourceRef;

/**
 * An NVDIMM as declared: {@code nvdimm nmem0 { size 4G label-area 128K }}.
 *
 * @param labelAreaSize size of the label storage area (config data) in bytes; 0 for a label-less DIMM
 */
public record NvdimmSpec(String name, long size, long labelAreaSize, SourceRef source) {
    public boolean hasLabelArea() {
        return labelAreaSize > 0;
    }
}
