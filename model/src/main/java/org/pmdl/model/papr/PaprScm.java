package org.pmdl.model.papr;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pmdl.model.libnvdimm.Dmesg;
import org.pmdl.model.libnvdimm.NvdimmBus;
import org.pmdl.model.libnvdimm.Region;
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
        String dimm = bus.nextDimmName();
        if (spec.metadataSize() > 0) {
            long bytes = bus.labelAreaReadAtProbe(dimm, spec.metadataSize());
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

    public ScmSpec spec() {
        return spec;
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
        return v;
    }
}
