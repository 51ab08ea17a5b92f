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
        assertEquals(0, failed, failures::toString);
        String log = client.serverLog();
        assertEquals("", log, "stderr stays quiet in normal editing");
    }
}
