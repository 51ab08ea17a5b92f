package org.pmdl.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.pmdl.model.rules.Rule;
import org.pmdl.model.rules.Rules;

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
            assertTrue(!r.source().isBlank() && !r.summary().isBlank(), r.id());
        }
    }
}
