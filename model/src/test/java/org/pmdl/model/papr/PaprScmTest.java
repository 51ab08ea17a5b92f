package org.pmdl.model.papr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pmdl.model.Fixtures.M;
import static org.pmdl.model.Fixtures.K;
import static org.pmdl.model.Fixtures.run;
import static org.pmdl.model.Fixtures.step;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.pmdl.model.SourceRef;
import org.pmdl.model.engine.ScenarioResult;
import org.pmdl.model.engine.StepResult;
import org.pmdl.model.scenario.Action;
import org.pmdl.model.topology.Arch;
import org.pmdl.model.topology.Cpu;
import org.pmdl.model.topology.Hypervisor;
import org.pmdl.model.topology.Mmu;
import org.pmdl.model.topology.PlatformSpec;
import org.pmdl.model.topology.ScmSpec;

/**
 * papr_scm's probe against each hypervisor profile and kernel release. Expected hcall sequences follow
 * arch/powerpc/platforms/pseries/papr_scm.c (5.2: before 3a855b7ac7d5; 5.3: 3a855b7ac7d5; 6.1: drc_pmem_query_n_bind,
 * faa6d21153fd) and QEMU hw/ppc/spapr_nvdimm.c; the scenarios are seed-rules-D §4.22-25 with DRC 0x44100002,
 * 64 blocks of 256M. The bound address 0x4000000000 is the model's placement (§4.22's value).
 */
class PaprScmTest {
    private static final String BIND = "H_SCM_BIND_MEM(0x44100002, 0, 0x40, 0xffffffffffffffff, 0)";
    private static final String DEV = "papr_scm ibm,persistent-memory:ibm,pmemory@44100002: ";

    static PlatformSpec lpar(String kernel, Hypervisor hypervisor, long bindBusy, long health) {
        ScmSpec scm = new ScmSpec("pmem0", 0x44100002L, 256 * M, 64, 128 * K, true, health, bindBusy, 2, SourceRef.NONE);
        return new PlatformSpec("lpar", Arch.PPC64, Mmu.RADIX, 64 * K, 0, Cpu.POWER9, kernel, hypervisor, null,
                List.of(), List.of(), null, List.of(scm), SourceRef.NONE);
    }

    private static ScenarioResult bootKexec(String kernel, Hypervisor hypervisor) {
        return run(lpar(kernel, hypervisor, 0, 0), step(new Action.Boot()), step(new Action.Kexec()));
    }

    private static List<String> bindCalls(StepResult step) {
        return step.hcalls().stream().filter(h -> !h.startsWith("H_SCM_READ_METADATA")
                && !h.startsWith("H_SCM_PERFORMANCE_STATS") && !h.startsWith("H_SCM_HEALTH")).toList();
    }

    @Test
    @DisplayName("§4.22: PowerVM answers H_BUSY with a token and the address, then H_SUCCESS; the first R5 is kept")
    void freshBindBusy() {
        StepResult boot = run(lpar("6.1", Hypervisor.POWERVM, 1, 0), step(new Action.Boot())).steps().get(0);
        assertEquals(List.of(BIND + " = H_BUSY [R4=1, R5=0x4000000000]",
                "H_SCM_BIND_MEM(0x44100002, 0, 0x40, 0xffffffffffffffff, 1) = H_SUCCESS [R4=0, R5=0x4000000000]"),
                bindCalls(boot));
        assertEquals(0x40_0000_0000L, boot.state().get("pmem0").get("address"));
        assertEquals(16L << 30, boot.state().get("pmem0").get("size"));
        assertEquals("memory_controller", boot.state().get("pmem0").get("persistence_domain"));
        assertEquals(16 * M, boot.state().get("pmem0").get("align")); // default_align, one mapping (§4.2)
    }

    @Test
    @DisplayName("§4.23 (5.2): after kexec PowerVM answers H_OVERLAP; \"bind err: -68\" and no region (seed 000)")
    void kexecBeforeTheFix() {
        StepResult kexec = bootKexec("5.2", Hypervisor.POWERVM).steps().get(1);
        assertEquals(List.of(BIND + " = H_OVERLAP"), bindCalls(kexec));
        assertEquals(List.of(DEV + "bind err: -68"), kexec.log());
        assertEquals(false, kexec.state().get("pmem0").get("bound"));
        assertEquals(true, kexec.state().get("pmem0").get("hypervisor_bound")); // still mapped for the dead kernel
    }

