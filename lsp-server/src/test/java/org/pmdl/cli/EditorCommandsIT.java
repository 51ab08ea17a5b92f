package org.pmdl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the VS Code extension asks of {@code pmdl lsp} beyond the protocol: the address map as SVG
 * ({@code pmdl.addressMap}) and the editor's run settings in {@code initializationOptions} (kernel profile
 * override, exploration bound), which {@code pmdl.run} applies. The real server over stdio, LSP4J's client.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EditorCommandsIT {
    /**
     * Two stores that no flush or fence orders, then a power failure, then an expectation that holds in every
     * post-crash state (both lines read 0 or 1): deciding it takes all four states, so a bound of 3 stops the
     * exploration first (PM-CRASH-BOUND), as the model's own PersistenceFindingsTest.bound shows for this program.
     */
    static final String SCENARIOS = """
            import "platform.pmdl"

            scenario unordered on qemu_x86 {
                init-labels nmem0
                create namespace ns0 in region0 mode fsdax size 1G
                store ns0[0x0] = 1
                store ns0[0x100] = 1
                power-fail
                expect ns0[0x100] <= 1 implies ns0[0x0] <= 1
            }
            """;

    LspSession session;
    String platformUri;
    String scenariosUri;

    @BeforeAll
    void startServer(@TempDir Path workspace) throws Exception {
        Path platform = workspace.resolve("platform.pmdl");
        Path scenarios = workspace.resolve("scenarios.pmdl");
        Files.writeString(platform, LanguageServerIT.PLATFORM);
        Files.writeString(scenarios, SCENARIOS);
        platformUri = platform.toUri().toString();
        scenariosUri = scenarios.toUri().toString();
        InitializeParams init = new InitializeParams();
        init.setWorkspaceFolders(List.of(new WorkspaceFolder(workspace.toUri().toString(), "ws")));
        JsonObject settings = new JsonObject(); // as the extension sends them (vscode-extension/src/extension.ts)
        settings.addProperty("kernelProfile", "4.0");
        settings.addProperty("explorationBound", 3);
        init.setInitializationOptions(settings);
        session = LanguageServerIT.start(init, workspace.resolve("server.log"));
        int seen = session.publishedCount();
        session.open(platformUri, LanguageServerIT.PLATFORM);
        session.open(scenariosUri, SCENARIOS);
        session.awaitDiagnostics(scenariosUri, seen, p -> !p.getDiagnostics().isEmpty(), 60_000);
    }

    /** The live runs behind the diagnostics take the editor's kernel profile too (their bound stays the LIVE one). */
    @Test
    void liveDiagnosticsRunUnderTheEditorsKernelProfile() throws Exception {
        var published = session.awaitDiagnostics(scenariosUri, 0, p -> p.getDiagnostics().stream()
                .anyMatch(d -> "KERNEL-UNKNOWN".equals(d.getCode().getLeft())), 60_000);
        assertTrue(published.params().getDiagnostics().stream().noneMatch(d -> "PM-CRASH-BOUND".equals(
                d.getCode().getLeft())), published.params().getDiagnostics().toString());
    }

    @AfterAll
    void stopServer() throws Exception {
        try {
            assertTrue(session.shutdown(), "the server exits after shutdown/exit");
        } finally {
            session.close();
        }
    }

    private Map<?, ?> execute(String command, Object... arguments) throws Exception {
        return (Map<?, ?>) LanguageServerIT.get(session.server().getWorkspaceService()
                .executeCommand(new ExecuteCommandParams(command, List.of(arguments))));
    }

    /** The map is `pmdl map`'s drawing (MapIT checks its geometry): here, that the server answers it. */
    @Test
    void addressMapOfAnImportedPlatform() throws Exception {
        Map<?, ?> answer = execute("pmdl.addressMap", scenariosUri, "qemu_x86");
        assertEquals("qemu_x86", answer.get("platform"), answer.toString());
        String svg = (String) answer.get("svg");
        assertTrue(svg.startsWith("<svg") && svg.contains("region0") && svg.contains("0x100000000"), svg);
        assertTrue(svg.contains("platform qemu_x86 (x86_64): SPA space, as declared"), svg);
    }

    @Test
    void addressMapNamesWhatIsMissing() throws Exception {
        assertEquals(Map.of("error", "no platform named 'nowhere' in this file or its imports"),
                execute("pmdl.addressMap", platformUri, "nowhere"));
        assertTrue(String.valueOf(execute("pmdl.addressMap", platformUri).get("error")).startsWith("usage: "));
    }

    /**
     * A Run right after opening, before the live run has finished: the command runs the document itself rather
     * than answering "not run yet". The run is refused by ndctl's capacity check (5G in a 4G - 128K region).
     */
    @Test
    void runBeforeTheLiveRunFinished() throws Exception {
        String uri = scenariosUri.replace("scenarios.pmdl", "fresh.pmdl");
        session.open(uri, "import \"platform.pmdl\"\nscenario too_big on qemu_x86 {\n    init-labels nmem0\n"
                + "    create namespace ns0 in region0 mode raw size 5G  expect error ENOSPC\n}\n");
        Map<?, ?> report = execute("pmdl.run", uri, "too_big");
        assertEquals("too_big", report.get("scenario"), report.toString());
        assertEquals(2.0, report.get("steps"), report.toString());
    }

    /**
     * kernelProfile replaces the platform's "6.1" like `--kernel`; "4.0" is no profile the model knows, which the
     * run reports as KERNEL-UNKNOWN. The bound of 3 stops the crash exploration (PM-CRASH-BOUND).
     */
    @Test
    void runAppliesTheEditorsKernelProfileAndExplorationBound() throws Exception {
        Map<?, ?> report = execute("pmdl.run", scenariosUri, "unordered");
        List<?> findings = (List<?>) report.get("findings");
        assertTrue(findings != null, report.toString());
        assertTrue(findings.stream().anyMatch(f -> f.toString().startsWith("KERNEL-UNKNOWN: kernel \"4.0\"")),
                findings.toString());
        assertTrue(findings.stream().anyMatch(f -> f.toString().startsWith("PM-CRASH-BOUND")), findings.toString());
    }
}
