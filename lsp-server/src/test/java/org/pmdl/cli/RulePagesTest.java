package org.pmdl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.pmdl.dsl.analysis.RuleLinks;
import org.pmdl.model.rules.Rule;
import org.pmdl.model.rules.Rules;

/**
 * docs/rules/ is a golden file: the pages as {@code pmdl rules --docs docs/rules examples/} writes them now, from the
 * catalog and from running every example. A changed rule, a new rule or an example that now produces a rule
 * differently makes this fail until the pages are written again.
 */
class RulePagesTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path PAGES = ROOT.resolve("docs/rules");

    @Test
    void theCommittedPagesAreThoseTheCommandWrites() throws Exception {
        PmdlFiles.Selection examples = PmdlFiles.collect(List.of(ROOT.resolve("examples").toString()));
        Map<String, String> expected = RulePages.render(examples.files(), ROOT);
        try (Stream<Path> files = Files.list(PAGES)) {
            assertEquals(new TreeSet<>(expected.keySet()), new TreeSet<>(files.map(f -> f.getFileName().toString())
                    .toList()), "docs/rules/ holds exactly the generated pages");
        }
        for (Map.Entry<String, String> page : expected.entrySet()) {
            assertEquals(page.getValue(), Files.readString(PAGES.resolve(page.getKey()), StandardCharsets.UTF_8),
                    "docs/rules/" + page.getKey() + " is stale: run ./pmdl rules --docs docs/rules examples/");
        }
    }

    /** Every rule's link (LSP codeDescription.href, SARIF helpUri) lands on a heading of its page. */
    @Test
    void everyRuleHasItsHeadingWhereItsLinkPoints() throws Exception {
        for (Rule rule : Rules.all().values()) {
            String href = RuleLinks.href(rule.id()).orElseThrow();
            String page = href.substring(RuleLinks.DEFAULT_BASE.length(), href.indexOf('#'));
            String text = Files.readString(PAGES.resolve(page), StandardCharsets.UTF_8);
            assertTrue(text.contains("\n## " + rule.id() + "\n"), rule.id() + " has no heading in " + page);
            assertEquals(rule.id().toLowerCase(java.util.Locale.ROOT), href.substring(href.indexOf('#') + 1),
                    "GitHub's anchor of a heading is its text in lower case (IDs are letters, digits and dashes)");
            assertTrue(rule.id().matches("[A-Z0-9-]+"), rule.id());
        }
    }
}