    @Test
    @DisplayName("§4.23 (5.3): \"Un-binding and retrying\", H_SCM_UNBIND_ALL(scope DRC), bind again")
    void kexecUnbindAndRetry() {
        StepResult kexec = bootKexec("5.3", Hypervisor.POWERVM).steps().get(1);
        // §4.25: this DRC is declared unbind-busy 2: H_LONG_BUSY_ORDER_100_MSEC (9902), H_BUSY, then H_SUCCESS
        assertEquals(List.of(BIND + " = H_OVERLAP",
                "H_SCM_UNBIND_ALL(2, 0x44100002, 0) = H_LONG_BUSY_ORDER_100_MSEC [R4=1]",
                "H_SCM_UNBIND_ALL(2, 0x44100002, 1) = H_BUSY [R4=2]",
                "H_SCM_UNBIND_ALL(2, 0x44100002, 2) = H_SUCCESS [R4=0]",
                BIND + " = H_SUCCESS [R4=0, R5=0x4000000000]"), bindCalls(kexec));
        assertTrue(kexec.log().contains(DEV + "Un-binding and retrying"));
        assertEquals(true, kexec.state().get("pmem0").get("bound"));
    }

    @Test
    @DisplayName("§4.24 (6.1): blocks 0 and 63 are bound 63 x 256M apart, so the binding is reused without unbind")
    void kexecQueryAndReuse() {
        StepResult kexec = bootKexec("6.1", Hypervisor.POWERVM).steps().get(1);
        assertEquals(List.of(BIND + " = H_OVERLAP",
                "H_SCM_QUERY_BLOCK_MEM_BINDING(0x44100002, 0) = H_SUCCESS [R4=0x4000000000]",
                "H_SCM_QUERY_BLOCK_MEM_BINDING(0x44100002, 0x3f) = H_SUCCESS [R4=0x43f0000000]"), bindCalls(kexec));
        assertEquals(0x40_0000_0000L, kexec.state().get("pmem0").get("address"));
    }

    @Test
    @DisplayName("§4.24: a block the query cannot answer → \"Failed to query, trying an unbind followed by bind\"")
    void queryFailsThenUnbindAndBind() {
        // block 63 unbound by hand (H_SCM_UNBIND_MEM of one block at 0x43f0000000), then kexec
        ScenarioResult r = run(lpar("6.1", Hypervisor.POWERVM, 0, 0),
                step(new Action.Hcall("H_SCM_UNBIND_MEM", "pmem0", List.of(0x43f0000000L, 1L))),
                step(new Action.Kexec()));
        StepResult kexec = r.steps().get(1);
        assertEquals(List.of(BIND + " = H_OVERLAP",
                "H_SCM_QUERY_BLOCK_MEM_BINDING(0x44100002, 0) = H_SUCCESS [R4=0x4000000000]",
                "H_SCM_QUERY_BLOCK_MEM_BINDING(0x44100002, 0x3f) = H_PARAMETER",
                "H_SCM_UNBIND_ALL(2, 0x44100002, 0) = H_LONG_BUSY_ORDER_100_MSEC [R4=1]",
                "H_SCM_UNBIND_ALL(2, 0x44100002, 1) = H_BUSY [R4=2]",
                "H_SCM_UNBIND_ALL(2, 0x44100002, 2) = H_SUCCESS [R4=0]",
                BIND + " = H_SUCCESS [R4=0, R5=0x4000000000]"), bindCalls(kexec));
        assertTrue(kexec.log().contains(DEV + "Failed to query, trying an unbind followed by bind"));
    }

    @Test
    @DisplayName("QEMU: h_scm_bind_mem returns the DIMM's address every time; no H_OVERLAP after kexec")
    void kexecOnQemu() {
        for (String kernel : List.of("5.2", "5.3", "6.1")) {
            StepResult kexec = bootKexec(kernel, Hypervisor.QEMU).steps().get(1);
            assertEquals(List.of(BIND + " = H_SUCCESS [R4=0x44100002, R5=0x4000000000, R6=0x40]"), bindCalls(kexec),
                    kernel);
            assertEquals(true, kexec.state().get("pmem0").get("bound"), kernel);
        }
    }

