package org.pmdl.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.pmdl.model.rules.Layer;
import org.pmdl.model.rules.Rule;
import org.pmdl.model.rules.Rules;
import org.pmdl.model.rules.Severity;
import org.pmdl.model.rules.Source;

class RulesCatalogTest {
    @Test
    @DisplayName("kernel rules are registered, upper-case, and name their source")
    void catalog() {
        Rule size = Rules.byId("ALIGN-NS-SIZE").orElseThrow();
        assertEquals("drivers/nvdimm/namespace_devs.c __size_store", size.source());
        assertTrue(Rules.byId("PFN-VALIDATE-COMPAT").isPresent());
        assertTrue(Rules.byId("SYNTAX").isPresent(), "language rules stay");
        assertTrue(Rules.byId("PM-POWER10-LEGACY").isPresent(), "persistence rules are registered");
        for (Rule r : Rules.all().values()) {
            assertTrue(r.id().matches("[A-Z0-9]+(-[A-Z0-9]+)*"), r.id());
            assertTrue(!r.source().isBlank() && !r.summary().isBlank() && !r.fix().isBlank(), r.id());
        }
    }

    /**
     * The seed threads (shared/seeds) are mail archives outside the repository: a fact read there is cited by the
     * upstream commit or function it describes, never by "seed 001 L1234" or "S1:5574".
     */
    @Test
    @DisplayName("no rule cites a line of a mail archive")
    void noMailArchiveLines() {
        Pattern archive = Pattern.compile("(?i)\\bseed\\b|\\bL\\d{3,}\\b|\\bS\\d+:\\d+");
        List<String> citing = Rules.all().values().stream().filter(r -> archive.matcher(r.source()).find())
                .map(r -> r.id() + ": " + r.source()).toList();
        assertEquals(List.of(), citing);
        assertTrue(archive.matcher("seed 001 L2947-2973 (B-01)").find() && archive.matcher("seed S1:5574").find(),
                "the pattern catches the old citations");
    }

    /** The layer is declared with the rule; reports print kernel and ndctl rules as they always did. */
    @Test
    @DisplayName("every rule states its layer; printed forms of the layers")
    void layers() {
        assertEquals("kernel", Rules.byId("ALIGN-REGION-STORE").orElseThrow().layer());
        assertEquals("ndctl", Rules.byId("NDCTL-REGION-ALIGN").orElseThrow().layer());
        assertEquals(Layer.DAXCTL, Rules.byId("DAXCTL-ONLINE-BUSY").orElseThrow().owner());
        assertEquals("kexec-tools", Rules.byId("KDUMP-NESTED-RAM").orElseThrow().layer());
        assertEquals("QEMU", Rules.byId("QEMU-UNPLUG-ROLLBACK").orElseThrow().layer());
        assertEquals("pmemcheck", Rules.byId("PM-FLUSH-UNWRITTEN").orElseThrow().layer());
        assertEquals(Layer.PMDL, Rules.byId("SYNTAX").orElseThrow().owner());
        // the printed form of a "PMDL language" rule is still "pmdl", and the analyzer still reads its source
        assertEquals("pmdl", Rules.SYNTAX.layer());
        assertEquals("PMDL language", Rules.SYNTAX.source());
    }

    @Test
    @DisplayName("sources read back as file, function and releases; a rule without a fix does not exist")
    void sources() {
        Source bind = new Source("arch/powerpc/platforms/pseries/papr_scm.c drc_pmem_query_n_bind (5.4+, commit x)");
        assertEquals("arch/powerpc/platforms/pseries/papr_scm.c", bind.file());
        assertEquals("drc_pmem_query_n_bind (5.4+, commit x)", bind.function());
        assertEquals("5.4+", bind.releases());
        assertEquals("5.3", new Source("papr_scm.c drc_pmem_bind (5.3, commit 3a855b7ac7d5)").releases());
        assertEquals("before 5.7", Rules.byId("ALIGN-PAGE-WAYS").orElseThrow().releases());
        assertEquals("5.7+", new Source("drivers/nvdimm/pfn_devs.c nd_pfn_validate (since v5.7)").releases());
        assertEquals("", new Source("PMDL language").releases());
        assertEquals("", new Source("PMDL language").file());
        Rule store = Rules.byId("ALIGN-REGION-STORE").orElseThrow();
        assertEquals(List.of("drivers/nvdimm/region_devs.c align_store"),
                store.sources().stream().map(Source::text).toList());
        assertThrows(IllegalArgumentException.class,
                () -> new Rule("X", Layer.KERNEL, Severity.ERROR, "f.c f", "summary", " "));
        assertFalse(Rules.byId("PM-PERSIST-DOMAIN").isPresent(), "decided nowhere: deleted (issue 18)");
    }
}
