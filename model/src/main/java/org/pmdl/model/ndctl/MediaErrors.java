package org.pmdl.model.ndctl;

import org.pmdl.model.kernel.Errno;
import org.pmdl.model.libnvdimm.Badrange;
import org.pmdl.model.libnvdimm.Dmesg;
import org.pmdl.model.libnvdimm.LibnvdimmRules;
import org.pmdl.model.libnvdimm.Namespace;
import org.pmdl.model.libnvdimm.NdException;
import org.pmdl.model.libnvdimm.NvdimmBus;
import org.pmdl.model.scenario.Action;
import org.pmdl.model.scenario.NamespaceMode;

/**
 * ndctl 76.1's media-error commands in front of the NFIT's ARS: inject-error (ndctl/inject-error.c over
 * ndctl/lib/inject.c), clear-errors (ndctl/namespace.c namespace_clear_bb), start-scrub and wait-scrub
 * (ndctl/bus.c). The firmware behind them is the platform's {@code nfit}: without ARS (QEMU) nfit/scrub does not
 * exist, without injection the bus lacks ARS_INJECT_*. An injection notifies the OS (no --no-notify), whose ARS
 * puts the poison in the badblocks before ndctl returns (ns_errors_to_json waits for that scrub).
 */
public final class MediaErrors {
    private static final long BLOCK = 512;
    private final NvdimmBus bus;
    private final Ndctl ndctl;
    private final Dmesg dmesg;

    public MediaErrors(NvdimmBus bus, Ndctl ndctl) {
        this.bus = bus;
        this.ndctl = ndctl;
        this.dmesg = bus.dmesg();
    }

    /** cmd_inject_error(): inject_init(), then do_inject() on the namespace, then err_inject_ns(). */
    public void injectError(Namespace ns, Action.InjectError a) throws NdException {
        boolean needsBlocks = !a.status(); // an inject or an uninject
        String problem = a.status() && (a.uninject() || a.block() != null || a.count() != null || a.saturate())
                ? "status is invalid with inject or uninject"
                : needsBlocks && (a.block() == null || a.count() == null)
                ? "block and count required for inject/uninject" : null;
        dmesg.applied(LibnvdimmRules.NDCTL_INJECT_OPTIONS);
        if (problem != null) {
            dmesg.ndctl("Error: " + problem);
            throw new NdException(Errno.EINVAL, LibnvdimmRules.NDCTL_INJECT_OPTIONS,
                    LibnvdimmRules.NDCTL_INJECT_OPTIONS.message(problem));
        }
        dmesg.applied(LibnvdimmRules.NDCTL_INJECT_UNSUPPORTED);
        if (!bus.nfit().errorInjection()) {
            String message = LibnvdimmRules.NDCTL_INJECT_UNSUPPORTED.message(ns.dev());
            dmesg.ndctl(message);
            throw new NdException(Errno.EOPNOTSUPP, LibnvdimmRules.NDCTL_INJECT_UNSUPPORTED, message);
        }
        if (a.status()) {
            bounds(ns, "get injection status"); // ndctl_namespace_injection_status(): ARS_INJECT_GET in bounds
        } else if (a.uninject()) {
            eachBlock(ns, a, "uninject error");
            for (String line : new String[] {"Warning: Un-injecting previously injected errors here will",
                    "not cause the kernel to 'forget' its badblock entries. Those",
                    "have to be cleared through the normal process of writing", "the affected blocks"}) {
                dmesg.ndctl(line);
            }
        } else {
            dmesg.applied(LibnvdimmRules.NDCTL_SCRUB_UNSUPPORTED);
            if (!bus.nfit().ars()) { // inject_error(): ndctl_bus_get_scrub_count() reads nfit/scrub first
                dmesg.ndctl("Unable to get scrub count");
                throw new NdException(Errno.ENXIO, LibnvdimmRules.NDCTL_SCRUB_UNSUPPORTED,
                        LibnvdimmRules.NDCTL_SCRUB_UNSUPPORTED.message("Unable to get scrub count"));
            }
            eachBlock(ns, a, "inject error");
        }
    }

    /**
     * ndctl_namespace_(un)inject_error2(): one ARS_INJECT_SET (or _CLEAR) per block, in order, stopping at the
     * first that fails (a count of 0 is -EINVAL: nothing set rc). An injection poisons the block (clamped to
     * the clear unit unless --saturate, still one bad sector); an un-injection only drops it from the firmware's list.
     */
    private void eachBlock(Namespace ns, Action.InjectError a, String op) throws NdException {
        if (a.count() == 0) {
            throw unable(op, Errno.EINVAL);
        }
        long[] bounds = bounds(ns, op);
        for (long i = 0; i < a.count(); i++) {
            long offset = bounds[0] + (a.block() + i) * BLOCK;
            if (a.block() + i >= bounds[1] / BLOCK || a.block() + i < 0) { // block_to_spa_offset(): out of bounds
                throw unable(op, Errno.EINVAL);
            }
            if (a.uninject()) {
                bus.media().injected().forget(offset, BLOCK);
            } else {
                bus.media().injected().add(offset, BLOCK);
                bus.media().poison().add(offset, BLOCK);
            }
        }
    }

