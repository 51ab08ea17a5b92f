package org.pmdl.model.scenario;

/** A boolean condition an {@code expect} checks, alone or on either side of {@code implies}. */
public sealed interface Condition {
    /** {@code NAME.attr OP VALUE}: an attribute a user could read in sysfs or ndctl list. */
    record Attribute(String target, String attribute, Comparison op, Value value) implements Condition {
    }

    /** {@code NS[OFF] OP V}: the 8-byte value at a media location. */
    record Media(MediaLocation location, Comparison op, Value value) implements Condition {
    }

    /** {@code NAME bound} / {@code NAME not bound}: an SCM DRC's binding state. */
    record Bound(String target, boolean bound) implements Condition {
    }

    /** {@code lmb INDEX ATTR OP VALUE}: an LMB's drmem_info or device-tree attribute (aa_index, dt_aa_index, ...). */
    record Lmb(long index, String attribute, Comparison op, Value value) implements Condition {
    }
}
