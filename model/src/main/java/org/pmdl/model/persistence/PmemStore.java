package org.pmdl.model.persistence;

import org.pmdl.model.SourceRef;
import org.pmdl.model.scenario.MediaLocation;

/**
 * One 8-byte store to pmem as the crash exploration sees it.
 *
 * @param index    its position among the stores of its epoch (the bit that stands for it in a persisted set)
 * @param line     the cache line it falls in: namespace and offset / line size
 * @param volatileMedia its region has no persistence domain ({@code none}): it never survives power loss
 */
record PmemStore(int index, MediaLocation location, Line line, long value, boolean volatileMedia, String text,
        SourceRef source) {

    /** A cache line of a namespace (namespaces start line-aligned: their alignment is at least 4K). */
    record Line(String namespace, long number) {
    }

    String describe() {
        return text + (source.line() > 0 ? " (line " + source.line() + ")" : "");
    }
}
