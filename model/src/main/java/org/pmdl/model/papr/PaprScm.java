package org.pmdl.model.papr;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pmdl.model.kernel.Errno;
import org.pmdl.model.libnvdimm.Dmesg;
import org.pmdl.model.libnvdimm.NvdimmBus;
import org.pmdl.model.libnvdimm.Region;
import org.pmdl.model.rules.Rule;
import org.pmdl.model.topology.MappingSpec;
import org.pmdl.model.topology.NvdimmSpec;
import org.pmdl.model.topology.PersistenceDomain;
import org.pmdl.model.topology.RegionSpec;
import org.pmdl.model.topology.ScmSpec;

/**
 * One papr_scm platform device as one kernel release probes it (arch/powerpc/platforms/pseries/papr_scm.c):
 * bind the DRC's blocks, recover from H_OVERLAP as the release does, then register a DIMM and a region.
 * A method per kernel function, checks in the kernel's order.
 */
public final class PaprScm {
    /** PAPR_PMEM_UNARMED | PAPR_PMEM_HEALTH_UNHEALTHY: the bits that make a DIMM unarmed. */
    static final long UNARMED_MASK = SpaprHypervisor.healthBit(0) | SpaprHypervisor.healthBit(6);

    private final ScmSpec spec;
    private final SpaprHypervisor hypervisor;
    private final PaprScmRelease release;
    private final Dmesg dmesg;
    private long boundAddr = -1;
    private long healthBitmap;
    private Region region;
    private String dimm; // the kernel's name of the nvdimm papr_scm registers (nmemN)
    /** The payload of the last ioctl on this DIMM, readable as ioctl_&lt;field&gt; until the next one. */
    private Map<String, Object> lastIoctl = Map.of();

    public PaprScm(ScmSpec spec, SpaprHypervisor hypervisor, PaprScmRelease release, Dmesg dmesg) {
        this.spec = spec;
        this.hypervisor = hypervisor;
        this.release = release;
        this.dmesg = dmesg;
    }

    /** The platform device's name in the kernel log: "papr_scm ibm,persistent-memory:ibm,pmemory@44100002". */
    String dev() {
        return "papr_scm ibm,persistent-memory:ibm,pmemory@" + Long.toHexString(spec.drcIndex());
    }

    private void log(String message) {
        dmesg.kernel(dev() + ": " + message);
    }

    /** papr_scm_probe(): true when the region is registered. */
    public boolean probe(NvdimmBus bus) {
        long rc = drcPmemBind();
        switch (release.recovery()) {
            case NONE -> { }
            case UNBIND_AND_RETRY -> {
                if (rc == HcallStatus.H_OVERLAP) {
                    dmesg.applied(PaprRules.SCM_UNBIND_RETRY);
                    log("Un-binding and retrying");
                    drcPmemUnbind(); // errors ignored
                    rc = drcPmemBind();
                }
            }
            case QUERY_AND_REUSE -> {
                if (rc == HcallStatus.H_OVERLAP) {
                    rc = drcPmemQueryNBind();
                }
            }
        }
        if (rc != HcallStatus.H_SUCCESS) {
            dmesg.applied(PaprRules.SCM_BIND_ERROR);
            log("bind err: " + rc);
            return false; // -ENXIO: a platform-driver probe failing with ENXIO is silent in dd.c
        }
        if (release.probeQueriesStats()) {
            drcPmemQueryStats();
        }
        return nvdimmInit(bus);
    }

    /** drc_pmem_bind(): loop while H_BUSY, passing the continue token; keep the first non-zero R5. */
    private long drcPmemBind() {
        dmesg.applied(PaprRules.SCM_BIND);
        long token = 0;
        long saved = 0;
        HcallResult r;
        do {
            r = hypervisor.call(Hcall.H_SCM_BIND_MEM, spec.drcIndex(), 0, spec.blocks(), Hcall.BIND_ANY_ADDR, token);
            token = r.r4();
            if (saved == 0) {
                saved = r.r5();
            }
        } while (r.rc() == HcallStatus.H_BUSY);
        if (r.rc() == HcallStatus.H_SUCCESS) {
            boundAddr = saved;
        }
        return r.rc();
    }

