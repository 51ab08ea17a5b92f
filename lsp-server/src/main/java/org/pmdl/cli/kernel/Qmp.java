package org.pmdl.cli.kernel;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A QEMU Machine Protocol client on QEMU's {@code -qmp unix:PATH,server=on,wait=off} socket: commands and their
 * replies in order, and the asynchronous events (DEVICE_DELETED, DEVICE_UNPLUG_GUEST_ERROR, ...) kept as they come.
 */
final class Qmp implements AutoCloseable {
    private static final long REPLY_SECONDS = 30;

    private final SocketChannel channel;
    private final BlockingQueue<JsonObject> replies = new LinkedBlockingQueue<>();
    private final List<JsonObject> events = new ArrayList<>();
    private final List<String> transcript = new ArrayList<>();

    private Qmp(SocketChannel channel) {
        this.channel = channel;
        Thread reader = new Thread(this::read, "qmp-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Connects (QEMU creates the socket shortly after it starts) and leaves capabilities negotiation mode. */
    static Qmp connect(Path socket, Process qemu) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(REPLY_SECONDS);
        while (true) {
            try {
                SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
                channel.connect(UnixDomainSocketAddress.of(socket));
                Qmp qmp = new Qmp(channel);
                qmp.execute("qmp_capabilities", new JsonObject());
                return qmp;
            } catch (IOException e) {
                if (!qemu.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("no QMP socket from QEMU at " + socket + ": " + e.getMessage());
                }
                sleep(50);
            }
        }
    }

    /**
     * Reads on the channel itself: the streams of {@link java.nio.channels.Channels} share the channel's blocking
     * lock, so a write would wait for the blocked read to end.
     */
    private void read() {
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    byte b = buffer.get();
                    if (b != '\n') {
                        line.write(b);
                        continue;
                    }
                    received(line.toString(StandardCharsets.UTF_8));
                    line.reset();
                }
                buffer.clear();
            }
        } catch (IOException | RuntimeException e) {
            replies.add(error("QMP connection closed: " + e.getMessage()));
        }
        replies.add(error("QMP connection closed"));
    }

    private void received(String line) {
        JsonObject message = JsonParser.parseString(line).getAsJsonObject();
        if (message.has("QMP")) {
            return; // the greeting
        }
        synchronized (this) {
            transcript.add("<- " + line);
            if (message.has("event")) {
                events.add(message);
                notifyAll();
                return;
            }
        }
        replies.add(message);
    }

    private static JsonObject error(String description) {
        JsonObject error = new JsonObject();
        error.addProperty("desc", description);
        JsonObject reply = new JsonObject();
        reply.add("error", error);
        return reply;
    }

    /** Runs one command; the reply is {@code {"return": ...}} or {@code {"error": {"desc": ...}}}. */
    JsonObject execute(String command, JsonObject arguments) throws IOException {
        JsonObject message = new JsonObject();
        message.addProperty("execute", command);
        if (arguments.size() > 0) {
            message.add("arguments", arguments);
        }
        String line = message.toString();
        synchronized (this) {
            transcript.add("-> " + line);
        }
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        try {
            JsonObject reply = replies.poll(REPLY_SECONDS, TimeUnit.SECONDS);
            return reply != null ? reply : error("no reply to " + command + " in " + REPLY_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    static String errorOf(JsonObject reply) {
        return reply.has("error") ? reply.getAsJsonObject("error").get("desc").getAsString() : null;
    }

    /** The events received so far, from index {@code from} on. */
    synchronized List<JsonObject> events(int from) {
        return List.copyOf(events.subList(Math.min(from, events.size()), events.size()));
    }

    synchronized int eventCount() {
        return events.size();
    }

    /** Waits for an event from index {@code from} on that matches; null after {@code seconds}. */
    synchronized JsonObject awaitEvent(int from, Predicate<JsonObject> wanted, long seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        for (int seen = from; ; ) {
            for (; seen < events.size(); seen++) {
                if (wanted.test(events.get(seen))) {
                    return events.get(seen);
                }
            }
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return null;
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    /** An event's data member as a string, or "" ({@code device} of DEVICE_DELETED, ...). */
    static String data(JsonObject event, String member) {
        JsonElement data = event.get("data");
        return data != null && data.isJsonObject() && data.getAsJsonObject().has(member)
                ? data.getAsJsonObject().get(member).getAsString() : "";
    }

    synchronized List<String> transcript() {
        return List.copyOf(transcript);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
