package org.pmdl.model.libnvdimm;

/** struct nd_mapping: one interleave way, a DPA range of one DIMM. */
public record Mapping(Nvdimm dimm, long start, long size) {
    public long end() {
        return start + size - 1;
    }
}
