package org.pmdl.model.papr;

import java.util.Arrays;
import java.util.Optional;

/**
 * The PAPR SCM hypervisor calls papr_scm issues, with their opcodes (arch/powerpc/include/asm/hvcall.h,
 * Linux 6.1; 0x3FC and 0x400 were renumbered during the 2019 series, so the numbers are those of 5.3 and later).
 */
public enum Hcall {
    H_SCM_READ_METADATA(0x3E4),
    H_SCM_WRITE_METADATA(0x3E8),
    H_SCM_BIND_MEM(0x3EC),
    H_SCM_UNBIND_MEM(0x3F0),
    H_SCM_QUERY_BLOCK_MEM_BINDING(0x3F4),
    H_SCM_QUERY_LOGICAL_MEM_BINDING(0x3F8),
    H_SCM_UNBIND_ALL(0x3FC),
    H_SCM_HEALTH(0x400),
    H_SCM_PERFORMANCE_STATS(0x418),
    H_SCM_FLUSH(0x44C);

    /** H_SCM_BIND_MEM's targetAddr "anywhere" (papr_scm.c BIND_ANY_ADDR, ~0ul). */
    public static final long BIND_ANY_ADDR = -1L;
    /** H_SCM_UNBIND_ALL scopes (hvcall.h H_UNBIND_SCOPE_ALL / _DRC). */
    public static final long H_UNBIND_SCOPE_ALL = 1;
    public static final long H_UNBIND_SCOPE_DRC = 2;

    private final int opcode;

    Hcall(int opcode) {
        this.opcode = opcode;
    }

    public int opcode() {
        return opcode;
    }

    public static Optional<Hcall> byName(String name) {
        return Arrays.stream(values()).filter(h -> h.name().equals(name)).findFirst();
    }
}
