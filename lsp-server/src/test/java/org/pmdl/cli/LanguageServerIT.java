package org.pmdl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pmdl lsp}: the shaded jar's language server over stdio, driven by LSP4J's real client. */
class LanguageServerIT {

    /** Collects what the server pushes; the first non-empty diagnostics of the opened file complete the future. */
    static final class Client implements LanguageClient {
        final CompletableFuture<PublishDiagnosticsParams> diagnostics = new CompletableFuture<>();
        final String uri;

        Client(String uri) {
            this.uri = uri;
        }

        @Override
        public void publishDiagnostics(PublishDiagnosticsParams params) {
            if (params.getUri().equals(uri) && !params.getDiagnostics().isEmpty()) {
                diagnostics.complete(params);
            }
        }

        @Override
        public void telemetryEvent(Object object) {
        }

        @Override
        public void showMessage(MessageParams params) {
        }

        @Override
        public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams params) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void logMessage(MessageParams params) {
        }
    }

    @Test
    void publishesDiagnosticsWithRuleIds(@TempDir Path workspace) throws Exception {
        Path file = workspace.resolve("broken.pmdl");
        String text = """
                platform p {
                    arch x86_64
                    nvdimm nmem0 { size 4G }
                    region region0 at 0 { mapping nmem1 dpa 0 size 4G }
                }
                """;
        Files.writeString(file, text);
        String uri = file.toUri().toString();
        Process server = new ProcessBuilder(CliIT.javaExecutable(), "-jar", System.getProperty("pmdl.jar"), "lsp")
                .redirectError(workspace.resolve("server.log").toFile()).start();
        try {
            Client client = new Client(uri);
            var launcher = LSPLauncher.createClientLauncher(client, server.getInputStream(), server.getOutputStream());
            launcher.startListening();
            LanguageServer remote = launcher.getRemoteProxy();
            InitializeParams init = new InitializeParams();
            init.setCapabilities(new org.eclipse.lsp4j.ClientCapabilities());
            init.setRootUri(workspace.toUri().toString());
            init.setWorkspaceFolders(List.of(new WorkspaceFolder(workspace.toUri().toString(), "ws")));
            try {
                remote.initialize(init).get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new AssertionError("initialize failed; server log:\n"
                        + Files.readString(workspace.resolve("server.log")), e);
            }
            remote.initialized(new InitializedParams());
            remote.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                    new TextDocumentItem(uri, "pmdl", 1, text)));

            PublishDiagnosticsParams published = client.diagnostics.get(60, TimeUnit.SECONDS);
            var diagnostic = published.getDiagnostics().get(0);
            assertEquals("NAME-UNRESOLVED", diagnostic.getCode().getLeft());
            assertEquals(3, diagnostic.getRange().getStart().getLine(), "0-based line of `mapping nmem1`");
            assertTrue(diagnostic.getMessage().getLeft().contains("nmem0"), diagnostic.getMessage().getLeft());

            remote.shutdown().get(30, TimeUnit.SECONDS);
            remote.exit();
            assertTrue(server.waitFor(30, TimeUnit.SECONDS), "the server exits after shutdown/exit");
        } finally {
            server.destroyForcibly();
        }
    }
}
