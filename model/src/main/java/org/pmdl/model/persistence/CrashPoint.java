package org.pmdl.model.persistence;

import java.util.BitSet;
import org.pmdl.model.SourceRef;

/**
 * A point where power may fail: after a step of the epoch (or right after its boot).
 *
 * @param stores  how many of the epoch's stores were issued before it
 * @param durable the stores that every post-crash state at this point keeps
 * @param media   the stores a deep flush put on media: all a dirty shutdown (ADR failure) is sure to keep
 * @param after   the step the crash follows, as written, or "boot"
 */
record CrashPoint(int stores, BitSet durable, BitSet media, String after, SourceRef source) {

    String describe() {
        return "after " + after + (source.line() > 0 ? " (line " + source.line() + ")" : "");
    }
}
