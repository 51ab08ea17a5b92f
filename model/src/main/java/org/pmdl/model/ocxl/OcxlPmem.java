package org.pmdl.model.ocxl;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pmdl.model.kernel.Errno;
import org.pmdl.model.libnvdimm.Dmesg;
import org.pmdl.model.libnvdimm.NvdimmBus;
import org.pmdl.model.libnvdimm.Region;
import org.pmdl.model.topology.MappingSpec;
import org.pmdl.model.topology.NvdimmSpec;
import org.pmdl.model.topology.RegionSpec;

/**
 * The ocxlpmem device on a card (drivers/nvdimm/ocxl/ocxlpmem.c as posted in v4): probe with the readiness wait
 * (SM-3), the admin command engine (SM-4), error-log retrieval (SM-5), the eventfd (SM-6), the char device's
 * lifetime (SM-7) and the label area in front of the region it registers with libnvdimm. Time is the
 * scenario's: a step says when the controller sets a bit, the model decides whether the driver waits that long.
 */
final class OcxlPmem {
    /** What a device step returns besides an errno. */
    record Result(Map<String, Object> values) {
    }

    private final OcxlSpec spec;
    private final Dmesg dmesg;
    private final String dev;
    private long chi;
    private Mmio.Ccap0 caps;
    private int commandId;
    private boolean staleAcra;
    private boolean probed;
    private boolean removed;
    private Long eventfdOwner;
    private final Set<Long> openFiles = new LinkedHashSet<>();
    private Region region;
    private long lastRc;

    private final Warnings warnings;

    OcxlPmem(OcxlSpec spec, Dmesg dmesg, Warnings warnings) {
        this.spec = spec;
        this.warnings = warnings;
        this.dmesg = dmesg;
        this.dev = "ocxlpmem " + spec.name();
    }

    // ---- SM-3: probe ----

    /**
     * probe(): read CCAP0, the command metadata, wait for CRDY and MA, then register the LPC memory behind
     * the label area. {@code lpcBase} is the AFU's lpc_res.start.
     */
    Result probe(OcxlStep step, long lpcBase, NvdimmBus bus) throws OcxlError {
        chi = step.flags().contains("ela") ? Mmio.CHI_ELA : 0;
        if (step.flags().contains("caps-unreadable") || step.flags().contains("cmd-metadata-unreadable")) {
            dmesg.applied(OcxlRules.METADATA_READ);
            dmesg.kernel(dev + ": " + (step.flags().contains("caps-unreadable") ? "Could not read metadata"
                    : "Could not read command metadata"));
            probeFailed();
            throw new OcxlError(Errno.EINVAL, OcxlRules.METADATA_READ); // ocxl_global_mmio_read64 out of range
        }
        dmesg.applied(OcxlRules.CCAP0);
        caps = Mmio.Ccap0.decode(spec.ccap0());
        readyWait(step.value("crdy-at", Long.MAX_VALUE), step.value("ma-at", Long.MAX_VALUE));
        return new Result(register(lpcBase, bus));
    }

    /** The ready loop: CHI read at t = 0, 1, ... s; failure when elapsed++ > T (so the last read is at T + 1 s). */
    private void readyWait(long crdyAtMs, long maAtMs) throws OcxlError {
        dmesg.applied(OcxlRules.READY_WAIT);
        int budget = caps.readyBudget();
        for (long elapsed = 0; ; elapsed++) {
            long now = elapsed * 1000;
            chi |= (crdyAtMs <= now ? Mmio.CHI_CRDY : 0) | (maAtMs <= now ? Mmio.CHI_MA : 0);
            if ((chi & (Mmio.CHI_CRDY | Mmio.CHI_MA)) == (Mmio.CHI_CRDY | Mmio.CHI_MA)) {
                dmesg.kernel(dev + ": ready after " + elapsed + " s (" + (elapsed + 1) + " CHI reads, budget "
                        + budget + " s)");
                return;
            }
            if (elapsed > budget) {
                dmesg.kernel(dev + ": OpenCAPI Persistent Memory ready timeout.");
                if ((chi & Mmio.CHI_CRDY) == 0) {
                    dmesg.kernel(dev + ": controller is not ready.");
                }
                if ((chi & Mmio.CHI_MA) == 0) {
                    dmesg.kernel(dev + ": controller does not have memory available.");
                }
                probeFailed();
                throw new OcxlError(Errno.ENXIO, OcxlRules.READY_WAIT);
            }
        }
    }

