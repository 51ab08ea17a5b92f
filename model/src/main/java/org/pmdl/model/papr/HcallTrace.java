package org.pmdl.model.papr;

import java.util.ArrayList;
import java.util.List;

/**
 * The hcalls a step made, in order, as the report shows them: {@code H_SCM_BIND_MEM(0x44100002, 0, 64,
 * 0xffffffffffffffff, 0) = H_BUSY [R4=0x1, R5=0x4000000000]}. Repeated identical chunked calls (the label area
 * read 8 bytes at a time) are one entry with a count.
 */
public final class HcallTrace {
    private final List<String> lines = new ArrayList<>();

    void add(Hcall hcall, long[] args, HcallResult result) {
        StringBuilder line = new StringBuilder(hcall.name()).append('(');
        for (int i = 0; i < args.length; i++) {
            line.append(i == 0 ? "" : ", ").append(hex(args[i]));
        }
        line.append(") = ").append(HcallStatus.name(result.rc()));
        if (result.out().length > 0) {
            line.append(" [");
            for (int i = 0; i < result.out().length; i++) {
                line.append(i == 0 ? "" : ", ").append("R").append(4 + i).append('=').append(hex(result.out()[i]));
            }
            line.append(']');
        }
        lines.add(line.toString());
    }

    /** One entry standing for {@code count} calls that differ only in their offset. */
    void addRepeated(String description, long count, long rc) {
        lines.add(description + " x" + count + " = " + HcallStatus.name(rc));
    }

    /** An RTAS call of the same step: {@code rtas set-indicator(9001, 0x10000001, 1) = 0}. */
    public void rtas(String call, long status, long... args) {
        rtas(call, status, null, args);
    }

    /** An RTAS call with an output: {@code rtas get-sensor-state(9003, 0x10000001) = 0 [state=1]}. */
    public void rtas(String call, long status, String output, long... args) {
        StringBuilder line = new StringBuilder("rtas ").append(call).append('(');
        for (int i = 0; i < args.length; i++) {
            line.append(i == 0 ? "" : ", ").append(i == 0 ? Long.toString(args[i]) : hex(args[i]));
        }
        line.append(") = ").append(status);
        lines.add(output == null ? line.toString() : line.append(" [").append(output).append(']').toString());
    }

    static String hex(long v) {
        return v >= 0 && v < 10 ? Long.toString(v) : "0x" + Long.toHexString(v);
    }

    public List<String> drain() {
        List<String> out = List.copyOf(lines);
        lines.clear();
        return out;
    }
}