    /** drc_pmem_query_n_bind(): blocks 0 and n-1 bound contiguously → reuse; otherwise unbind and bind. */
    private long drcPmemQueryNBind() {
        dmesg.applied(PaprRules.SCM_QUERY_N_BIND);
        HcallResult first = hypervisor.call(Hcall.H_SCM_QUERY_BLOCK_MEM_BINDING, spec.drcIndex(), 0);
        if (first.rc() == HcallStatus.H_SUCCESS) {
            HcallResult last = hypervisor.call(Hcall.H_SCM_QUERY_BLOCK_MEM_BINDING, spec.drcIndex(), spec.blocks() - 1);
            if (last.rc() == HcallStatus.H_SUCCESS
                    && last.r4() - first.r4() == (spec.blocks() - 1) * spec.blockSize()) {
                boundAddr = first.r4();
                return HcallStatus.H_SUCCESS;
            }
        }
        log("Failed to query, trying an unbind followed by bind");
        drcPmemUnbind();
        return drcPmemBind();
    }

    /**
     * drc_pmem_unbind(): H_SCM_UNBIND_ALL(scope DRC) looping on H_BUSY and H_LONG_BUSY_* (5.3+); 5.2 issued
     * one H_SCM_UNBIND_MEM for the bound range.
     */
    private void drcPmemUnbind() {
        dmesg.applied(PaprRules.SCM_UNBIND);
        HcallResult r;
        if (release.unbindAll()) {
            long token = 0;
            do {
                r = hypervisor.call(Hcall.H_SCM_UNBIND_ALL, Hcall.H_UNBIND_SCOPE_DRC, spec.drcIndex(), token);
                token = r.r4();
            } while (r.rc() == HcallStatus.H_BUSY || HcallStatus.isLongBusy(r.rc()));
        } else {
            r = hypervisor.call(Hcall.H_SCM_UNBIND_MEM, spec.drcIndex(), boundAddr, spec.blocks());
        }
        if (r.rc() != HcallStatus.H_SUCCESS) {
            log("unbind error: " + r.rc());
        }
        boundAddr = -1;
    }

    /** drc_pmem_query_stats(p, NULL, 0) at probe: the size of the statistics buffer. */
    private void drcPmemQueryStats() {
        dmesg.applied(PaprRules.SCM_STATS);
        long rc = hypervisor.call(Hcall.H_SCM_PERFORMANCE_STATS, spec.drcIndex(), 0, 0).rc();
        if (rc != HcallStatus.H_SUCCESS && rc != HcallStatus.H_PARTIAL && rc != HcallStatus.H_AUTHORITY
                && rc != HcallStatus.H_UNSUPPORTED) {
            log("Failed to query performance stats, Err:" + rc);
        }
    }

    /** __drc_pmem_query_health(): only bits the hypervisor marks valid count. */
    private void drcPmemQueryHealth() {
        dmesg.applied(PaprRules.SCM_HEALTH);
        HcallResult r = hypervisor.call(Hcall.H_SCM_HEALTH, spec.drcIndex());
        if (r.rc() == HcallStatus.H_SUCCESS) {
            healthBitmap = r.r4() & r.r5();
        } else if (r.rc() == HcallStatus.H_FUNCTION) {
            log("Hcall H_SCM_HEALTH not implemented, assuming empty health bitmap");
        } else {
            log("Failed to query health information, Err:" + r.rc());
        }
    }

    /**
     * papr_scm_nvdimm_init(): the DIMM (NDD_LABELING, NDD_UNARMED if unarmed), whose label index and labels the
     * kernel reads through ND_CMD_GET_CONFIG_DATA in max_xfer = 8 byte H_SCM_READ_METADATA calls (papr_scm_ndctl),
     * then one mapping and a pmem region (ibm,cache-flush-required) or a volatile one.
     */
    private boolean nvdimmInit(NvdimmBus bus) {
        if (release.probeQueriesHealth()) {
            drcPmemQueryHealth();
        }
        boolean unarmed = (healthBitmap & UNARMED_MASK) != 0;
        dimm = bus.nextDimmName();
        if (spec.metadataSize() > 0) {
            long bytes = bus.labels().dataReadAtProbe(dimm, spec.metadataSize());
            hypervisor.callRepeated(Hcall.H_SCM_READ_METADATA, bytes / 8, spec.drcIndex(), 0, 8);
        }
        dmesg.applied(PaprRules.SCM_REGION);
        RegionSpec regionSpec = new RegionSpec(spec.name(), boundAddr,
                List.of(new MappingSpec(dimm, 0, spec.size(), spec.source())),
                spec.cacheFlushRequired() ? PersistenceDomain.MEMORY_CONTROLLER : PersistenceDomain.UNKNOWN,
                unarmed, spec.source());
        Optional<Region> registered = bus.registerRegion(new NvdimmSpec(dimm, spec.size(), spec.metadataSize(),
                spec.source()), regionSpec, regionSpec.persistence());
        if (registered.isEmpty()) {
            log("Error registering region [mem " + String.format("%#018x-%#018x", boundAddr,
                    boundAddr + spec.size() - 1) + "] from " + "/ibm,persistent-memory/ibm,pmemory@"
                    + Long.toHexString(spec.drcIndex()));
            drcPmemUnbind();
            return false;
        }
        region = registered.get();
        return true;
    }

