package org.pmdl.model.libnvdimm;

/** A personality superblock in the first 8K of a namespace. */
public sealed interface Infoblock permits Infoblock.Pfn, Infoblock.Btt {

    String PFN_SIG = "NVDIMM_PFN_INFO";
    String DAX_SIG = "NVDIMM_DAX_INFO";

    /** struct nd_pfn_sb (drivers/nvdimm/pfn.h), as nd_pfn_init writes it: version 1.4, start_pad 0. */
    record Pfn(String signature, String uuid, String parentUuid, int versionMinor, PfnMode mode, long dataoff,
            long npfns, long startPad, long endTrunc, long align, long pageSize, int pageStructSize)
            implements Infoblock {
    }

    /** struct btt_sb: v1.1 sits at 4K (initial offset 4K), v2.0 at 0 (drivers/nvdimm/btt_devs.c nd_btt_version). */
    record Btt(String uuid, String parentUuid, int versionMajor, long lbasize) implements Infoblock {
        long initialOffset() {
            return versionMajor == 1 ? 4096 : 0;
        }
    }

    /** enum nd_pfn_mode: where the struct page array lives (ndctl --map mem / dev). */
    enum PfnMode {
        RAM, PMEM
    }
}
