package org.pmdl.model.topology;

/**
 * A region's persistence domain with ndctl's words (drivers/nvdimm/region_devs.c persistence_domain_show:
 * ND_REGION_PERSIST_CACHE is tested before ND_REGION_PERSIST_MEMCTRL; neither exports an empty string,
 * which ndctl shows as "unknown").
 */
public enum PersistenceDomain {
    CPU_CACHE("cpu_cache"),
    MEMORY_CONTROLLER("memory_controller"),
    NONE("none"),
    UNKNOWN("unknown");

    private final String keyword;

    PersistenceDomain(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }
}
