package org.pmdl.lsp.protocol;

import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The client's byte stream cut into well-formed LSP frames ({@code Content-Length: N\r\n\r\n} + N bytes) before
 * LSP4J reads it. A frame whose header is missing, malformed, negative or above {@link #MAX_BODY} is dropped with
 * one line on stderr, and reading resumes at the next {@code Content-Length:} header: without this, LSP4J would read
 * the rest of the bad frame as headers and stay out of step for good.
 */
public final class FramedInput extends InputStream {
    /** Largest message body accepted (a 4 MiB document, JSON-escaped, fits many times over). */
    static final int MAX_BODY = 64 << 20;
    private static final byte[] HEADER = "Content-Length:".getBytes(StandardCharsets.US_ASCII);

    private final InputStream in;
    private final PrintStream log;
    private byte[] frame = new byte[0];
    private int position;
    /** Bytes of the next header already read while resynchronising. */
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    public FramedInput(InputStream in, PrintStream log) {
        this.in = in;
        this.log = log;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (position == frame.length) {
            if (!nextFrame()) {
                return -1;
            }
        }
        int n = Math.min(length, frame.length - position);
        System.arraycopy(frame, position, buffer, offset, n);
        position += n;
        return n;
    }

    /** Reads headers and body of the next valid frame into {@link #frame}; false at the end of the input. */
    private boolean nextFrame() throws IOException {
        while (true) {
            String headers = readHeaders();
            if (headers == null) {
                return false;
            }
            Integer length = contentLength(headers);
            if (length == null) {
                log.println("pmdl lsp: dropped a message with a bad header (" + printable(headers)
                        + "); resuming at the next Content-Length");
                int next = headers.indexOf("Content-Length:", 1);
                if (next > 0) { // the rest of a broken body ran into the next message's header
                    pending.write((headers.substring(next) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                } else if (!skipToNextHeader()) {
                    return false;
                }
                continue;
            }
            byte[] body = in.readNBytes(length);
            if (body.length < length) {
                return false; // the client went away mid-message
            }
            if (!isJson(body)) { // a Content-Length that cut a message short, or ran into the next one
                log.println("pmdl lsp: dropped a message whose " + length + " bytes are not one JSON value;"
                        + " resuming at the next Content-Length");
                if (!skipToNextHeader()) {
                    return false;
                }
                continue;
            }
            byte[] head = ("Content-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            frame = new byte[head.length + length];
            System.arraycopy(head, 0, frame, 0, head.length);
            System.arraycopy(body, 0, frame, head.length, length);
            position = 0;
            return true;
        }
    }

    /** The header block up to the blank line (without it), or null at the end of the input. */
    private String readHeaders() throws IOException {
        byte[] carried = pending.toByteArray();
        pending.reset();
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        int lastFour = 0;
        for (int i = 0; ; ) {
            int c = i < carried.length ? carried[i++] & 0xff : in.read();
            if (c < 0) {
                return null;
            }
            block.write(c);
            lastFour = lastFour << 8 | c;
            if (lastFour == 0x0d0a0d0a) { // \r\n\r\n
                return new String(block.toByteArray(), 0, block.size() - 4, StandardCharsets.US_ASCII);
            }
            if (block.size() > 8192) {
                return new String(block.toByteArray(), 0, 200, StandardCharsets.US_ASCII); // no header block
            }
        }
    }

    /** The Content-Length of a header block, or null when it is missing or not a length in 0..MAX_BODY. */
    private static Integer contentLength(String headers) {
        Integer length = null;
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                return null; // not a header line: these bytes are the rest of a broken message
            }
            if (line.substring(0, colon).trim().equalsIgnoreCase("Content-Length")) {
                try {
                    length = Integer.valueOf(line.substring(colon + 1).trim());
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return length != null && length >= 0 && length <= MAX_BODY ? length : null;
    }

    /** Discards input up to the next "Content-Length:" (kept for the next header block); false at the end. */
    private boolean skipToNextHeader() throws IOException {
        int matched = 0;
        while (matched < HEADER.length) {
            int c = in.read();
            if (c < 0) {
                return false;
            }
            matched = c == HEADER[matched] ? matched + 1 : c == HEADER[0] ? 1 : 0;
        }
        pending.write(HEADER);
        return true;
    }

    private static boolean isJson(byte[] body) {
        try {
            JsonParser.parseString(new String(body, StandardCharsets.UTF_8));
            return true;
        } catch (JsonParseException e) {
            return false;
        }
    }

    private static String printable(String headers) {
        String line = headers.replaceAll("[^\\x20-\\x7e]", "?");
        return line.length() > 80 ? line.substring(0, 80) + "..." : line;
    }
}