    @Test
    @DisplayName("PowerVM: a panic keeps the binding (next boot sees H_OVERLAP); a reboot re-initialises the partition")
    void panicKeepsRebootReleases() {
        ScenarioResult panic = run(lpar("5.2", Hypervisor.POWERVM, 0, 0), step(new Action.Panic()),
                step(new Action.Boot()));
        assertEquals(List.of(BIND + " = H_OVERLAP"), bindCalls(panic.steps().get(1)));
        ScenarioResult reboot = run(lpar("5.2", Hypervisor.POWERVM, 0, 0), step(new Action.Boot()),
                step(new Action.Reboot(null)));
        assertEquals(List.of(BIND + " = H_SUCCESS [R4=0, R5=0x4000000000]"), bindCalls(reboot.steps().get(1)));
    }

    @Test
    @DisplayName("health: only valid bits count (R4 & R5); unarmed makes the region read-only; QEMU's mask is UNARMED")
    void health() {
        long unarmedFatal = SpaprHypervisor.healthBitmap(List.of("unarmed", "fatal"));
        assertEquals(0x8400_0000_0000_0000L, unarmedFatal); // bits 0 and 5 from the MSB
        StepResult powervm = run(lpar("6.1", Hypervisor.POWERVM, 0, unarmedFatal), step(new Action.Boot())).steps().get(0);
        assertTrue(powervm.hcalls().contains("H_SCM_HEALTH(0x44100002) = H_SUCCESS [R4=0x8400000000000000, "
                + "R5=0xffc0000000000000]"));
        assertEquals("not_armed smart_notify", powervm.state().get("pmem0").get("papr_flags"));
        // region_devs.c read_only_show() prints "%d": 1 (Linux 6.1.192 on QEMU unarmed=on reads 1: t19)
        assertEquals(1L, powervm.state().get("pmem0").get("read_only"));
        StepResult qemu = run(lpar("6.1", Hypervisor.QEMU, 0, unarmedFatal), step(new Action.Boot())).steps().get(0);
        assertEquals("not_armed", qemu.state().get("pmem0").get("papr_flags"));
    }

    @Test
    @DisplayName("a volatile SCM (no ibm,cache-flush-required) registers a region without a persistence domain")
    void volatileRegion() {
        ScmSpec scm = new ScmSpec("scratch", 0x44100003L, 256 * M, 4, 0, false, 0, 0, 0, SourceRef.NONE);
        PlatformSpec p = new PlatformSpec("lpar", Arch.PPC64, Mmu.RADIX, 64 * K, 0, Cpu.POWER9, "6.1",
                Hypervisor.POWERVM, null, List.of(), List.of(), null, List.of(scm), SourceRef.NONE);
        StepResult boot = run(p, step(new Action.Boot())).steps().get(0);
        assertEquals("unknown", boot.state().get("scratch").get("persistence_domain"));
        assertFalse(boot.hcalls().stream().anyMatch(h -> h.startsWith("H_SCM_READ_METADATA"))); // no label area
    }

    @Test
    @DisplayName("A-40/A-41, D-54: a label read past the area is rc 0 with cmd_rc -EINVAL; a command outside the "
            + "mask, and PDSM ids MIN (0) and MAX (3), are rc -EINVAL")
    void ioctlRcVersusCmdRc() {
        ScenarioResult r = run(lpar("6.1", Hypervisor.POWERVM, 0, 0),
                step(new Action.Ioctl("pmem0", "get-config-data", List.of(128 * K - 4, 8L))),
                step(new Action.Ioctl("pmem0", "get-config-data", List.of(0L, 12L))),
                step(new Action.Ioctl("pmem0", "cmd", List.of(7L)), "EINVAL"),
                step(new Action.Ioctl("pmem0", "pdsm", List.of(0L)), "EINVAL"),
                step(new Action.Ioctl("pmem0", "pdsm", List.of(3L)), "EINVAL"),
                step(new Action.Ioctl("pmem0", "pdsm-health", List.of())));
        assertTrue(r.steps().get(0).ok());
        assertEquals("-EINVAL", r.steps().get(0).values().get("cmd_rc"));
        assertEquals(List.of("H_SCM_READ_METADATA(0x44100002, 0, 8) = H_SUCCESS [R4=0]",
                "H_SCM_READ_METADATA(0x44100002, 8, 4) = H_SUCCESS [R4=0]"), r.steps().get(1).hcalls());
        for (int i = 2; i <= 4; i++) {
            assertEquals("EINVAL", r.steps().get(i).errno());
            assertTrue(r.steps().get(i).expectation().met());
        }
        assertEquals("healthy", r.steps().get(5).values().get("dimm_health"));
        assertEquals(0L, r.steps().get(5).values().get("cmd_status"));
    }
}
