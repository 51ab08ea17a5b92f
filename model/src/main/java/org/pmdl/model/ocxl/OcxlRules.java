package org.pmdl.model.ocxl;

import org.pmdl.model.rules.Layer;
import org.pmdl.model.rules.Rule;

/**
 * Rules of the OpenCAPI persistent-memory stack (domain catalog C), a driver series posted (v3, v4) but not merged:
 * a source that starts with "review of ocxl v4" cites the series' function as its review thread quotes it; "[ext]"
 * marks what comes from the posted v3/v4 patches or upstream kernel text the thread does not quote
 * ({@link Rule#provenance()}).
 */
public final class OcxlRules {
    private OcxlRules() {
    }

    // ---- SM-1: the link's LPC window (drivers/misc/ocxl/link.c, core.c) ----
    public static final Rule LPC_HIGH_WATER = Rule.error("OCXL-LPC-HIGH-WATER", Layer.KERNEL,
            "review of ocxl v4 (C-01): drivers/misc/ocxl/link.c ocxl_link_add_lpc_mem",
            "The link's LPC size is max(lpc_mem_sz, offset + lpc_size + sp_size): a high-water mark, not a sum.",
            "Nothing to fix: expect the link's LPC size to be the largest end, not the sum.");
    public static final Rule LPC_WRAP = Rule.error("OCXL-LPC-WRAP", Layer.KERNEL,
            "review of ocxl v4 (C-02): ocxl_link_add_lpc_mem, configure_afu err_free_mmio",
            "offset + size wrapping past 2^64 gives -EINVAL; configure_afu unmaps MMIO, reclaims the PASID, "
                    + "then the acTag.",
            "Use an offset and size whose sum fits in 64 bits.");
    public static final Rule LPC_MAP_EMPTY = Rule.error("OCXL-LPC-MAP-EMPTY", Layer.KERNEL,
            "review of ocxl v4 (C-03): drivers/misc/ocxl/core.c map_lpc_mem",
            "An AFU without LPC or special-purpose memory maps nothing: 0, no link consumer.",
            "Nothing to fix: an AFU without LPC memory maps nothing.");
    public static final Rule LPC_MAP_ORDER = Rule.warning("OCXL-LPC-MAP-ORDER", Layer.KERNEL,
            "review of ocxl v4 (C-04): ocxl_link_lpc_map kernel-doc",
            "The window is sized at the first map: an AFU that registers LPC memory after it is outside the window.",
            "Register every AFU's LPC memory before the first map.")
            .withTemplate("LPC memory up to {end} registered after the link was mapped with a window of {window}:"
                    + " the window is undersized");
    public static final Rule LPC_MAP = Rule.error("OCXL-LPC-MAP", Layer.KERNEL,
            "review of ocxl v4 (C-05, C-07): ocxl_link_lpc_map, map_lpc_mem",
            "The first map asks the platform for a window of lpc_mem_sz; every map with a base counts a consumer; "
                    + "the AFU's lpc_res/special_purpose_res are base+offset.",
            "Nothing to fix: expect the window and the consumer count.");
    public static final Rule LPC_MAP_FAILED = Rule.error("OCXL-LPC-MAP-FAILED", Layer.KERNEL,
            "review of ocxl v4 (C-06): map_lpc_mem",
            "A platform base of 0 is failure: the AFU map gives -EINVAL and no consumer is counted.",
            "Make the platform's window allocation succeed (OPAL rc 0).");
    public static final Rule LPC_RELEASE = Rule.error("OCXL-LPC-RELEASE", Layer.KERNEL,
            "review of ocxl v4 (C-08, C-09, C-10): ocxl_link_lpc_release, unmap_lpc_mem",
            "Release with no window is a no-op (v4); else --consumers, and at 0 the platform releases the window.",
            "Nothing to fix: expect the window to go with the last consumer.")
            .withTemplate("WARN_ON(--link->lpc_consumers < 0)");
    // ---- SM-2: powernv (arch/powerpc/platforms/powernv/ocxl.c) ----
    public static final Rule OPAL_ALLOC = Rule.error("OCXL-OPAL-ALLOC", Layer.KERNEL,
            "review of ocxl v4 (C-12, C-13): pnv_ocxl_platform_lpc_setup, OPAL_NPU_MEM_ALLOC 171",
            "OPAL_NPU_MEM_ALLOC(phb, bdfn, size) returns the base big-endian; rc != 0 warns "
                    + "\"OPAL could not allocate LPC memory, rc=N\" and gives base 0.",
            "Make OPAL_NPU_MEM_ALLOC succeed; with rc != 0 the card gets no window.");
    public static final Rule ADDRESSABLE = Rule.error("OCXL-ADDRESSABLE", Layer.KERNEL,
            "review of ocxl v4 (C-14, C-15) with [ext] mm/memory_hotplug.c check_hotplug_memory_addressable "
                    + "(WARN, -E2BIG; posted v3 2/27)",
            "A window whose last byte needs more than MAX_PHYSMEM_BITS fails -E2BIG with a WARN; the setup returns 0.",
            "Use a window that ends below 2^MAX_PHYSMEM_BITS.");
    public static final Rule OPAL_WINDOW_LEAK = Rule.warning("OCXL-OPAL-WINDOW-LEAK", Layer.KERNEL,
            "review of ocxl v4 (C-17, C-19): pnv_ocxl_platform_lpc_setup",
            "After a failed addressability check the OPAL window stays allocated (no OPAL_NPU_MEM_RELEASE), and the "
                    + "setup says nothing but the WARN; Dan asks for a log line.",
            "Expect the leaked window (`leaked_windows`) until the card is reset.")
            .withTemplate("the OPAL window at {base} ({size} bytes) is not released (no OPAL_NPU_MEM_RELEASE) and"
                    + " no log says why the device is missing");
    public static final Rule OPAL_RELEASE = Rule.error("OCXL-OPAL-RELEASE", Layer.KERNEL,
            "review of ocxl v4 (C-12, C-18): pnv_ocxl_platform_lpc_release, OPAL_NPU_MEM_RELEASE 172",
            "OPAL_NPU_MEM_RELEASE(phb, bdfn); rc != 0 only warns \"OPAL reported rc=N when releasing LPC memory\".",
            "Nothing to fix: a release error is only logged.");
    // ---- SM-3: probe and readiness (drivers/nvdimm/ocxl/ocxlpmem.c as posted) ----
    public static final Rule CCAP0 = Rule.error("OCXL-CCAP0", Layer.KERNEL,
            "review of ocxl v4 (C-23) with [ext] v4 12/25 field widths (read_latency bits 32-47, \"Fix mask\")",
            "CCAP0: scm_revision bits 0-15, read_latency 32-47 (ns), readiness_timeout 48-51 (s), "
                    + "memory_available_timeout 52-63 (s).",
            "Nothing to fix: expect the fields decoded from CCAP0.");
    public static final Rule METADATA_READ = Rule.error("OCXL-METADATA-READ", Layer.KERNEL,
            "review of ocxl v4 (C-22, C-31): probe read_device_metadata, setup_command_metadata",
            "Probe fails when the capability registers or the command metadata cannot be read.",
            "Make the device's capability and command metadata readable; probe fails without them.");
    public static final Rule READY_WAIT = Rule.error("OCXL-READY-WAIT", Layer.KERNEL,
            "review of ocxl v4 (C-24, C-25) with [ext] -ENXIO and msleep(1000) (posted v3/v4 probe)",
            "Ready means CHI.CRDY and CHI.MA; CHI is read once a second and probe fails with -ENXIO once "
                    + "elapsed++ > readiness_timeout + memory_available_timeout.",
            "Set CHI.CRDY and CHI.MA within readiness_timeout + memory_available_timeout seconds.");
    public static final Rule PROBE_ERROR_LOG = Rule.error("OCXL-PROBE-ERROR-LOG", Layer.KERNEL,
            "review of ocxl v4 (C-28) with [ext] probe err path dump_error_log, \"Error detected, will not register "
                    + "OpenCAPI persistent memory\" (posted v3)",
            "A failed probe prints the error log when CHI.ELA is set.",
            "Read the printed error log for why the device failed.");
    public static final Rule LPC_REGISTERED = Rule.error("OCXL-LPC-REGISTERED", Layer.KERNEL,
            "review of ocxl v4 (C-26, C-54)",
            "Only a ready device registers memory: one section at the start is the label area, the rest one region "
                    + "on the card's own nvdimm bus.",
            "Probe a ready device to get its region.");
    // ---- SM-4 / SM-5: admin commands and the error log ----
    public static final Rule ADMIN_OPCODE = Rule.error("OCXL-ADMIN-OPCODE", Layer.KERNEL,
            "[ext] v4 admin_command_execute (op_code > ADMIN_COMMAND_MAX 0x08 is -EINVAL)",
            "An admin opcode above CMD_CAPS (0x08) is refused with -EINVAL before the device is touched.",
            "Use an admin opcode up to CMD_CAPS (0x08).");
    public static final Rule ADMIN_TIMEOUT = Rule.error("OCXL-ADMIN-TIMEOUT", Layer.KERNEL,
            "review of ocxl v4 (C-32) with [ext] posted v3 admin_command_complete_timeout (32 ms polls)",
            "CHI.ACRA is polled every 32 ms, timeouts[op] / 32 times (DEFAULT_TIMEOUT 100 ms when unset), then once "
                    + "more; still clear is -EBUSY.",
            "Complete the command (set CHI.ACRA) within its timeout.");
    public static final Rule ADMIN_RESPONSE_ID = Rule.error("OCXL-ADMIN-RESPONSE-ID", Layer.KERNEL,
            "[ext] v4 command_response (v3 only warned \"Expected response for command %d ...\")",
            "A response whose id (bits 16-31) is not the request's is -EBUSY.",
            "Answer with the request's id; a stale completion must be cleared first.");
    public static final Rule ADMIN_ONE_IN_FLIGHT = Rule.error("OCXL-ADMIN-ONE-IN-FLIGHT", Layer.KERNEL,
            "review of ocxl v4 (C-33, C-34): admin_command.lock, admin_response_handled (CHIC <- ACRA)",
            "One admin command at a time under admin_command.lock; the doorbell is HCI.ACRW and the completion is "
                    + "cleared by writing ACRA to CHIC.",
            "Nothing to fix: commands run one at a time.");
    public static final Rule ADMIN_STALE_ACRA = Rule.warning("OCXL-ADMIN-STALE-ACRA", Layer.KERNEL,
            "review of ocxl v4 (C-39, C-40, §5.10): read_error_log error paths skip admin_response_handled",
            "An error path leaves CHI.ACRA set: the next command sees a stale completion.",
            "Expect the next command to see the stale completion (and fail -EBUSY).")
            .withTemplate("CHI.ACRA is left set: the next admin command reads a stale completion");
    public static final Rule ADMIN_STATUS = Rule.warning("OCXL-ADMIN-STATUS", Layer.KERNEL,
            "review of ocxl v4 (C-35, C-39) with [ext] warn_status texts",
            "A nonzero device status is logged \"<msg>: <text> (<hex>)\" and returned as a positive ioctl rc.",
            "Read the device status the warning names.")
            .withTemplate("read_error_log returns the device status {status} to userspace as a positive ioctl return "
                    + "value");
    public static final Rule ERRLOG_BUFFER = Rule.error("OCXL-ERRLOG-BUFFER", Layer.KERNEL,
            "review of ocxl v4 (C-37): read_error_log", "buf_size % 8 != 0 is -EINVAL before the device is touched.",
            "Pass a buffer size that is a multiple of 8.");
    public static final Rule ERRLOG_PENDING = Rule.error("OCXL-ERRLOG-PENDING", Layer.KERNEL,
            "review of ocxl v4 (C-38): read_error_log", "CHI.ELA clear is -EAGAIN: no error log is pending.",
            "Read the error log only when CHI.ELA is set.");
    public static final Rule ERRLOG_HEADER = Rule.error("OCXL-ERRLOG-HEADER", Layer.KERNEL,
            "review of ocxl v4 (C-40, C-41): error_log_header_parse",
            "The header's data identifier must be 0x454C (\"EL\"), else -EINVAL; buf_size becomes the device's length "
                    + "and min(user, device) bytes are copied.",
            "Give the error log a header with data identifier 0x454C (\"EL\").");
    // ---- SM-6 / SM-7: events, char device, labels ----
    public static final Rule EVENTFD = Rule.error("OCXL-EVENTFD", Layer.KERNEL,
            "review of ocxl v4 (C-45): ioctl_eventfd", "One eventfd per device: a second registration is -EBUSY.",
            "Register one eventfd per device; release the old one first.");
    public static final Rule EVENTFD_RELEASE = Rule.warning("OCXL-EVENTFD-RELEASE", Layer.KERNEL,
            "review of ocxl v4 (C-46): file_release",
            "Any file release on the device drops the registered eventfd, also one another opener registered.",
            "Re-register the eventfd after any opener closes the device.")
            .withTemplate("closing file {file} dropped the eventfd file {owner} registered");
    public static final Rule EVENT_CHECK = Rule.error("OCXL-EVENT-CHECK", Layer.KERNEL,
            "review of ocxl v4 (C-47) with [ext] uapi event bit values",
            "EVENT_CHECK reads CHI live: ELA, CDA, CFFS, CHFS map to the event mask, other bits are ignored.",
            "Nothing to fix: expect the event mask read from CHI.");
    public static final Rule CDEV = Rule.error("OCXL-CDEV", Layer.KERNEL,
            "review of ocxl v4 (C-44, C-51, C-52): file_open, ocxlpmem_remove, free_ocxlpmem",
            "open looks the minor up (-ENODEV when removed); remove unregisters the bus, then cdev_del, then "
                    + "device_unregister; the last put disables doorbells (CHIEC <- CHI_ALL) before freeing.",
            "Open the device only while it is probed.");
    public static final Rule LABEL_BOUNDS = Rule.error("OCXL-LABEL-BOUNDS", Layer.KERNEL,
            "review of ocxl v4 (C-56, C-57): ndctl_config_write, ndctl_config_read",
            "Config data beyond LABEL_AREA_SIZE is -EINVAL; writes use memcpy_flushcache, so they are "
                    + "durable on return.",
            "Keep config reads and writes inside the label area.");
    public static final Rule LABEL_ALIGN = Rule.warning("OCXL-LABEL-ALIGN", Layer.KERNEL,
            "review of ocxl v4 (C-55) with [ext] ppc64 SECTION_SIZE_BITS 24",
            "The data range after the label area should start on a section (16M) boundary, the granularity "
                    + "memory hotplug maps it in.",
            "Make the label area end on a 16M boundary (e.g. a 16M label area).")
            .withTemplate("label-area {size} is not a multiple of the 16M section: the region after it starts off"
                    + " the hotplug granularity (the ocxl v4 review asks whether a section is needed)");
    public static final Rule NOT_PROBED = Rule.error("OCXL-NOT-PROBED", Layer.PMDL, "PMDL",
            "An ocxlpmem step needs a probed device (`ocxl probe CARD`) and a booted machine.",
            "Add `ocxl probe CARD` (after a boot) before the step.");
    public static final Rule STEP = Rule.error("OCXL-STEP", Layer.PMDL, "PMDL language; docs/ocxl.md",
            "An ocxl step names a known verb, an ocxl card, an AFU of that card where the verb needs one, and only "
                    + "the keys the verb reads (durations for times, bare words for CHI bits and flags).",
            "Use a verb, card, AFU and keys as docs/ocxl.md lists them.");
    public static final Rule CARD = Rule.error("OCXL-CARD", Layer.PMDL,
            "PMDL language; drivers/nvdimm/ocxl/Kconfig as posted in ocxl v4 (OCXL_PMEM depends on "
            + "PPC_POWERNV)", "An ocxl card sits on a ppc64 (powernv) platform, has an AFU with LPC memory larger than "
            + "its label area, and names OPAL return codes skiboot defines.",
            "Put the card on a ppc64 platform, give its AFU LPC memory larger than the label area, "
                    + "and use OPAL codes skiboot defines.");
}