    // ---- the DIMM's ioctl commands (papr_scm_ndctl, reached through __nd_ioctl) ----

    /** The commands {@code ioctl SCM COMMAND ARGS} knows, as ndctl's names for them. */
    public static final List<String> IOCTL_COMMANDS = List.of("get-config-size", "get-config-data",
            "set-config-data", "pdsm-health", "pdsm", "cmd");
    /** include/uapi/linux/ndctl.h ND_CMD_*; arch/powerpc/include/uapi/asm/papr_pdsm.h PAPR_PDSM_*. */
    static final int PAPR_PDSM_HEALTH = 1;
    static final int PAPR_PDSM_MAX = 3;

    /** An ioctl's outcome: its errno (null when it returned 0), the values to read, the rule that decided it. */
    public record Ioctl(String errno, Map<String, Object> values, Rule rule) {
    }

    /**
     * __nd_ioctl() on the DIMM of {@code driver}: -ENXIO when papr_scm did not probe it (there is no nvdimm), else
     * papr_scm_ndctl()'s rc, whose errno is the ioctl's.
     */
    public static Ioctl ioctl(PaprScm driver, String command, List<Long> args) {
        if (driver == null || !driver.bound()) {
            return new Ioctl("ENXIO", Map.of(), PaprRules.NDCTL_RC);
        }
        Map<String, Object> v = driver.ndctl(command, args);
        return new Ioctl(v.get("rc") instanceof String errno ? errno.substring(1) : null, v, PaprRules.NDCTL_RC);
    }

    /**
     * papr_scm_ndctl(): {@code rc} says whether the command reached the provider (is_cmd_valid() refuses with
     * -EINVAL before that); {@code cmd_rc} is the command's own status. __nd_ioctl() returns rc only, so a failed
     * label read is rc 0 with cmd_rc -EINVAL (seed-rules-A A-40/A-41, seed-rules-D D-54).
     */
    private Map<String, Object> ndctl(String command, List<Long> args) {
        dmesg.applied(PaprRules.NDCTL_RC);
        Map<String, Object> v = new LinkedHashMap<>();
        long a0 = args.isEmpty() ? 0 : args.get(0);
        long a1 = args.size() < 2 ? 8 : args.get(1);
        switch (command) {
            case "get-config-size" -> {
                v.put("rc", 0L);
                v.put("cmd_rc", 0L);
                v.put("config_size", spec.metadataSize());
                v.put("max_xfer", 8L);
            }
            case "get-config-data", "set-config-data" -> {
                v.put("rc", 0L);
                v.put("cmd_rc", metadataTransfer(command.startsWith("get") ? Hcall.H_SCM_READ_METADATA
                        : Hcall.H_SCM_WRITE_METADATA, a0, a1));
            }
            case "pdsm-health" -> pdsm(PAPR_PDSM_HEALTH, v);
            case "pdsm" -> pdsm(a0, v);
            default -> v.put("rc", status(Errno.EINVAL)); // not in the cmd mask
        }
        lastIoctl = v;
        return v;
    }

    /** A negative kernel status as the report writes it: "-EINVAL". */
    private static String status(Errno errno) {
        return "-" + errno.name();
    }

    /** papr_scm_meta_get/_set(): 8/4/2/1-byte hcalls; H_PARAMETER is -ENODEV ("bad DRC index"), others -EINVAL. */
    private Object metadataTransfer(Hcall hcall, long offset, long length) {
        if (offset + length > spec.metadataSize()) {
            return status(Errno.EINVAL);
        }
        for (long done = 0; done < length; ) {
            long len = length - done >= 8 ? 8 : length - done >= 4 ? 4 : length - done >= 2 ? 2 : 1;
            long rc = hcall == Hcall.H_SCM_READ_METADATA
                    ? hypervisor.call(hcall, spec.drcIndex(), offset + done, len).rc()
                    : hypervisor.call(hcall, spec.drcIndex(), offset + done, 0, len).rc();
            if (rc == HcallStatus.H_PARAMETER) {
                return status(Errno.ENODEV);
            }
            if (rc != HcallStatus.H_SUCCESS) {
                return status(Errno.EINVAL);
            }
            done += len;
        }
        return 0L;
    }

