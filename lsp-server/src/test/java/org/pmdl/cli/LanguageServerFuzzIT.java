package org.pmdl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DocumentHighlightParams;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.FoldingRangeRequestParams;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ReferenceContext;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random edits against the real server: grammar-aware mutations (PMDL tokens inserted, ranges deleted, lines
 * duplicated) and random characters, each followed by a request at a random position. The server must answer every
 * request (a result, or "cancelled" when a later edit superseded it), never fail one internally, never die, and
 * still hold the document: after the storm, restoring the text gives exactly the diagnostics the text deserves.
 * {@code -Dpmdl.fuzz.edits=N} scales it (default 10,000); the seed is fixed and printed.
 */
class LanguageServerFuzzIT {
    private static final String[] TOKENS = {"platform", "scenario", "on", "{", "}", "arch", "x86_64", "ppc64",
        "kernel", "\"6.1\"", "nvdimm", "region", "at", "mapping", "dpa", "size", "label-area", "scm", "lpar",
        "create", "namespace", "in", "mode", "fsdax", "devdax", "raw", "sector", "align", "map", "dev", "force",
        "reconfigure", "destroy", "init-labels", "set", "expect", "ok", "error", "EINVAL", "ENXIO", "durable",
        "ordered", "before", "log", "\"text\"", "store", "clwb", "sfence", "power-fail", "crash", "anywhere",
        "kexec", "reboot", "into", "import", "\"platform.pmdl\"", "nmem0", "region0", "ns0", "ns1",
        "namespace0.0", "ns0.size", "region0.available_size", "==", "!=", "<", "implies", "not", "bound", "[", "]",
        "=", "0", "1G", "2M", "3M", "4G", "128K", "0x100000000", "4G - 128K", "64 * 256M", "(", ")", "-", "+", "*",
        "\n", " ", "    ", "//", "/*", "*/", "\"", "."};

    /** Requests in flight at once: an edit arriving while a request runs cancels it (Xtext's write-over-read). */
    private static final int BATCH = Integer.getInteger("pmdl.fuzz.batch", 1);

    private final Random random = new Random(20261121L);

    @Test
    void survivesRandomEdits(@TempDir Path workspace) throws Exception {
        int edits = Integer.getInteger("pmdl.fuzz.edits", 10_000);
        String original = LanguageServerIT.PLATFORM + LanguageServerIT.SCENARIO.replace("import \"platform.pmdl\"\n",
                "");
        String uri = workspace.resolve("fuzz.pmdl").toUri().toString();
        InitializeParams init = new InitializeParams();
        init.setRootUri(workspace.toUri().toString());
        Path log = Path.of("target", "lsp-fuzz-server.log"); // kept for a failure's stack trace
        try (LspSession session = LanguageServerIT.start(init, log)) {
            TextDocumentService documents = session.server().getTextDocumentService();
            session.open(uri, original);
            StringBuilder text = new StringBuilder(original);
            List<CompletableFuture<?>> pending = new ArrayList<>();
            int answered = 0;
            int cancelled = 0;
            long started = System.nanoTime();
            for (int edit = 1; edit <= edits; edit++) {
                TextDocumentContentChangeEvent change = text.length() > 8_000 ? reset(text, original) : mutate(text);
                session.change(uri, edit + 1, change);
                pending.add(request(documents, uri, text.toString()));
                if (pending.size() == BATCH || edit == edits) {
                    for (CompletableFuture<?> future : pending) {
                        if (answer(future)) {
                            answered++;
                        } else {
                            cancelled++;
                        }
                    }
                    pending.clear();
                    assertTrue(session.process().isAlive(), "server died after edit " + edit);
                }
            }
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            System.out.printf("fuzz: %d edits, %d requests answered, %d cancelled by a later edit, %d s%n", edits,
                    answered, cancelled, seconds);
            assertEquals(edits, answered + cancelled);

            int seen = session.publishedCount();
            session.change(uri, edits + 2, new TextDocumentContentChangeEvent(original));
            // the restored text is run again: its two findings, and nothing left over from the fuzzing
            List<String> expected = List.of("STEP-REFUSED", "EXPECT-UNMET");
            session.awaitDiagnostics(uri, seen, p -> p.getDiagnostics().stream().map(d -> d.getCode().getLeft())
                    .toList().equals(expected), 60_000);
            assertTrue(session.shutdown(), "the server exits after shutdown/exit");
        }
        // every edit was reparsed in place, or fell back to a full parse for a reason other than a wrong text
        assertFalse(Files.readString(log).contains("in place gave another text"), Files.readString(log));
    }

