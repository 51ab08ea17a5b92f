package org.pmdl.model.libnvdimm;

/** struct nd_mapping: one interleave way, a DPA range of one DIMM. */
record Mapping(Nvdimm dimm, long start, long size) {
    long end() {
        return start + size - 1;
    }
}
