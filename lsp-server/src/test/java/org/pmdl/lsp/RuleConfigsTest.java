package org.pmdl.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmdl.dsl.analysis.RuleConfig;

/**
 * The server's cached {@code .pmdl.json}: the same configuration as {@link RuleConfig#near} reads from disk, read once
 * while the file stays the same, and read again when it is rewritten, removed, or a nearer one appears.
 */
class RuleConfigsTest {
    @TempDir
    Path workspace;

    @Test
    void readOnceThenAgainWhenTheFileChanges() throws Exception {
        Path sub = Files.createDirectories(workspace.resolve("sub"));
        Path config = Files.writeString(workspace.resolve(".pmdl.json"), "{\"disable\": [\"EXPECT-UNMET\"]}");
        RuleConfigs configs = new RuleConfigs();

        RuleConfig first = configs.near(sub).orElseThrow();
        assertEquals(RuleConfig.near(sub).orElseThrow(), first);
        assertEquals(Set.of("EXPECT-UNMET"), first.settings().disabled());
        assertSame(first, configs.near(sub).orElseThrow(), "an unchanged file is not read again");

        // same size, a later modification time: read again
        Files.writeString(config, "{\"disable\": [\"STEP-REFUSED\"]}");
        Files.setLastModifiedTime(config, FileTime.fromMillis(Files.getLastModifiedTime(config).toMillis() + 2000));
        assertEquals(Set.of("STEP-REFUSED"), configs.near(sub).orElseThrow().settings().disabled());

        Files.writeString(sub.resolve(".pmdl.json"), "{}"); // the nearest configuration wins
        assertEquals(Set.of(), configs.near(sub).orElseThrow().settings().disabled());

        Files.delete(sub.resolve(".pmdl.json"));
        Files.delete(config);
        assertTrue(configs.near(sub).isEmpty() || !configs.near(sub).orElseThrow().file().startsWith(workspace),
                "a removed configuration no longer applies");
    }
}
