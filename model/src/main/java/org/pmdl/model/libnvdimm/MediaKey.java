package org.pmdl.model.libnvdimm;

/** Where a namespace's data begins on media: the DIMM of its first mapping and the DPA there. */
public record MediaKey(String dimm, long dpa) {
}
