package org.pmdl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.WindowClientCapabilities;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workspace build runs after {@code initialize} has answered, with work-done progress: {@code examples/} as the
 * root, a real server over stdio and LSP4J's client.
 */
class LanguageServerIndexingIT {
    private static final Path EXAMPLES = Path.of(System.getProperty("pmdl.examples")).toAbsolutePath().normalize();

    @Test
    void theWorkspaceIsBuiltAfterInitializeWithProgressAndEveryFileDiagnosed(@TempDir Path dir) throws Exception {
        InitializeParams init = new InitializeParams();
        init.setRootUri(EXAMPLES.toUri().toString());
        WindowClientCapabilities window = new WindowClientCapabilities();
        window.setWorkDoneProgress(true); // as VS Code
        ClientCapabilities capabilities = new ClientCapabilities();
        capabilities.setWindow(window);
        init.setCapabilities(capabilities);
        Set<String> files = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(EXAMPLES)) {
            walk.filter(f -> f.toString().endsWith(".pmdl")).forEach(f -> files.add(f.toUri().toString()));
        }
        try (LspSession session = LanguageServerIT.start(init, dir.resolve("server.log"))) {
            // sent at once after initialized: answered from the built workspace, after the build, not refused
            String first = files.iterator().next();
            var symbols = session.server().getTextDocumentService().documentSymbol(
                    new DocumentSymbolParams(new TextDocumentIdentifier(first))).get(120, TimeUnit.SECONDS);
            assertFalse(symbols.isEmpty(), "the outline of " + first);

            session.awaitProgressEnd(120_000);
            List<String> progress = session.progress();
            assertEquals("create pmdl-workspace-build", progress.get(0), progress.toString());
            assertEquals("begin 0/" + files.size() + " files", progress.get(1), progress.toString());
            assertTrue(progress.contains("report " + files.size() + "/" + files.size() + " files"),
                    progress.toString());
            assertEquals("end " + files.size() + " files built", progress.get(progress.size() - 1));

            Set<String> diagnosed = new TreeSet<>();
            for (String file : files) {
                session.awaitDiagnostics(file, 0, p -> true, 60_000);
                diagnosed.add(file);
            }
            assertEquals(files, diagnosed);
            assertTrue(session.shutdown());
        }
    }
}
