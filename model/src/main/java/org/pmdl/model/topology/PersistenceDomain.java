package org.pmdl.model.topology;

/**
 * A region's persistence domain with ndctl's words (drivers/nvdimm/region_devs.c persistence_domain_show:
 * ND_REGION_PERSIST_CACHE is tested before ND_REGION_PERSIST_MEMCTRL; neither exports an empty string,
 * which ndctl shows as "unknown").
 */
public enum PersistenceDomain {
    CPU_CACHE,
    MEMORY_CONTROLLER,
    NONE,
    UNKNOWN;

    /** The word PMDL and ndctl use for it. */
    public String keyword() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
