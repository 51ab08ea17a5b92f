package org.pmdl.model.scenario;

/** {@code NS[OFF]}: a byte offset within a namespace's usable capacity. */
public record MediaLocation(String namespace, long offset) {
    @Override
    public String toString() {
        return namespace + "[0x" + Long.toHexString(offset) + "]";
    }
}