    /** The probe's err path: the error log goes to the console when one is pending; the cdev stays. */
    private void probeFailed() {
        if ((chi & Mmio.CHI_ELA) != 0) {
            dmesg.applied(OcxlRules.PROBE_ERROR_LOG);
            dmesg.kernel(dev + ": error log available: dumping it (dump_error_log)");
        }
        dmesg.kernel(dev + ": Error detected, will not register OpenCAPI persistent memory");
    }

    /** register_lpc_mem(): the label section first, the rest one region on the card's own bus. */
    private Map<String, Object> register(long lpcBase, NvdimmBus bus) {
        dmesg.applied(OcxlRules.LPC_REGISTERED);
        long total = spec.afus().stream().mapToLong(OcxlSpec.Afu::lpcSize).max().orElse(0);
        long dataSize = total - spec.labelArea();
        String dimm = bus.nextDimmName();
        RegionSpec regionSpec = new RegionSpec(spec.name(), lpcBase + spec.labelArea(),
                List.of(new MappingSpec(dimm, 0, dataSize, spec.source())), null, false, spec.source());
        region = bus.registerRegion(new NvdimmSpec(dimm, dataSize, spec.labelArea(), spec.source()), regionSpec,
                bus.facts().defaultPersistence()).orElse(null);
        probed = region != null;
        Map<String, Object> v = values();
        v.put("nvdimm", dimm);
        return v;
    }

    boolean probed() {
        return probed && !removed;
    }

    Optional<Region> region() {
        return Optional.ofNullable(region);
    }

    // ---- SM-4: admin commands ----

    /**
     * admin_command_execute() under admin_command.lock: request (opcode | id << 16, the rest zeroed), the doorbell
     * HCI.ACRW, the ACRA wait, the response (status, id). Returns the device status; the caller handles the
     * response (CHIC <- ACRA) unless it bails out.
     */
    private int execute(AdminCommand command, OcxlStep step, Map<String, Object> values) throws OcxlError {
        dmesg.applied(OcxlRules.ADMIN_ONE_IN_FLIGHT);
        commandId = (commandId + 1) & 0xFFFF;
        values.put("request_word", Mmio.requestWord(command.opcode, commandId));
        values.put("timeout_ms", (long) command.polls() * AdminCommand.SLEEP_MS);
        if (staleAcra) { // the previous completion was never cleared: it is read as this command's response
            dmesg.applied(OcxlRules.ADMIN_STALE_ACRA);
            dmesg.applied(OcxlRules.ADMIN_RESPONSE_ID);
            dmesg.kernel(dev + ": Expected response for command " + commandId + ", but received response for command "
                    + ((commandId - 1) & 0xFFFF) + " instead.");
            throw new OcxlError(Errno.EBUSY, OcxlRules.ADMIN_RESPONSE_ID);
        }
        long respondAfter = step.value("respond-after", Long.MAX_VALUE);
        if (!command.seenInTime(respondAfter)) {
            dmesg.applied(OcxlRules.ADMIN_TIMEOUT);
            dmesg.kernel(dev + ": " + command.text + " timed out");
            throw new OcxlError(Errno.EBUSY, OcxlRules.ADMIN_TIMEOUT);
        }
        chi |= Mmio.CHI_ACRA;
        long responseId = step.value("response-id", commandId);
        if (responseId != commandId) {
            dmesg.applied(OcxlRules.ADMIN_RESPONSE_ID);
            dmesg.kernel(dev + ": Expected response for command " + commandId + ", but received response for command "
                    + responseId + " instead.");
            staleAcra = true;
            throw new OcxlError(Errno.EBUSY, OcxlRules.ADMIN_RESPONSE_ID);
        }
        int status = (int) step.value("status", 0) & 0xFF;
        values.put("status", (long) status);
        return status;
    }