    /** ndctl_namespace_get_injection_bounds(): {start, size} of a pfn/dax device's data or the raw namespace. */
    private long[] bounds(Namespace ns, String op) throws NdException {
        dmesg.applied(LibnvdimmRules.NDCTL_INJECT_RANGE);
        if (ns.ndctlMode() == NamespaceMode.SECTOR) {
            throw unable(op, Errno.EOPNOTSUPP);
        }
        return new long[] {ns.dataStart(), ns.usableSize()};
    }

    /** "Unable to inject error: Invalid argument (-22)", as inject_error() prints a refusal. */
    private NdException unable(String op, Errno errno) {
        String message = LibnvdimmRules.NDCTL_INJECT_RANGE.message(op, errno.strerror() + " (-" + errno.number() + ")");
        dmesg.ndctl(message);
        return new NdException(errno, LibnvdimmRules.NDCTL_INJECT_RANGE, message);
    }

    /**
     * cmd_clear_errors() on one namespace: namespace_clear_bb() skips a BTT (returns 1), waits for the scrub
     * (starting one with --scrub), disables the namespace, clears each region badblock lying wholly in its data
     * with ND_CMD_CLEAR_ERROR (the kernel forgets the badrange; nfit_test's firmware drops its injected record
     * with it), and enables the namespace again.
     */
    public void clearErrors(Namespace ns, Action.ClearErrors a) throws NdException {
        dmesg.applied(LibnvdimmRules.NDCTL_CLEAR_BTT);
        if (ns.ndctlMode() == NamespaceMode.SECTOR) {
            dmesg.ndctl("cleared 0 namespaces");
            throw new NdException(Errno.EOPNOTSUPP, LibnvdimmRules.NDCTL_CLEAR_BTT,
                    LibnvdimmRules.NDCTL_CLEAR_BTT.message(ns.dev()));
        }
        dmesg.applied(LibnvdimmRules.NDCTL_SCRUB_UNSUPPORTED);
        if (!bus.nfit().ars()) {
            String message = ns.dev() + ": Unable to determine scrub state: " + Errno.EOPNOTSUPP.strerror();
            dmesg.ndctl("Error: " + message);
            dmesg.ndctl("error clearing namespaces: " + Errno.EOPNOTSUPP.strerror());
            dmesg.ndctl("cleared 0 namespaces");
            throw new NdException(Errno.EOPNOTSUPP, LibnvdimmRules.NDCTL_SCRUB_UNSUPPORTED,
                    LibnvdimmRules.NDCTL_SCRUB_UNSUPPORTED.message(message));
        }
        long begin = ns.dataStart();
        long size = ns.usableSize();
        try {
            ndctl.disableSafe(ns);
        } catch (NdException e) {
            dmesg.ndctl("Error: " + ns.dev() + ": unable to disable namespace: " + e.errno().strerror());
            dmesg.ndctl("cleared 0 namespaces");
            throw e;
        }
        for (Badrange media : new Badrange[] {bus.media().poison(), bus.media().injected()}) {
            media.forgetContained(begin, size);
        }
        bus.pmem().enable(ns);
        dmesg.ndctl("cleared 1 namespace");
    }

    /** ndctl start-scrub: ndctl_bus_start_scrub() writes 1 to nfit/scrub; the model's ARS completes at once. */
    public void startScrub() throws NdException {
        scrubFile("error starting scrub");
    }

    /** ndctl wait-scrub: ndctl_bus_poll_scrub_completion() polls nfit/scrub until no ARS runs. */
    public void waitScrub() throws NdException {
        scrubFile("error waiting for scrub completion");
    }

    /** Both open nfit/scrub, which acpi_nfit_attribute_visible() hides from a bus without ARS: ENOENT. */
    private void scrubFile(String what) throws NdException {
        dmesg.applied(LibnvdimmRules.NDCTL_SCRUB_UNSUPPORTED);
        if (!bus.nfit().ars()) {
            String message = what + ": " + Errno.ENOENT.strerror();
            dmesg.ndctl(message);
            throw new NdException(Errno.ENOENT, LibnvdimmRules.NDCTL_SCRUB_UNSUPPORTED,
                    LibnvdimmRules.NDCTL_SCRUB_UNSUPPORTED.message(message));
        }
    }
}
