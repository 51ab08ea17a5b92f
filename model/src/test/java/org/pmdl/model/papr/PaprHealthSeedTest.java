package org.pmdl.model.papr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pmdl.model.Fixtures.run;
import static org.pmdl.model.Fixtures.step;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.pmdl.model.scenario.Action;
import org.pmdl.model.topology.Hypervisor;

/**
 * seed-rules-C §1.8, C-67…C-69, scenario §4.23: the papr_scm health bits as seed 001 reviews them (Vaibhav Jain's
 * v5 1/4, L3609-3737). The pseries model (issue 9) already implements them; this pins them to the seed.
 */
class PaprHealthSeedTest {
    private static Map<String, Object> pmem0(long health) {
        return run(PaprScmTest.lpar("6.1", Hypervisor.POWERVM, 0, health), step(new Action.Boot()))
                .stateAfter(0).get("pmem0");
    }

    @Test
    @DisplayName("C-67: PPC_BIT(n) numbers from the MSB: PPC_BIT(6) = 0x0200_0000_0000_0000")
    void ppcBit() {
        assertEquals(0x0200_0000_0000_0000L, SpaprHypervisor.healthBit(6));
        assertEquals(0x0100_0000_0000_0000L, SpaprHypervisor.healthBit(7));
    }

    @Test
    @DisplayName("C-68 (L3683-3684, L3732-3734): HEALTH_UNHEALTHY (bit 6) is unarmed; HEALTH_NON_CRITICAL (bit 7) no "
            + "longer is (v3)")
    void unarmedMask() {
        assertTrue(((String) pmem0(SpaprHypervisor.healthBit(6)).get("papr_flags")).contains("not_armed"));
        assertFalse(((String) pmem0(SpaprHypervisor.healthBit(7)).get("papr_flags")).contains("not_armed"));
    }

    @Test
    @DisplayName("C-69 (L3631-3637): the failed-shutdown flag is named flush_fail, as in nfit, not save_fail")
    void flushFail() {
        String flags = (String) pmem0(SpaprHypervisor.healthBit(1)).get("papr_flags");
        assertTrue(flags.contains("flush_fail"));
        assertFalse(flags.contains("save_fail"));
    }
}