    /** admin_response_handled(): CHIC <- ACRA clears the completion. */
    private void handled() {
        chi &= ~Mmio.CHI_ACRA;
        staleAcra = false;
    }

    /** A bail-out that leaves CHI.ACRA set (the lock is dropped, the response is not handled). */
    private void leftStale() {
        staleAcra = true;
        warnings.add(OcxlRules.ADMIN_STALE_ACRA, OcxlRules.ADMIN_STALE_ACRA.message());
    }

    Result admin(OcxlStep step) throws OcxlError {
        long opcode = step.value("opcode", 0);
        if (opcode > AdminCommand.ADMIN_COMMAND_MAX) {
            dmesg.applied(OcxlRules.ADMIN_OPCODE);
            throw new OcxlError(Errno.EINVAL, OcxlRules.ADMIN_OPCODE);
        }
        AdminCommand command = AdminCommand.of(opcode).orElseThrow();
        Map<String, Object> v = new LinkedHashMap<>();
        int status = execute(command, step, v);
        if (status != 0) {
            warnStatus("Admin command " + command.name(), status);
            leftStale();
        } else {
            handled();
        }
        lastRc = status;
        v.putAll(values());
        return new Result(v);
    }

    private void warnStatus(String message, int status) {
        dmesg.applied(OcxlRules.ADMIN_STATUS);
        dmesg.kernel(dev + ": " + message + ": " + AdminCommand.statusText(status) + " (" + Integer.toHexString(status)
                + ")");
    }

    // ---- SM-5: the error log ----

    /** read_error_log() (IOCTL_OCXLPMEM_ERROR_LOG). */
    Result readErrorLog(OcxlStep step) throws OcxlError {
        long bufSize = step.value("buffer", 0);
        if (bufSize % 8 != 0) {
            dmesg.applied(OcxlRules.ERRLOG_BUFFER);
            throw new OcxlError(Errno.EINVAL, OcxlRules.ERRLOG_BUFFER);
        }
        if ((chi & Mmio.CHI_ELA) == 0) {
            dmesg.applied(OcxlRules.ERRLOG_PENDING);
            throw new OcxlError(Errno.EAGAIN, OcxlRules.ERRLOG_PENDING);
        }
        Map<String, Object> v = new LinkedHashMap<>();
        int status = execute(AdminCommand.ERRLOG, step, v);
        if (status != 0) {
            warnStatus("Unexpected status from retrieve error log", status);
            lastRc = status;
            warnings.add(OcxlRules.ADMIN_STATUS, OcxlRules.ADMIN_STATUS.message(String.format("%#x", status)));
            leftStale();
            v.put("rc", (long) status);
            return new Result(v);
        }
        dmesg.applied(OcxlRules.ERRLOG_HEADER);
        long header = step.value("header", (long) Mmio.ERROR_LOG_IDENTIFIER << 48);
        int identifier = Mmio.headerIdentifier(header);
        int length = Mmio.headerLength(header);
        if (identifier != Mmio.ERROR_LOG_IDENTIFIER) {
            String ascii = "" + (char) (identifier >> 8) + (char) (identifier & 0xFF);
            dmesg.kernel(String.format("%s: Bad data identifier for error log data, expected 'EL', got '%s' (%#x), "
                    + "data_length=%d", dev, ascii, identifier, length));
            leftStale();
            throw new OcxlError(Errno.EINVAL, OcxlRules.ERRLOG_HEADER);
        }
        handled();
        lastRc = 0;
        v.put("buf_size", (long) length);
        v.put("copied", Math.min(bufSize, length) / 8 * 8);
        v.putAll(values());
        return new Result(v);
    }

    // ---- SM-6: events ----

    /** The controller changes CHI: the bits named are set, the others (except a pending ACRA) clear. */
    Result setChi(OcxlStep step) {
        long acra = chi & Mmio.CHI_ACRA;
        chi = acra;
        step.flags().forEach(bit -> chi |= Mmio.CHI_BITS.get(bit));
        return new Result(values());
    }

    Result eventCheck() {
        dmesg.applied(OcxlRules.EVENT_CHECK);
        return new Result(values());
    }

