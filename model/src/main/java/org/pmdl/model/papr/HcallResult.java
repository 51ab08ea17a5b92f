package org.pmdl.model.papr;

/** What an hcall returns: the status in R3 and the output registers from R4 on. */
public record HcallResult(long rc, long[] out) {
    static HcallResult of(long rc, long... out) {
        return new HcallResult(rc, out);
    }

    public long r4() {
        return out.length > 0 ? out[0] : 0;
    }

    public long r5() {
        return out.length > 1 ? out[1] : 0;
    }
}
