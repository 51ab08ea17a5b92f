package org.pmdl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The language server as {@code ./pmdl lsp} runs it (160 MiB heap, 512K stacks), driven over raw stdio by a client
 * that breaks the rules on purpose: bad headers, unknown methods and commands, positions outside the document,
 * files outside the workspace, requests after shutdown, 40 requests in flight over edits, deep and long
 * documents, imports of FIFOs and devices. Every request gets a JSON-RPC answer with the right code and no
 * document text; the server keeps serving; stderr stays empty in normal editing.
 */
class LanguageServerHostileIT {
    static final List<String> SERVER_JVM = List.of("-Xmx160m", "-XX:+UseSerialGC", "-XX:ReservedCodeCacheSize=64m",
            "-Xss512k");

    @TempDir
    Path workspace;
    private RawClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.process.destroyForcibly();
        }
    }

    /** A client that frames JSON-RPC itself, so it can also send what LSP4J's client never would. */
    static final class RawClient {
        final Process process;
        final Path log;
        private final OutputStream in;
        private final Map<Integer, JsonObject> responses = new ConcurrentHashMap<>();
        final List<JsonObject> notifications = Collections.synchronizedList(new ArrayList<>());
        private int nextId = 1;

        RawClient(Path workspace, Path log, Integer processId) throws Exception {
            this(workspace, log, processId, null);
        }

        /** @param options the client's initializationOptions (the editor's PMDL settings), or null */
        RawClient(Path workspace, Path log, Integer processId, JsonElement options) throws Exception {
            List<String> command = new ArrayList<>(List.of(CliIT.javaExecutable()));
            command.addAll(SERVER_JVM);
            command.addAll(List.of("-jar", System.getProperty("pmdl.jar"), "lsp"));
            this.log = log;
            process = new ProcessBuilder(command).redirectError(log.toFile()).start();
            in = process.getOutputStream();
            Thread reader = new Thread(() -> read(process.getInputStream()));
            reader.setDaemon(true);
            reader.start();
            JsonObject params = new JsonObject();
            params.addProperty("rootUri", workspace.toUri().toString());
            if (processId != null) {
                params.addProperty("processId", processId);
            }
            params.add("capabilities", new JsonObject());
            if (options != null) {
                params.add("initializationOptions", options);
            }
            assertNotNull(request("initialize", params).get("result"));
            notify("initialized", new JsonObject());
        }

        private void read(InputStream out) {
            try {
                while (true) {
                    StringBuilder header = new StringBuilder();
                    int c;
                    while (!header.toString().endsWith("\r\n\r\n")) {
                        if ((c = out.read()) < 0) {
                            return;
                        }
                        header.append((char) c);
                    }
                    int length = Integer.parseInt(header.toString().replaceAll("(?s).*Content-Length: (\\d+).*",
                            "$1"));
                    JsonObject message = JsonParser.parseString(new String(out.readNBytes(length),
                            StandardCharsets.UTF_8)).getAsJsonObject();
                    if (message.has("id") && !message.has("method")) {
                        responses.put(message.get("id").getAsInt(), message);
                    } else {
                        notifications.add(message);
                    }
                }
            } catch (IOException e) {
                // the server went away; the tests notice by its exit
            }
        }

        synchronized void raw(byte[] bytes) throws IOException {
            in.write(bytes);
            in.flush();
        }

        void send(JsonObject message) throws IOException {
            byte[] body = message.toString().getBytes(StandardCharsets.UTF_8);
            raw(concat(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII), body));
        }

        synchronized int sendRequest(String method, JsonElement params) throws IOException {
            JsonObject message = new JsonObject();
            message.addProperty("jsonrpc", "2.0");
            int id = nextId++;
            message.addProperty("id", id);
            message.addProperty("method", method);
            message.add("params", params);
            send(message);
            return id;
        }

        JsonObject await(int id) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < end) {
                JsonObject response = responses.remove(id);
                if (response != null) {
                    return response;
                }
                Thread.sleep(5);
            }
            throw new AssertionError("no answer to request " + id + "; server log:\n" + serverLog());
        }

        JsonObject request(String method, JsonElement params) throws Exception {
            return await(sendRequest(method, params));
        }

        void notify(String method, JsonElement params) throws IOException {
            JsonObject message = new JsonObject();
            message.addProperty("jsonrpc", "2.0");
            message.addProperty("method", method);
            message.add("params", params);
            send(message);
        }

        void open(String uri, String text, int version) throws IOException {
            notify("textDocument/didOpen", json(Map.of("textDocument", Map.of("uri", uri, "languageId", "pmdl",
                    "version", version, "text", text))));
        }

        /** Diagnostics published for the uri (any so far, in order) that satisfy the predicate. */
        List<JsonObject> diagnostics(String uri, java.util.function.Predicate<List<JsonObject>> accept)
                throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            int seen = 0;
            while (System.nanoTime() < end) {
                List<JsonObject> all = new ArrayList<>(notifications);
                for (; seen < all.size(); seen++) {
                    JsonObject message = all.get(seen);
                    if ("textDocument/publishDiagnostics".equals(message.get("method").getAsString())
                            && uri.equals(message.getAsJsonObject("params").get("uri").getAsString())) {
                        List<JsonObject> diagnostics = new ArrayList<>();
                        message.getAsJsonObject("params").getAsJsonArray("diagnostics").forEach(d -> diagnostics.add(
                                d.getAsJsonObject()));
                        if (accept.test(diagnostics)) {
                            return diagnostics;
                        }
                    }
                }
                Thread.sleep(100);
            }
            throw new AssertionError("no such diagnostics for " + uri + "; server log:\n" + serverLog());
        }

        String serverLog() {
            try {
                return Files.readString(log);
            } catch (IOException e) {
                return e.toString();
            }
        }
    }

    static JsonElement json(Object value) {
        return new com.google.gson.Gson().toJsonTree(value);
    }

    static JsonObject position(String uri, int line, int character) {
        return json(Map.of("textDocument", Map.of("uri", uri), "position", Map.of("line", line, "character",
                character))).getAsJsonObject();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static int errorCode(JsonObject response) {
        assertTrue(response.has("error"), response::toString);
        return response.getAsJsonObject("error").get("code").getAsInt();
    }

    private static String code(JsonObject diagnostic) {
        return diagnostic.has("code") ? diagnostic.get("code").getAsString() : null;
    }

    private static String message(JsonObject diagnostic) {
        return diagnostic.get("message").getAsString();
    }

    @Test
    void protocolErrorsGetTheRightCodesAndTheServerCarriesOn() throws Exception {
        client = new RawClient(workspace, workspace.resolve("server.log"), null);
        String uri = workspace.resolve("a.pmdl").toUri().toString();
        String secret = "platform secret_text_here {\n    arch x86_64\n}\n";
        client.open(uri, secret, 1);

        assertEquals(-32601, errorCode(client.request("pmdl/noSuchMethod", new JsonObject())), "MethodNotFound");
        assertEquals(-32602, errorCode(client.request("workspace/executeCommand", json(Map.of("command",
                "no.such.command", "arguments", List.of())))), "InvalidParams for an unknown command");
        JsonObject outside = client.request("textDocument/hover", position(uri, 400, 7));
        assertEquals(-32602, errorCode(outside), "InvalidParams for a position outside the document");
        assertFalse(outside.toString().contains("secret_text_here"), "no document text in an error: " + outside);
        assertEquals(-32602, errorCode(client.request("textDocument/hover", position("file:///etc/passwd.pmdl", 0,
                0))), "a file outside the workspace is not read");

        // A header that is not a length, then one that cuts the message short: each costs that message only.
        client.raw("Content-Length: twelve\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":900,\"method\":\"x\"}".getBytes(
                StandardCharsets.US_ASCII));
        client.raw("Content-Length: 7\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":901,\"method\":\"x\"}".getBytes(
                StandardCharsets.US_ASCII));
        JsonObject symbols = client.request("textDocument/documentSymbol", json(Map.of("textDocument",
                Map.of("uri", uri))));
        assertTrue(symbols.toString().contains("secret_text_here"), "still in step after bad headers: " + symbols);

        // An edit whose range lies past the end is clamped (LSP: a character past the line is the line's end).
        client.notify("textDocument/didChange", json(Map.of("textDocument", Map.of("uri", uri, "version", 2),
                "contentChanges", List.of(Map.of("range", Map.of("start", Map.of("line", 90, "character", 0),
                        "end", Map.of("line", 95, "character", 3)), "text", "// appended\n")))));
        // ... and an edit with an old version is out of order: dropped.
        client.notify("textDocument/didChange", json(Map.of("textDocument", Map.of("uri", uri, "version", 1),
                "contentChanges", List.of(Map.of("text", "garbage")))));
        JsonObject folded = client.request("textDocument/documentSymbol", json(Map.of("textDocument",
                Map.of("uri", uri))));
        assertTrue(folded.toString().contains("secret_text_here"), "the stale edit did not apply: " + folded);

        assertTrue(client.request("shutdown", null).has("result"));
        assertEquals(-32600, errorCode(client.request("textDocument/hover", position(uri, 0, 1))),
                "InvalidRequest after shutdown");
        client.notify("exit", null);
        assertTrue(client.process.waitFor(10, TimeUnit.SECONDS), "exit ends the process");
        String log = client.serverLog();
        assertFalse(log.contains("\tat "), "no stack traces on stderr:\n" + log);
        assertFalse(log.contains("secret_text_here"), "no document text on stderr:\n" + log);
    }

    @Test
    void theServerExitsWithItsClientOrItsInput() throws Exception {
        Process parent = new ProcessBuilder("sleep", "120").start();
        client = new RawClient(workspace, workspace.resolve("server.log"), (int) parent.pid());
        parent.destroy();
        assertTrue(client.process.waitFor(15, TimeUnit.SECONDS), "the server follows its client's process out");

        RawClient second = new RawClient(workspace, workspace.resolve("second.log"), null);
        long closed = System.nanoTime();
        second.process.getOutputStream().close();
        assertTrue(second.process.waitFor(5, TimeUnit.SECONDS), "stdin closed: the server exits");
        assertTrue(System.nanoTime() - closed < TimeUnit.SECONDS.toNanos(3), "within 3 s, not Xtext's 10 s poll");
    }

    @Test
    void deepLongAndBadlyImportingDocumentsGetDiagnosticsAndOthersKeepWorking() throws Exception {
        Files.createSymbolicLink(workspace.resolve("zero.pmdl"), Path.of("/dev/zero"));
        assertEquals(0, new ProcessBuilder("mkfifo", workspace.resolve("fifo.pmdl").toString()).start().waitFor());
        client = new RawClient(workspace, workspace.resolve("server.log"), null);
        String deep = workspace.resolve("deep.pmdl").toUri().toString();
        String longSum = workspace.resolve("long.pmdl").toUri().toString();
        String imports = workspace.resolve("imports.pmdl").toUri().toString();
        String fine = workspace.resolve("fine.pmdl").toUri().toString();
        client.open(deep, HostileInputIT.BOX.formatted("(".repeat(1000) + "4G" + ")".repeat(1000)), 1);
        client.open(longSum, HostileInputIT.BOX.formatted(String.join(" + ", Collections.nCopies(8000, "1M"))), 1);
        client.open(imports, "import \"zero.pmdl\"\nimport \"fifo.pmdl\"\nimport \"notes.txt\"\n", 1);
        client.open(fine, HostileInputIT.BOX.formatted("4G  label-area 4G"), 1);

        assertTrue(client.diagnostics(deep, d -> d.stream().anyMatch(x -> "INPUT-LIMIT".equals(code(x))))
                .stream().anyMatch(x -> message(x).contains("nested more than 100 deep")));
        assertTrue(client.diagnostics(longSum, d -> d.stream().anyMatch(x -> "INPUT-LIMIT".equals(code(x))))
                .stream().anyMatch(x -> message(x).contains("more than 500 operators")));
        List<JsonObject> unresolved = client.diagnostics(imports, d -> d.size() == 3);
        assertTrue(unresolved.stream().allMatch(x -> "IMPORT-UNRESOLVED".equals(code(x))), unresolved::toString);
        assertTrue(client.diagnostics(fine, d -> d.stream().anyMatch(x -> "LABEL-AREA-SIZE".equals(code(x))))
                .size() >= 1, "an ordinary document is still checked");
        assertTrue(client.request("textDocument/hover", position(fine, 0, 10)).has("result"));
        JsonObject completion = client.request("textDocument/completion", position(deep, 2, 500));
        assertTrue(completion.has("result") || errorCode(completion) != -32603, completion::toString);
    }

    /**
     * 5 MB of PMDL, more than the sixty-fourth of the 160 MiB heap the server reads (InputLimits.MAX_CHARS): a file of
     * the workspace at start-up, an opened document, and an edit that grows a small one past it each get an
     * INPUT-LIMIT on their first line; the text is never parsed, and every other request and document carries on.
     */
    @Test
    void aDocumentLargerThanTheHeapReadsGetsALocatedLimitAndOthersKeepWorking() throws Exception {
        String box = HostileInputIT.BOX.formatted("4G");
        String big = box.repeat(5_000_000 / box.length() + 1);
        Files.writeString(workspace.resolve("on-disk.pmdl"), big);
        client = new RawClient(workspace, workspace.resolve("server.log"), null);
        String onDisk = workspace.resolve("on-disk.pmdl").toUri().toString();
        String opened = workspace.resolve("opened.pmdl").toUri().toString();
        String grown = workspace.resolve("grown.pmdl").toUri().toString();
        String fine = workspace.resolve("fine.pmdl").toUri().toString();
        String tooLarge = "the document has " + big.length() + " characters, more than the ";
        assertTooLarge(client.diagnostics(onDisk, LanguageServerHostileIT::anyLimit), tooLarge);

        client.open(opened, big, 1);
        client.open(grown, box, 1);
        client.open(fine, HostileInputIT.BOX.formatted("4G  label-area 4G"), 1);
        assertTooLarge(client.diagnostics(opened, LanguageServerHostileIT::anyLimit), tooLarge);
        assertTrue(client.diagnostics(grown, List::isEmpty).isEmpty());
        client.notify("textDocument/didChange", json(Map.of("textDocument", Map.of("uri", grown, "version", 2),
                "contentChanges", List.of(Map.of("range", Map.of("start", Map.of("line", 9999, "character", 0),
                        "end", Map.of("line", 9999, "character", 0)), "text", big)))));
        assertTooLarge(client.diagnostics(grown, LanguageServerHostileIT::anyLimit), "the document has " + (box.length()
                + big.length()) + " characters");
        client.notify("textDocument/didChange", json(Map.of("textDocument", Map.of("uri", grown, "version", 3),
                "contentChanges", List.of(Map.of("text", box)))));
        assertTrue(client.diagnostics(grown, List::isEmpty).isEmpty(), "cut back below the limit: checked again");

        for (String method : List.of("textDocument/hover", "textDocument/completion")) {
            JsonObject answer = client.request(method, position(opened, 3, 4));
            assertTrue(answer.has("result") || errorCode(answer) != -32603, answer::toString);
        }
        for (String method : List.of("textDocument/documentSymbol", "textDocument/semanticTokens/full",
                "textDocument/foldingRange", "textDocument/formatting")) {
            JsonObject answer = client.request(method, json(Map.of("textDocument", Map.of("uri", opened), "options",
                    Map.of("tabSize", 4, "insertSpaces", true))));
            assertTrue(answer.has("result") || errorCode(answer) != -32603, () -> method + ": " + answer);
        }
        assertTrue(client.diagnostics(fine, d -> d.stream().anyMatch(x -> "LABEL-AREA-SIZE".equals(code(x))))
                .size() >= 1, "an ordinary document is still checked");
        assertTrue(client.request("textDocument/hover", position(fine, 2, 12)).has("result"));
        String log = client.serverLog();
        assertFalse(log.contains("\tat ") || log.contains("Exception") || log.contains("OutOfMemory"), log);
    }

    /** The size's INPUT-LIMIT, on the first line: the document is not read, so there is nowhere else to put it. */
    private static void assertTooLarge(List<JsonObject> diagnostics, String message) {
        assertEquals(1, diagnostics.size(), diagnostics::toString);
        JsonObject range = diagnostics.get(0).getAsJsonObject("range");
        assertEquals(0, range.getAsJsonObject("start").get("line").getAsInt(), range::toString);
        assertEquals(0, range.getAsJsonObject("start").get("character").getAsInt(), range::toString);
        assertTrue(message(diagnostics.get(0)).startsWith(message), diagnostics::toString);
    }

    private static boolean isLimit(JsonObject diagnostic) {
        return "INPUT-LIMIT".equals(code(diagnostic));
    }

    private static boolean anyLimit(List<JsonObject> diagnostics) {
        return diagnostics.stream().anyMatch(LanguageServerHostileIT::isLimit);
    }

    /**
     * A document well within the size limit whose run cannot fit the server's 160 MiB heap: two cache lines
     * written 1,000 times each and never flushed, then a crash anywhere up to 1,000,000 states, is 1,001² projected
     * post-crash states (CrashExplorer: one persisted prefix per line read) of about 200 bytes each. The scenario
     * gets an INPUT-LIMIT saying the run ran out of memory; the other documents and later edits are still served.
     */
    @Test
    void aRunThatRunsOutOfMemoryIsADiagnosticAndTheServerCarriesOn() throws Exception {
        client = new RawClient(workspace, workspace.resolve("server.log"), null);
        String exploding = workspace.resolve("exploding.pmdl").toUri().toString();
        String fine = workspace.resolve("fine.pmdl").toUri().toString();
        client.open(exploding, explodingCrash(), 1);
        client.open(fine, HostileInputIT.BOX.formatted("4G  label-area 4G"), 1);
        List<JsonObject> diagnostics = client.diagnostics(exploding, LanguageServerHostileIT::anyLimit);
        JsonObject limit = diagnostics.stream().filter(LanguageServerHostileIT::isLimit).findFirst().orElseThrow();
        assertTrue(message(limit).startsWith("ran out of memory running scenario explode (heap "), limit::toString);
        assertEquals(7, limit.getAsJsonObject("range").getAsJsonObject("start").get("line").getAsInt(),
                "at the scenario: " + limit);

        assertTrue(client.diagnostics(fine, d -> d.stream().anyMatch(x -> "LABEL-AREA-SIZE".equals(code(x))))
                .size() >= 1, "an ordinary document is still checked");
        client.notify("textDocument/didChange", json(Map.of("textDocument", Map.of("uri", fine, "version", 2),
                "contentChanges", List.of(Map.of("text", HostileInputIT.BOX.formatted("4G"))))));
        assertTrue(client.diagnostics(fine, List::isEmpty).isEmpty(), "an edit after the failure is checked too");
        assertTrue(client.request("textDocument/hover", position(fine, 2, 12)).has("result"));
        String log = client.serverLog();
        assertFalse(log.contains("\tat "), "no stack trace on stderr:\n" + log);
    }

    static String explodingCrash() {
        StringBuilder stores = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            stores.append("    store ns0[").append(i % 2 == 0 ? "0x0" : "0x40").append("] = ").append(i + 1)
                    .append('\n');
        }
        return """
                platform p {
                    arch x86_64
                    persistence memory_controller
                    nvdimm nmem0 { size 4G  label-area 128K }
                    region region0 at 0x100000000 { mapping nmem0 dpa 0 size 4G - 128K }
                }

                scenario explode on p {
                    init-labels nmem0
                    create namespace ns0 in region0 mode fsdax size 1G
                %s    crash anywhere bound 1000000
                    expect ns0[0x0] == 5000 implies ns0[0x40] == 5000
                }
                """.formatted(stores);
    }

    @Test
    void importsStayInTheWorkspaceWhenTheClientAsksAndFormattingKeepsLineEndings() throws Exception {
        Path root = Files.createDirectory(workspace.resolve("ws"));
        Files.writeString(workspace.resolve("outside.pmdl"), HostileInputIT.BOX.formatted("4G").replace("box",
                "outside"));
        client = new RawClient(root, workspace.resolve("server.log"), null, json(Map.of("confineImports", true)));
        String main = root.resolve("main.pmdl").toUri().toString();
        client.open(main, "import \"../outside.pmdl\"\n", 1);
        List<JsonObject> confined = client.diagnostics(main, d -> d.stream().anyMatch(x -> "IMPORT-UNRESOLVED"
                .equals(code(x))));
        assertTrue(confined.stream().anyMatch(x -> message(x).startsWith("\"../outside.pmdl\" is outside ")),
                confined::toString);

        String crlf = root.resolve("crlf.pmdl").toUri().toString();
        client.open(crlf, "platform   crlf {\r\n  arch x86_64\r\n}\r\n", 1);
        JsonObject formatted = client.request("textDocument/formatting", json(Map.of("textDocument", Map.of("uri",
                crlf), "options", Map.of("tabSize", 4, "insertSpaces", true))));
        String edits = formatted.get("result").toString();
        assertTrue(edits.contains("newText"), "the layout changes: " + formatted);
        assertFalse(edits.replace("\\r\\n", "").contains("\\n"), "every line break stays CRLF: " + edits);
    }

    @Test
    void fortyRequestsInFlightOverEditsNeverFailInternally() throws Exception {
        client = new RawClient(workspace, workspace.resolve("server.log"), null);
        String uri = workspace.resolve("busy.pmdl").toUri().toString();
        String text = Files.readString(Path.of(System.getProperty("pmdl.examples"), "x86", "lifecycle.pmdl"));
        client.open(uri, text, 1);
        List<String> lines = text.lines().toList();
        Random random = new Random(20261205L);
        int version = 1;
        int failed = 0;
        int answered = 0;
        List<String> failures = new ArrayList<>();
        for (int round = 0; round < 25; round++) {
            List<Integer> ids = new ArrayList<>();
            for (int k = 0; k < 40; k++) {
                int line = random.nextInt(lines.size());
                int column = random.nextInt(lines.get(line).length() + 1);
                String method = k % 3 == 0 ? "textDocument/hover" : "textDocument/completion";
                ids.add(client.sendRequest(method, position(uri, line, column)));
                if (k % 10 == 9) { // an edit that changes nothing in the end: a space typed and deleted
                    client.notify("textDocument/didChange", json(Map.of("textDocument", Map.of("uri", uri,
                            "version", ++version), "contentChanges", List.of(Map.of("range", Map.of("start",
                            Map.of("line", 0, "character", 0), "end", Map.of("line", 0, "character", 0)), "text",
                            " "), Map.of("range", Map.of("start", Map.of("line", 0, "character", 0), "end",
                            Map.of("line", 0, "character", 1)), "text", "")))));
                }
            }
            for (int id : ids) {
                JsonObject response = client.await(id);
                answered++;
                // ContentModified (-32801): an edit arrived while it ran; the client asks again. Nothing else.
                if (response.has("error") && errorCode(response) != -32801) {
                    failed++;
                    failures.add(response.toString());
                }
            }
        }
        assertEquals(1000, answered);
        assertEquals(0, failed, () -> failures + "\nserver log:\n" + client.serverLog());
        String log = client.serverLog();
        assertEquals("", log, "stderr stays quiet in normal editing");
    }
}