    Result eventfd(OcxlStep step) throws OcxlError {
        dmesg.applied(OcxlRules.EVENTFD);
        openFile(step);
        if (eventfdOwner != null) {
            throw new OcxlError(Errno.EBUSY, OcxlRules.EVENTFD);
        }
        eventfdOwner = step.value("file", 0);
        return new Result(values());
    }

    // ---- SM-7: the char device ----

    /** file_open(): the minor is looked up in the IDR; a removed device is gone from it. */
    Result open(OcxlStep step) throws OcxlError {
        dmesg.applied(OcxlRules.CDEV);
        if (removed) {
            throw new OcxlError(Errno.ENODEV, OcxlRules.CDEV);
        }
        openFiles.add(step.value("file", 0));
        return new Result(values());
    }

    private void openFile(OcxlStep step) throws OcxlError {
        if (!openFiles.contains(step.value("file", 0))) {
            throw new OcxlError(Errno.EBADF, OcxlRules.CDEV);
        }
    }

    /** file_release(): drops the device's eventfd, whoever registered it; the last put frees the device. */
    Result close(OcxlStep step) throws OcxlError {
        openFile(step);
        long file = step.value("file", 0);
        openFiles.remove(file);
        if (eventfdOwner != null) {
            dmesg.applied(OcxlRules.EVENTFD_RELEASE);
            if (eventfdOwner != file) {
                warnings.add(OcxlRules.EVENTFD_RELEASE, OcxlRules.EVENTFD_RELEASE.message(file, eventfdOwner));
            }
            eventfdOwner = null;
        }
        Map<String, Object> v = values();
        if (removed && openFiles.isEmpty()) {
            v.put("teardown", lastPut());
        }
        return new Result(v);
    }

    /** ocxlpmem_remove(): bus, then cdev, then device; freeing waits for the last open file. */
    Result remove(NvdimmBus bus) {
        dmesg.applied(OcxlRules.CDEV);
        removed = true;
        if (region != null) {
            bus.unregister(region);
            region = null;
        }
        Map<String, Object> v = values();
        v.put("teardown", "nvdimm_bus_unregister, cdev_del, device_unregister"
                + (openFiles.isEmpty() ? ", " + lastPut() : ""));
        return new Result(v);
    }

    /** free_ocxlpmem(): doorbells off first (CHIEC <- CHI_ALL), then the minor, the IRQ pages, the context. */
    private String lastPut() {
        chi = 0;
        return "CHIEC <- CHI_ALL, free minor, unmap irq_addr[1], unmap irq_addr[0], detach context";
    }

    // ---- label area ----

    /** ndctl_config_write() / ndctl_config_read(): bounded by LABEL_AREA_SIZE; writes are memcpy_flushcache. */
    Result configData(OcxlStep step, boolean write) throws OcxlError {
        dmesg.applied(OcxlRules.LABEL_BOUNDS);
        long offset = step.value("offset", 0);
        long length = step.value("length", 0);
        if (Long.compareUnsigned(offset + length, spec.labelArea()) > 0) {
            throw new OcxlError(Errno.EINVAL, OcxlRules.LABEL_BOUNDS);
        }
        Map<String, Object> v = values();
        v.put(write ? "written" : "read", length);
        if (write) {
            v.put("durable", true); // memcpy_flushcache: no flush or fence needed after the call
        }
        return new Result(v);
    }

    Map<String, Object> values() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("probed", probed());
        v.put("chi", chi);
        v.put("event_mask", Mmio.eventMask(chi)); // what EVENT_CHECK would return now
        if (caps != null) {
            v.put("scm_revision", caps.revision());
            v.put("read_latency", (long) caps.readLatencyNs());
            v.put("readiness_timeout", (long) caps.readinessTimeout());
            v.put("memory_available_timeout", (long) caps.memoryAvailableTimeout());
        }
        v.put("eventfd", eventfdOwner != null);
        v.put("open_files", (long) openFiles.size());
        v.put("last_rc", lastRc);
        v.put("label_area", spec.labelArea());
        return v;
    }
}
