package org.pmdl.model.ocxl;

import org.pmdl.model.rules.Rule;
import org.pmdl.model.rules.Severity;

/**
 * Rules of the OpenCAPI persistent-memory stack (domain catalog C). A source that starts with "seed 001" is
 * the review thread's own text (the v4 series as quoted there); "[ext]" marks what comes from the posted v3/v4
 * patches or upstream kernel text outside the seed ranges ({@link Rule#provenance()}).
 */
public final class OcxlRules {
    private OcxlRules() {
    }

    private static Rule warning(String id, String source, String summary) {
        return new Rule(id, Severity.WARNING, source, summary);
    }

    // ---- SM-1: the link's LPC window (drivers/misc/ocxl/link.c, core.c) ----
    public static final Rule LPC_HIGH_WATER = Rule.error("OCXL-LPC-HIGH-WATER",
            "seed 001 L4930-4939, L4979-4993 (C-01): drivers/misc/ocxl/link.c ocxl_link_add_lpc_mem",
            "The link's LPC size is max(lpc_mem_sz, offset + lpc_size + sp_size): a high-water mark, not a sum.");
    public static final Rule LPC_WRAP = Rule.error("OCXL-LPC-WRAP",
            "seed 001 L4937-4947, L4983-4985 (C-02): ocxl_link_add_lpc_mem, configure_afu err_free_mmio",
            "offset + size wrapping past 2^64 gives -EINVAL; configure_afu unmaps MMIO, reclaims the PASID, then the acTag.");
    public static final Rule LPC_MAP_EMPTY = Rule.error("OCXL-LPC-MAP-EMPTY",
            "seed 001 L4628-4630 (C-03): drivers/misc/ocxl/core.c map_lpc_mem",
            "An AFU without LPC or special-purpose memory maps nothing: 0, no link consumer.");
    public static final Rule LPC_MAP_ORDER = warning("OCXL-LPC-MAP-ORDER",
            "seed 001 L4721-4728, L4910-4912 (C-04): ocxl_link_lpc_map kernel-doc",
            "The window is sized at the first map: an AFU that registers LPC memory after it is outside the window.");
    public static final Rule LPC_MAP = Rule.error("OCXL-LPC-MAP",
            "seed 001 L4999-5009, L4636-4651 (C-05, C-07): ocxl_link_lpc_map, map_lpc_mem",
            "The first map asks the platform for a window of lpc_mem_sz; every map with a base counts a consumer; "
                    + "the AFU's lpc_res/special_purpose_res are base+offset.");
    public static final Rule LPC_MAP_FAILED = Rule.error("OCXL-LPC-MAP-FAILED",
            "seed 001 L4632-4634, L5005-5006 (C-06): map_lpc_mem",
            "A platform base of 0 is failure: the AFU map gives -EINVAL and no consumer is counted.");
    public static final Rule LPC_RELEASE = Rule.error("OCXL-LPC-RELEASE",
            "seed 001 L5018-5028, L5477-5478, L4663-4693 (C-08, C-09, C-10): ocxl_link_lpc_release, unmap_lpc_mem",
            "Release with no window is a no-op (v4); else --consumers, and at 0 the platform releases the window.");
    // ---- SM-2: powernv (arch/powerpc/platforms/powernv/ocxl.c) ----
    public static final Rule OPAL_ALLOC = Rule.error("OCXL-OPAL-ALLOC",
            "seed 001 L5217-5228, L5371-5386 (C-12, C-13): pnv_ocxl_platform_lpc_setup, OPAL_NPU_MEM_ALLOC 171",
            "OPAL_NPU_MEM_ALLOC(phb, bdfn, size) returns the base big-endian; rc != 0 warns "
                    + "\"OPAL could not allocate LPC memory, rc=N\" and gives base 0.");
    public static final Rule ADDRESSABLE = Rule.error("OCXL-ADDRESSABLE",
            "seed 001 L5230-5237, L5331 (C-14, C-15) with [ext] mm/memory_hotplug.c check_hotplug_memory_addressable "
                    + "(WARN, -E2BIG; posted v3 2/27)",
            "A window whose last byte needs more than MAX_PHYSMEM_BITS fails -E2BIG with a WARN; the setup returns 0.");
    public static final Rule OPAL_WINDOW_LEAK = warning("OCXL-OPAL-WINDOW-LEAK",
            "seed 001 L5221-5237, L5018-5021 (C-17, C-19): pnv_ocxl_platform_lpc_setup",
            "After a failed addressability check the OPAL window stays allocated (no OPAL_NPU_MEM_RELEASE), and the "
                    + "setup says nothing but the WARN; Dan asks for a log line.");
    public static final Rule OPAL_RELEASE = Rule.error("OCXL-OPAL-RELEASE",
            "seed 001 L5256-5260, L5372 (C-12, C-18): pnv_ocxl_platform_lpc_release, OPAL_NPU_MEM_RELEASE 172",
            "OPAL_NPU_MEM_RELEASE(phb, bdfn); rc != 0 only warns \"OPAL reported rc=N when releasing LPC memory\".");
    // ---- SM-3: probe and readiness (drivers/nvdimm/ocxl/ocxlpmem.c as posted) ----
    public static final Rule CCAP0 = Rule.error("OCXL-CCAP0",
            "seed 001 L4136-4163 (C-23) with [ext] v4 12/25 field widths (read_latency bits 32-47, \"Fix mask\" L5503)",
            "CCAP0: scm_revision bits 0-15, read_latency 32-47 (ns), readiness_timeout 48-51 (s), "
                    + "memory_available_timeout 52-63 (s).");
    public static final Rule METADATA_READ = Rule.error("OCXL-METADATA-READ",
            "seed 001 L4192-4196, L3589-3592, L5505 (C-22, C-31): probe read_device_metadata, setup_command_metadata",
            "Probe fails when the capability registers or the command metadata cannot be read.");
    public static final Rule READY_WAIT = Rule.error("OCXL-READY-WAIT",
            "seed 001 L4198-4217 (C-24, C-25) with [ext] -ENXIO and msleep(1000) (posted v3/v4 probe)",
            "Ready means CHI.CRDY and CHI.MA; CHI is read once a second and probe fails with -ENXIO once "
                    + "elapsed++ > readiness_timeout + memory_available_timeout.");
    public static final Rule PROBE_ERROR_LOG = Rule.error("OCXL-PROBE-ERROR-LOG",
            "seed 001 L3325-3327 (C-28) with [ext] probe err path dump_error_log, \"Error detected, will not register "
                    + "OpenCAPI persistent memory\" (posted v3)",
            "A failed probe prints the error log when CHI.ELA is set.");
    public static final Rule LPC_REGISTERED = Rule.error("OCXL-LPC-REGISTERED",
            "seed 001 L4074-4076, L3604, L4285-4289, L5429-5433 (C-26, C-54)",
            "Only a ready device registers memory: one section at the start is the label area, the rest one region "
                    + "on the card's own nvdimm bus.");
    // ---- SM-4 / SM-5: admin commands and the error log ----
    public static final Rule ADMIN_OPCODE = Rule.error("OCXL-ADMIN-OPCODE",
            "[ext] v4 admin_command_execute (op_code > ADMIN_COMMAND_MAX 0x08 is -EINVAL)",
            "An admin opcode above CMD_CAPS (0x08) is refused with -EINVAL before the device is touched.");
    public static final Rule ADMIN_TIMEOUT = Rule.error("OCXL-ADMIN-TIMEOUT",
            "seed 001 L3573-3579, L3605 (C-32) with [ext] posted v3 admin_command_complete_timeout (32 ms polls)",
            "CHI.ACRA is polled every 32 ms, timeouts[op] / 32 times (DEFAULT_TIMEOUT 100 ms when unset), then once "
                    + "more; still clear is -EBUSY.");
    public static final Rule ADMIN_RESPONSE_ID = Rule.error("OCXL-ADMIN-RESPONSE-ID",
            "[ext] v4 command_response (v3 only warned \"Expected response for command %d ...\")",
            "A response whose id (bits 16-31) is not the request's is -EBUSY.");
    public static final Rule ADMIN_ONE_IN_FLIGHT = Rule.error("OCXL-ADMIN-ONE-IN-FLIGHT",
            "seed 001 L3439, L3554 (C-33, C-34): admin_command.lock, admin_response_handled (CHIC <- ACRA)",
            "One admin command at a time under admin_command.lock; the doorbell is HCI.ACRW and the completion is "
                    + "cleared by writing ACRA to CHIC.");
    public static final Rule ADMIN_STALE_ACRA = warning("OCXL-ADMIN-STALE-ACRA",
            "seed 001 L3441-3452 (C-39, C-40, §5.10): read_error_log error paths skip admin_response_handled",
            "An error path leaves CHI.ACRA set: the next command sees a stale completion.");
    public static final Rule ADMIN_STATUS = warning("OCXL-ADMIN-STATUS",
            "seed 001 L3441-3446 (C-35, C-39) with [ext] warn_status texts",
            "A nonzero device status is logged \"<msg>: <text> (<hex>)\" and returned as a positive ioctl rc.");
    public static final Rule ERRLOG_BUFFER = Rule.error("OCXL-ERRLOG-BUFFER",
            "seed 001 L3427-3428 (C-37): read_error_log", "buf_size % 8 != 0 is -EINVAL before the device is touched.");
    public static final Rule ERRLOG_PENDING = Rule.error("OCXL-ERRLOG-PENDING",
            "seed 001 L3430-3435 (C-38): read_error_log", "CHI.ELA clear is -EAGAIN: no error log is pending.");
    public static final Rule ERRLOG_HEADER = Rule.error("OCXL-ERRLOG-HEADER",
            "seed 001 L3381-3413, L3448-3462 (C-40, C-41): error_log_header_parse",
            "The header's data identifier must be 0x454C (\"EL\"), else -EINVAL; buf_size becomes the device's length "
                    + "and min(user, device) bytes are copied.");
    // ---- SM-6 / SM-7: events, char device, labels ----
    public static final Rule EVENTFD = Rule.error("OCXL-EVENTFD",
            "seed 001 L3832-3848 (C-45): ioctl_eventfd", "One eventfd per device: a second registration is -EBUSY.");
    public static final Rule EVENTFD_RELEASE = warning("OCXL-EVENTFD-RELEASE",
            "seed 001 L3819-3822 (C-46): file_release",
            "Any file release on the device drops the registered eventfd, also one another opener registered.");
    public static final Rule EVENT_CHECK = Rule.error("OCXL-EVENT-CHECK",
            "seed 001 L3850-3876 (C-47) with [ext] uapi event bit values",
            "EVENT_CHECK reads CHI live: ELA, CDA, CFFS, CHFS map to the event mask, other bits are ignored.");
    public static final Rule CDEV = Rule.error("OCXL-CDEV",
            "seed 001 L3943-4008, L3798-3813 (C-44, C-51, C-52): file_open, ocxlpmem_remove, free_ocxlpmem",
            "open looks the minor up (-ENODEV when removed); remove unregisters the bus, then cdev_del, then "
                    + "device_unregister; the last put disables doorbells (CHIEC <- CHI_ALL) before freeing.");
    public static final Rule LABEL_BOUNDS = Rule.error("OCXL-LABEL-BOUNDS",
            "seed 001 L4526-4553 (C-56, C-57): ndctl_config_write, ndctl_config_read",
            "Config data beyond LABEL_AREA_SIZE is -EINVAL; writes use memcpy_flushcache, so they are durable on return.");
    public static final Rule LABEL_ALIGN = warning("OCXL-LABEL-ALIGN",
            "seed 001 L5435-5437 (C-55) with [ext] ppc64 SECTION_SIZE_BITS 24",
            "The data range after the label area should start on a section (16M) boundary, the granularity "
                    + "memory hotplug maps it in.");
    public static final Rule NOT_PROBED = Rule.error("OCXL-NOT-PROBED", "PMDL",
            "An ocxlpmem step needs a probed device (`ocxl probe CARD`) and a booted machine.");
    public static final Rule STEP = Rule.error("OCXL-STEP", "PMDL language; docs/ocxl.md",
            "An ocxl step names a known verb, an ocxl card, an AFU of that card where the verb needs one, and only "
                    + "the keys the verb reads (durations for times, bare words for CHI bits and flags).");
    public static final Rule CARD = Rule.error("OCXL-CARD", "PMDL language; seed 001 L4334-4337 (OCXL_PMEM depends on "
            + "PPC_POWERNV)", "An ocxl card sits on a ppc64 (powernv) platform, has an AFU with LPC memory larger than "
            + "its label area, and names OPAL return codes skiboot defines.");
}
