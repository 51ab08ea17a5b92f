package org.pmdl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pmdl.cli.LanguageServerIT.hasRule;
import static org.pmdl.cli.LanguageServerIT.only;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rules for users in the language server (the shaded jar over stdio, LSP4J's client): the workspace's .pmdl.json
 * turns STEP-REFUSED up to an error and EXPECT-UNMET off; {@code // pmdl: disable} comments act on their line, the
 * next line or the whole file; diagnostics link their rule's page. The document is LanguageServerIT's: ndctl 76.1
 * refuses {@code align 3M} (and 5M, 6M) with EINVAL ("align must be a power-of-2", ndctl/namespace.c
 * parse_namespace_options), and ns0 is 1054867456 bytes, not 1G (observed on Linux 6.1.192, t02). A rule turned
 * off by any of the three offers no quick fix.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RulesLanguageServerIT {
    private static final String LINE_FORMS = LanguageServerIT.SCENARIO.replace("align 3M\n",
            "align 3M   // pmdl: disable STEP-REFUSED\n").replace("    expect ns0.size == 1G\n", """
                create namespace ns2 in region0 mode fsdax size 1G align 5M
                // pmdl: disable STEP-REFUSED
                create namespace ns3 in region0 mode fsdax size 1G align 6M
            """);
    private static final String WHOLE_FILE = "// pmdl: disable STEP-REFUSED, NO-SUCH-RULE\n"
            + LanguageServerIT.SCENARIO;

    Path workspace;
    LspSession session;

    @BeforeAll
    void startServer(@TempDir Path dir) throws Exception {
        workspace = dir;
        write(".pmdl.json", "{\"error\": [\"STEP-REFUSED\"], \"disable\": [\"EXPECT-UNMET\"]}");
        write("platform.pmdl", LanguageServerIT.PLATFORM);
        write("sub/.pmdl.json", "{}"); // the nearest configuration wins: nothing is disabled under sub/
        write("sub/platform.pmdl", LanguageServerIT.PLATFORM);
        write("bad/.pmdl.json", "{\"disable\": [\"STEP-REFUSED\"");
        write("off/.pmdl.json", "{\"disable\": [\"NDCTL-ALIGN-OPTION\"]}");
        write("off/platform.pmdl", LanguageServerIT.PLATFORM);
        InitializeParams init = new InitializeParams();
        init.setRootUri(workspace.toUri().toString());
        init.setWorkspaceFolders(List.of(new WorkspaceFolder(workspace.toUri().toString(), "ws")));
        session = LanguageServerIT.start(init, workspace.resolve("server.log"));
    }

    @AfterAll
    void stopServer() throws Exception {
        try {
            assertTrue(session.shutdown(), "the server exits after shutdown/exit");
        } finally {
            session.close();
        }
    }

    @Test
    void theWorkspaceConfigurationTurnsRulesUpAndOff() throws Exception {
        List<Diagnostic> diagnostics = open("configured.pmdl", LanguageServerIT.SCENARIO,
                p -> hasRule(p.getDiagnostics(), "STEP-REFUSED"));
        Diagnostic refused = only(diagnostics, "STEP-REFUSED");
        assertEquals(DiagnosticSeverity.Error, refused.getSeverity(), "turned up by \"error\"");
        assertEquals("https://github.com/pmdl/pmdl/blob/main/docs/rules/language.md#step-refused",
                refused.getCodeDescription().getHref());
        assertFalse(hasRule(diagnostics, "EXPECT-UNMET"), "disabled by the configuration: " + diagnostics);
    }

    @Test
    void commentsSilenceTheirLineAndTheNextLineWithCode() throws Exception {
        String uri = workspace.resolve("line.pmdl").toUri().toString();
        List<Diagnostic> diagnostics = open("line.pmdl", LINE_FORMS, p -> hasRule(p.getDiagnostics(), "STEP-REFUSED"));
        Diagnostic left = only(diagnostics, "STEP-REFUSED");
        assertEquals(8, left.getRange().getStart().getLine(), "only the ns2 step, which no comment covers");
        // what the model predicts is unchanged: every one of the three steps is still refused
        List<InlayHint> hints = LanguageServerIT.get(session.server().getTextDocumentService().inlayHint(
                new InlayHintParams(new TextDocumentIdentifier(uri), new Range(new Position(0, 0),
                        new Position(20, 0)))));
        assertEquals(3, hints.stream().filter(h -> h.getLabel().getLeft().equals("→ EINVAL")).count(),
                hints.toString());
    }

    @Test
    void aHeaderCommentSilencesTheWholeFileAndAnUnknownRuleIsLocated() throws Exception {
        List<Diagnostic> diagnostics = open("sub/whole.pmdl", WHOLE_FILE, p -> hasRule(p.getDiagnostics(),
                "EXPECT-UNMET"));
        assertFalse(hasRule(diagnostics, "STEP-REFUSED"), diagnostics.toString());
        Diagnostic unknown = only(diagnostics, "RULE-UNKNOWN");
        assertEquals(new Range(new Position(0, 31), new Position(0, 43)), unknown.getRange());
        assertEquals(DiagnosticSeverity.Warning, unknown.getSeverity());
    }

    @Test
    void aBrokenConfigurationIsALocatedDiagnostic() throws Exception {
        List<Diagnostic> diagnostics = open("bad/platform.pmdl", LanguageServerIT.PLATFORM,
                p -> hasRule(p.getDiagnostics(), "CONFIG-INVALID"));
        Diagnostic invalid = only(diagnostics, "CONFIG-INVALID");
        assertTrue(invalid.getMessage().getLeft().contains(".pmdl.json:1:"), invalid.getMessage().getLeft());
        assertEquals(DiagnosticSeverity.Error, invalid.getSeverity());
    }

    /**
     * A disabled rule offers no quick fix. The `align 3M` step is refused under NDCTL-ALIGN-OPTION, whose fix is the
     * supported align 2M; the refusal itself is STEP-REFUSED, whose fix is `expect error EINVAL`.
     */
    @Test
    void aDisabledRuleOffersNoQuickFix() throws Exception {
        String align = "Use align 2M (supported: 4K, 2M, 1G)";
        String expect = "Expect the refusal: expect error EINVAL";
        assertEquals(List.of(align, expect), fixTitles("sub/fixes.pmdl", LanguageServerIT.SCENARIO),
                "nothing disabled under sub/");
        assertEquals(List.of(expect), fixTitles("off/fixes.pmdl", LanguageServerIT.SCENARIO), "the configuration");
        assertEquals(List.of(expect), fixTitles("sub/line-off.pmdl", LanguageServerIT.SCENARIO.replace("align 3M\n",
                "align 3M   // pmdl: disable NDCTL-ALIGN-OPTION\n")), "a comment on the line");
        assertEquals(List.of(), fixTitles("sub/refusal-off.pmdl", "// pmdl: disable STEP-REFUSED\n"
                + LanguageServerIT.SCENARIO),
                "the refusal silenced in the whole file");
    }

    /** The titles of the code actions on the `align 3M` step of a document once its diagnostics are in. */
    private List<String> fixTitles(String name, String text) throws Exception {
        String uri = workspace.resolve(name).toUri().toString();
        open(name, text, p -> hasRule(p.getDiagnostics(), "EXPECT-UNMET") || hasRule(p.getDiagnostics(),
                "STEP-REFUSED"));
        int line = (int) text.lines().takeWhile(l -> !l.contains("align 3M")).count();
        return LanguageServerIT.get(session.server().getTextDocumentService().codeAction(new CodeActionParams(
                new TextDocumentIdentifier(uri), new Range(new Position(line, 0), new Position(line, 80)),
                new CodeActionContext(List.of())))).stream().map(a -> a.getRight().getTitle()).toList();
    }

    private List<Diagnostic> open(String name, String text, Predicate<PublishDiagnosticsParams> until)
            throws Exception {
        String uri = write(name, text).toUri().toString();
        int seen = session.publishedCount();
        session.open(uri, text);
        return session.awaitDiagnostics(uri, seen, until, 60_000).params().getDiagnostics();
    }

    private Path write(String name, String text) throws Exception {
        Path file = workspace.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }
}
