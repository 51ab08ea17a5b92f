package org.pmdl.model.ndctl;

import org.pmdl.model.kernel.Errno;
import org.pmdl.model.libnvdimm.Dmesg;
import org.pmdl.model.libnvdimm.Infoblock;
import org.pmdl.model.libnvdimm.LibnvdimmRules;
import org.pmdl.model.libnvdimm.Namespace;
import org.pmdl.model.libnvdimm.NdException;
import org.pmdl.model.libnvdimm.NvdimmBus;
import org.pmdl.model.rules.Rule;
import org.pmdl.model.scenario.Action;

/**
 * ndctl 76.1 check-namespace: namespace_check() of ndctl/check.c, which reads the BTT metadata through the raw
 * block device, and cmd_check_namespace() of ndctl/namespace.c around it. The model's media hold no torn BTT
 * metadata, so a BTT it finds checks clean and --repair has nothing to change.
 */
public final class CheckNamespace {
    private final NvdimmBus bus;
    private final Dmesg dmesg;

    public CheckNamespace(NvdimmBus bus) {
        this.bus = bus;
        this.dmesg = bus.dmesg();
    }

    /** cmd_check_namespace(): "error checking namespaces: STRERROR" on a failure, then "checked N namespace(s)". */
    public void check(Namespace ns, Action.CheckNamespace a) throws NdException {
        try {
            namespaceCheck(ns, a);
        } catch (NdException e) {
            dmesg.ndctl("error checking namespaces: " + e.errno().strerror());
            dmesg.ndctl("checked 0 namespaces");
            throw e;
        }
        dmesg.ndctl("checked 1 namespace");
    }

    /**
     * namespace_check(): --rewrite-log needs --repair; an enabled namespace is refused unless forced, then
     * disabled; the namespace is enabled raw to read its BTT info block (BTT1 at 4K, BTT2 at 0, its parent uuid
     * the namespace's); afterwards it is disabled again, and enabled if the check disabled it.
     */
    private void namespaceCheck(Namespace ns, Action.CheckNamespace a) throws NdException {
        dmesg.applied(LibnvdimmRules.NDCTL_CHECK_REWRITE_LOG);
        if (a.rewriteLog() && !a.repair()) {
            throw err(ns, LibnvdimmRules.NDCTL_CHECK_REWRITE_LOG, Errno.EINVAL,
                    LibnvdimmRules.NDCTL_CHECK_REWRITE_LOG.message());
        }
        dmesg.applied(LibnvdimmRules.NDCTL_CHECK_ACTIVE);
        boolean disabledHere = ns.enabled();
        if (disabledHere && !a.force()) {
            throw err(ns, LibnvdimmRules.NDCTL_CHECK_ACTIVE, Errno.EBUSY,
                    LibnvdimmRules.NDCTL_CHECK_ACTIVE.message(ns.dev()));
        }
        bus.pmem().disable(ns);
        bus.pmem().forceRawEnable(ns);
        boolean btt = bus.media().infoblock(ns.mediaKey()).orElse(null) instanceof Infoblock.Btt sb
                && (sb.parentUuid().isEmpty() || sb.parentUuid().equals(ns.parentUuid()));
        bus.pmem().disable(ns); // ndctl_namespace_disable_invalidate()
        if (disabledHere) {
            bus.pmem().enable(ns);
        }
        dmesg.applied(LibnvdimmRules.NDCTL_CHECK_BTT);
        if (!btt) {
            // btt_check(): the line before the refusal's own
            dmesg.ndctl(ns.dev() + ": namespace_check: Unable to recover any BTT info blocks");
            throw err(ns, LibnvdimmRules.NDCTL_CHECK_BTT, Errno.ENXIO, LibnvdimmRules.NDCTL_CHECK_BTT.message());
        }
    }

    /** check.c err(): "DEV: namespace_check: MESSAGE" (log_init() names the namespace, the log its function). */
    private NdException err(Namespace ns, Rule rule, Errno errno, String message) {
        dmesg.ndctl(ns.dev() + ": namespace_check: " + message);
        return new NdException(errno, rule, message);
    }
}
