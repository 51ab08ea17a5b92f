package org.pmdl.dsl.analysis;

import java.util.Locale;
import java.util.Optional;
import org.pmdl.model.rules.Rule;
import org.pmdl.model.rules.Rules;

/**
 * Where a rule's page is: {@code docs/rules/SUBSYSTEM.md#rule-id} (one page per subsystem, a heading per rule), under
 * the repository's address, or under {@code PMDL_RULES_URL} (e.g. a local clone's {@code file:///…/docs/rules/} or a
 * fork's address). LSP diagnostics link it as {@code codeDescription.href}, SARIF rules as {@code helpUri}.
 */
public final class RuleLinks {
    public static final String DEFAULT_BASE = "https://github.com/pmdl/pmdl/blob/main/docs/rules/";

    private RuleLinks() {
    }

    /** The page of a subsystem's rules, relative to docs/rules/. */
    public static String page(String subsystem) {
        return subsystem + ".md";
    }

    /** GitHub's anchor of the rule's heading: its ID in lower case. */
    public static String anchor(Rule rule) {
        return rule.id().toLowerCase(Locale.ROOT);
    }

    /** The rule's page and heading under the base address; empty for an ID not in the catalog. */
    public static Optional<String> href(String ruleId) {
        return Rules.byId(ruleId).map(rule -> base() + page(Rules.subsystem(rule)) + "#" + anchor(rule));
    }

    private static String base() {
        String configured = System.getenv("PMDL_RULES_URL");
        if (configured == null || configured.isBlank()) {
            return DEFAULT_BASE;
        }
        return configured.endsWith("/") ? configured : configured + "/";
    }
}