    /**
     * ND_CMD_CALL with a PDSM: an id outside (PAPR_PDSM_MIN, PAPR_PDSM_MAX) is refused by is_cmd_valid() (rc
     * -EINVAL); PAPR_PDSM_HEALTH re-reads H_SCM_HEALTH and fills nd_papr_pdsm_health; a service error lands in
     * cmd_status with rc 0.
     */
    private void pdsm(long id, Map<String, Object> v) {
        if (id <= 0 || id >= PAPR_PDSM_MAX) {
            v.put("rc", status(Errno.EINVAL));
            return;
        }
        v.put("rc", 0L);
        if (id != PAPR_PDSM_HEALTH) {
            v.put("cmd_status", 0L); // PAPR_PDSM_SMART_INJECT with no flags: nothing to inject
            return;
        }
        HcallResult r = hypervisor.call(Hcall.H_SCM_HEALTH, spec.drcIndex());
        if (r.rc() != HcallStatus.H_SUCCESS && r.rc() != HcallStatus.H_FUNCTION) {
            log("Failed to query health information, Err:" + r.rc());
            v.put("cmd_status", status(Errno.ENXIO));
            return;
        }
        long health = r.rc() == HcallStatus.H_SUCCESS ? r.r4() & r.r5() : 0;
        healthBitmap = health;
        v.put("cmd_status", 0L);
        v.put("dimm_unarmed", (health & UNARMED_MASK) != 0);
        v.put("dimm_bad_shutdown", (health & SpaprHypervisor.healthBit(1)) != 0);
        v.put("dimm_bad_restore", (health & SpaprHypervisor.healthBit(3)) != 0);
        v.put("dimm_scrubbed", (health & SpaprHypervisor.healthBit(9)) != 0);
        v.put("dimm_locked", (health & SpaprHypervisor.healthBit(9)) != 0);
        v.put("dimm_encrypted", (health & SpaprHypervisor.healthBit(8)) != 0);
        v.put("dimm_health", (health & SpaprHypervisor.healthBit(5)) != 0 ? "fatal"
                : (health & SpaprHypervisor.healthBit(4)) != 0 ? "critical"
                : (health & SpaprHypervisor.healthBit(6)) != 0 ? "unhealthy" : "healthy");
    }

    public ScmSpec spec() {
        return spec;
    }

    /** The nvdimm papr_scm_nvdimm_init() registered (nmemN), once probed. */
    public Optional<String> dimm() {
        return Optional.ofNullable(dimm);
    }

    /** Whether this kernel's papr_scm holds a binding and registered its region. */
    public boolean bound() {
        return region != null;
    }

    /** flags_show (nmemX/papr/flags): the health bitmap in words. */
    String paprFlags() {
        StringBuilder s = new StringBuilder();
        if ((healthBitmap & UNARMED_MASK) != 0) {
            s.append("not_armed ");
        }
        if ((healthBitmap & SpaprHypervisor.healthBit(1)) != 0) {
            s.append("flush_fail ");
        }
        if ((healthBitmap & SpaprHypervisor.healthBit(3)) != 0) {
            s.append("restore_fail ");
        }
        if ((healthBitmap & SpaprHypervisor.healthBit(8)) != 0) {
            s.append("encrypted ");
        }
        if ((healthBitmap & (SpaprHypervisor.healthBit(4) | SpaprHypervisor.healthBit(5)
                | SpaprHypervisor.healthBit(6))) != 0) {
            s.append("smart_notify ");
        }
        if ((healthBitmap & SpaprHypervisor.healthBit(9)) != 0) {
            s.append("scrubbed locked ");
        }
        return s.toString().trim();
    }

    /** What a user reads about the SCM DRC: the binding, and the DIMM's papr attributes. */
    public Map<String, Object> values() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("drc_index", spec.drcIndex());
        v.put("bound", bound());
        if (bound()) {
            v.put("address", boundAddr);
        }
        v.put("size", spec.size());
        v.put("health_bitmap", healthBitmap);
        v.put("papr_flags", paprFlags());
        lastIoctl.forEach((field, value) -> v.put("ioctl_" + field, value));
        return v;
    }
}
