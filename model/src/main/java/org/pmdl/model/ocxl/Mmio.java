package org.pmdl.model.ocxl;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ocxlpmem global MMIO registers the model reads: CHI bits, CCAP0 fields, the command-metadata words and
 * the uapi event mask ([ext] v4 12/25 ocxlpmem_internal.h and uapi/nvdimm/ocxlpmem.h; the seed's copy lost
 * the hex masks, seed-rules-C §1.2).
 */
public final class Mmio {
    private Mmio() {
    }

    public static final long CHI_ACRA = 1L << 0;
    public static final long CHI_CRDY = 1L << 4;
    public static final long CHI_CFFS = 1L << 5;
    public static final long CHI_MA = 1L << 6;
    public static final long CHI_ELA = 1L << 7;
    public static final long CHI_CDA = 1L << 8;
    public static final long CHI_CHFS = 1L << 9;

    /** The CHI bits a scenario can raise, by the names the driver's macros use (GLOBAL_MMIO_CHI_*). */
    public static final Map<String, Long> CHI_BITS = names();

    private static Map<String, Long> names() {
        Map<String, Long> bits = new LinkedHashMap<>();
        bits.put("crdy", CHI_CRDY);
        bits.put("ma", CHI_MA);
        bits.put("ela", CHI_ELA);
        bits.put("cda", CHI_CDA);
        bits.put("cffs", CHI_CFFS);
        bits.put("chfs", CHI_CHFS);
        return java.util.Collections.unmodifiableMap(bits);
    }

    // uapi IOCTL_OCXLPMEM_EVENT_* ([ext])
    public static final long EVENT_CONTROLLER_DUMP_AVAILABLE = 1L << 0;
    public static final long EVENT_ERROR_LOG_AVAILABLE = 1L << 1;
    public static final long EVENT_HARDWARE_FATAL = 1L << 2;
    public static final long EVENT_FIRMWARE_FATAL = 1L << 3;

    /** ioctl_event_check(): the event mask from a live CHI; bits other than ELA, CDA, CFFS, CHFS are ignored. */
    public static long eventMask(long chi) {
        long mask = 0;
        mask |= (chi & CHI_ELA) != 0 ? EVENT_ERROR_LOG_AVAILABLE : 0;
        mask |= (chi & CHI_CDA) != 0 ? EVENT_CONTROLLER_DUMP_AVAILABLE : 0;
        mask |= (chi & CHI_CFFS) != 0 ? EVENT_FIRMWARE_FATAL : 0;
        mask |= (chi & CHI_CHFS) != 0 ? EVENT_HARDWARE_FATAL : 0;
        return mask;
    }

    /** read_device_metadata(): CCAP0 as the v4 driver decodes it. */
    public record Ccap0(int scmRevision, int readLatencyNs, int readinessTimeout, int memoryAvailableTimeout) {
        public static Ccap0 decode(long ccap0) {
            return new Ccap0((int) (ccap0 & 0xFFFF), (int) ((ccap0 >>> 32) & 0xFFFF), (int) ((ccap0 >>> 48) & 0x0F),
                    (int) ((ccap0 >>> 52) & 0xFFF) & 0xFF); // stored in a u8 ([ext]): truncated above 255 s
        }

        /** The revision as the probe prints it: major = rev >> 4, minor = rev & 0xF. */
        public String revision() {
            return (scmRevision >> 4) + "." + (scmRevision & 0xF);
        }

        /** The ready budget T in seconds. */
        public int readyBudget() {
            return readinessTimeout + memoryAvailableTimeout;
        }
    }

    /** extract_command_metadata(): two LE words at ACMA_CREQO. */
    public record CommandMetadata(long requestOffset, long responseOffset, long dataOffset, long dataSize) {
        public static CommandMetadata decode(long word0, long word1) {
            return new CommandMetadata(word0 >>> 32, word0 & 0xFFFFFFFFL, word1 >>> 32, word1 & 0xFFFFFFFFL);
        }
    }

    /** The request word scm_command_request() writes: opcode | id << 16. */
    public static long requestWord(int opcode, int id) {
        return (opcode & 0xFF) | ((long) (id & 0xFFFF) << 16);
    }

    /** The error-log header: data identifier in bits 48-63, payload length in the low 16 bits ([ext] mask). */
    public static int headerIdentifier(long header) {
        return (int) (header >>> 48);
    }

    public static int headerLength(long header) {
        return (int) (header & 0xFFFF);
    }

    public static final int ERROR_LOG_IDENTIFIER = 0x454C; // "EL"
}
