package org.pmdl.model.ocxl;

import java.util.Arrays;
import java.util.Optional;

/**
 * The admin command set ([ext] v4 12/25 opcodes) with the probe's per-command timeouts (seed 001 L3573-3579):
 * the wait polls CHI.ACRA every 32 ms, timeout / 32 times, then once more ([ext] posted
 * admin_command_complete_timeout; DEFAULT_TIMEOUT 100 ms, seed L3605, when the opcode has none).
 */
public enum AdminCommand {
    HEARTBEAT(0x00, 100, "heartbeat"),
    SHUTDOWN(0x01, 1000, "shutdown"),
    FW_UPDATE(0x02, 16000, "firmware update"),
    FW_DEBUG(0x03, 0, "firmware debug"),
    ERRLOG(0x04, 2000, "error log"),
    SMART(0x05, 100, "SMART"),
    CONTROLLER_STATS(0x06, 100, "controller stats"),
    CONTROLLER_DUMP(0x07, 1000, "controller dump"),
    CMD_CAPS(0x08, 0, "command capabilities");

    public static final int ADMIN_COMMAND_MAX = 0x08;
    public static final int DEFAULT_TIMEOUT_MS = 100;
    public static final int SLEEP_MS = 32;

    public final int opcode;
    public final int timeoutMs;
    public final String text;

    AdminCommand(int opcode, int timeoutMs, String text) {
        this.opcode = opcode;
        this.timeoutMs = timeoutMs;
        this.text = text;
    }

    public static Optional<AdminCommand> of(long opcode) {
        return Arrays.stream(values()).filter(c -> c.opcode == opcode).findFirst();
    }

    /** The number of 32 ms sleeps before the last look at CHI.ACRA. */
    public int polls() {
        int polls = timeoutMs / SLEEP_MS;
        return polls == 0 ? DEFAULT_TIMEOUT_MS / SLEEP_MS : polls;
    }

    /** Whether a completion that appears this many ms after the doorbell is seen before -EBUSY. */
    public boolean seenInTime(long respondAfterMs) {
        return respondAfterMs <= (long) polls() * SLEEP_MS;
    }

    /** warn_status(): the text for a device status ([ext] table; 0x21 has none and prints Unknown). */
    public static String statusText(int status) {
        return switch (status) {
            case 0x00 -> "Success";
            case 0x20 -> "Persistent memory unavailable";
            case 0x50 -> "Bad opcode";
            case 0x51 -> "Bad request parameter";
            case 0x52 -> "Bad data parameter";
            case 0x70 -> "Debug action blocked";
            case 0xFF -> "Failed";
            default -> "Unknown";
        };
    }
}