    /** True for a result, false for "cancelled"; any other error response fails the test. */
    private static boolean answer(CompletableFuture<?> future) throws Exception {
        try {
            future.get(60, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ResponseErrorException error
                    && error.getResponseError().getCode() == ResponseErrorCode.RequestCancelled.getValue()) {
                return false;
            }
            throw e;
        }
    }

    private TextDocumentContentChangeEvent mutate(StringBuilder text) {
        int at = random.nextInt(text.length() + 1);
        int choice = random.nextInt(10);
        if (choice < 4) {
            return replace(text, at, at, TOKENS[random.nextInt(TOKENS.length)] + (random.nextBoolean() ? " " : ""));
        } else if (choice < 6) {
            return replace(text, at, Math.min(text.length(), at + 1 + random.nextInt(20)), "");
        } else if (choice < 7) {
            int lineStart = text.lastIndexOf("\n", Math.max(0, at - 1)) + 1;
            int lineEnd = text.indexOf("\n", at);
            String line = text.substring(lineStart, lineEnd < 0 ? text.length() : lineEnd + 1);
            return replace(text, lineStart, lineStart, line);
        } else {
            StringBuilder noise = new StringBuilder();
            for (int i = random.nextInt(8); i >= 0; i--) {
                int codePoint;
                do {
                    codePoint = random.nextInt(4) == 0 ? random.nextInt(0x1F000) : random.nextInt(0x80);
                } while (Character.getType(codePoint) == Character.SURROGATE);
                noise.appendCodePoint(codePoint);
            }
            // never split a surrogate pair already in the text
            int safe = at > 0 && at < text.length() && Character.isLowSurrogate(text.charAt(at)) ? at + 1 : at;
            return replace(text, safe, safe, noise.toString());
        }
    }

    /** Applies the edit locally and describes it as LSP does (UTF-16 positions, as Java strings count). */
    private static TextDocumentContentChangeEvent replace(StringBuilder text, int from, int to, String with) {
        if (from < text.length() && from > 0 && Character.isLowSurrogate(text.charAt(from))) {
            from++;
        }
        if (to < text.length() && to > from && Character.isLowSurrogate(text.charAt(to))) {
            to++;
        }
        to = Math.max(from, Math.min(to, text.length()));
        from = Math.min(from, text.length());
        Range range = new Range(LspSession.position(text, from), LspSession.position(text, to));
        text.replace(from, to, with);
        return new TextDocumentContentChangeEvent(range, with);
    }

    private static TextDocumentContentChangeEvent reset(StringBuilder text, String original) {
        text.setLength(0);
        text.append(original);
        return new TextDocumentContentChangeEvent(original);
    }

    private CompletableFuture<?> request(TextDocumentService documents, String uri, String text) {
        TextDocumentIdentifier id = new TextDocumentIdentifier(uri);
        Position at = LspSession.position(text, random.nextInt(text.length() + 1));
        return switch (random.nextInt(10)) {
            case 0 -> documents.hover(new HoverParams(id, at));
            case 1 -> documents.completion(new CompletionParams(id, at));
            case 2 -> documents.inlayHint(new InlayHintParams(id, new Range(new Position(0, 0), at)));
            case 3 -> documents.documentSymbol(new DocumentSymbolParams(id));
            case 4 -> documents.semanticTokensFull(new SemanticTokensParams(id));
            case 5 -> documents.foldingRange(new FoldingRangeRequestParams(id));
            case 6 -> documents.codeLens(new CodeLensParams(id));
            case 7 -> documents.references(new ReferenceParams(id, at, new ReferenceContext(true)));
            case 8 -> documents.documentHighlight(new DocumentHighlightParams(id, at));
            default -> documents.definition(new DefinitionParams(id, at));
        };
    }
}
