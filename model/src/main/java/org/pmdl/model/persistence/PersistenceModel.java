package org.pmdl.model.persistence;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.pmdl.model.SourceRef;
import org.pmdl.model.kernel.Errno;
import org.pmdl.model.rules.Finding;
import org.pmdl.model.rules.Rule;
import org.pmdl.model.rules.Unresolved;
import org.pmdl.model.scenario.Action;
import org.pmdl.model.scenario.MediaLocation;
import org.pmdl.model.topology.Arch;
import org.pmdl.model.topology.Cpu;
import org.pmdl.model.topology.PersistenceDomain;

/**
 * The pmem contents of one scenario run: stores, write-backs and fences since each boot, the crashes that ended
 * them, and what an expectation on the media sees afterwards. The scenario engine hands it every persistence
 * step and every media expectation.
 */
public final class PersistenceModel {
    /**
     * The most crash states one step explores whatever its {@code bound} says: states are kept in memory (about
     * 200 bytes each), and a larger bound must not mean "until the heap is gone".
     */
    public static final long MAX_BOUND = 1_000_000;
    /** Wall time one expectation's exploration may take before it reports PM-CRASH-BOUND: never "forever". */
    public static final java.time.Duration TIME_LIMIT = java.time.Duration.ofSeconds(30);

    /** What a step's namespace or region is, as the booted kernel shows it. */
    public record Target(String name, String region, long capacity, PersistenceDomain domain, boolean async,
            int flushHints) {
    }

    /** Looks namespaces (for media locations) and regions (for nvdimm-flush) up in the booted kernel. */
    public interface Targets {
        Optional<Target> namespace(String name);

        Optional<Target> region(String name);
    }

    /** What a step did: values to report, the rule that decided it, findings on the way it uses barriers. */
    public record Effect(Map<String, Object> values, Rule rule, List<Finding> findings) {
    }

    /** An epoch that ended: by a crash at one of {@code points}, or cleanly ({@code points} null). */
    record Closed(Epoch epoch, List<CrashPoint> points, boolean dirtyShutdown, long bound) {
    }

    private final List<Closed> history = new ArrayList<>();
    private final Set<PmemStore.Line> everWritten = new HashSet<>();
    private final Set<String> volatileNamespaces = new HashSet<>();
    private final long defaultBound;
    private Persistency persistency;
    /** The booted platform's name, as a refusal names it. */
    private String platform;
    private boolean mapSyncDisabled;
    private Epoch open;

    public PersistenceModel(long defaultBound) {
        this.defaultBound = defaultBound;
    }

    /** The machine comes up on a platform: a new epoch starts with the platform's cache-line size. */
    public void boot(String platformName, Arch arch, Cpu cpu, boolean mapSyncDisabled) {
        platform = platformName;
        if (open != null) {
            history.add(new Closed(open, null, false, 0)); // kexec, reboot: nothing visible is lost
        }
        persistency = new Persistency(arch, cpu);
        this.mapSyncDisabled = mapSyncDisabled;
        open = new Epoch(persistency.lineSize());
    }

    /** The target a step names, which must exist at this step (NAME-UNRESOLVED). */
    private static Target existing(Optional<Target> target, String what) throws PmemRefused {
        if (target.isEmpty()) {
            Finding f = Unresolved.finding(what, "does not exist now", SourceRef.NONE);
            throw new PmemRefused(f.rule(), null, f.message());
        }
        return target.get();
    }

    /** Steps that store, write back, fence or flush a region. */
    public Effect perform(Action action, String text, SourceRef source, Targets targets) throws PmemRefused {
        Optional<Finding> foreign = InstructionArch.foreign(action.op(), Persistency.archOf(action),
                persistency.arch(), platform, source);
        if (foreign.isPresent()) {
            throw new PmemRefused(foreign.get().rule(), null, foreign.get().message());
        }
        List<Finding> findings = new ArrayList<>();
        Effect effect;
        if (action instanceof Action.Store s) {
            effect = store(s, text, source, targets, findings);
        } else if (action instanceof Action.CacheFlush f) {
            effect = flush(f, text, source, targets, findings);
        } else if (action instanceof Action.Fence f) {
            effect = fence(f, source, findings);
        } else if (action instanceof Action.NvdimmFlush f) {
            effect = nvdimmFlush(f, targets);
        } else if (action instanceof Action.MapSync m) {
            effect = mapSync(m, targets);
        } else {
            throw new IllegalArgumentException("not a persistence step: " + action.op());
        }
        open.point(text, source);
        return effect;
    }

    private Target located(MediaLocation at, Targets targets) throws PmemRefused {
        Target t = existing(targets.namespace(at.namespace()), "namespace " + at.namespace());
        if (at.offset() % 8 != 0 || at.offset() < 0 || at.offset() + 8 > t.capacity()) {
            throw new PmemRefused(PersistenceRules.STORE_RANGE, null,
                    PersistenceRules.STORE_RANGE.message(at, at.namespace(), t.capacity()));
        }
        if (t.domain() == PersistenceDomain.NONE) {
            volatileNamespaces.add(t.name());
        }
        return t;
    }

    private static Epoch.Domain domain(Target t) {
        if (t.async()) {
            return Epoch.Domain.ASYNC;
        }
        return switch (t.domain()) {
            case CPU_CACHE -> Epoch.Domain.EADR;
            case NONE -> Epoch.Domain.VOLATILE;
            case MEMORY_CONTROLLER, UNKNOWN -> Epoch.Domain.ADR;
        };
    }

    private Effect store(Action.Store s, String text, SourceRef source, Targets targets, List<Finding> findings)
            throws PmemRefused {
        Target t = located(s.location(), targets);
        boolean x86 = persistency.arch() == Arch.X86_64;
        boolean cached = s.kind() == Action.StoreKind.STORE || s.kind() == Action.StoreKind.XCHG
                || (s.kind() == Action.StoreKind.MEMCPY_FLUSHCACHE && !x86);
        PmemStore stored = open.store(s.location(), s.value(), cached, domain(t), t.region(), text, source);
        everWritten.add(stored.line());
        Rule rule = persistency.rule();
        if (s.kind() == Action.StoreKind.MEMCPY_FLUSHCACHE) {
            rule = PersistenceRules.MEMCPY_FLUSHCACHE;
            if (!x86) { // memcpy + clean_pmem_range: dcbstps on every line it wrote
                open.writeBack(stored.line(), Persistency.Writeback.ASYNC, text, source);
            }
        } else if (s.kind() == Action.StoreKind.XCHG) {
            open.fence(); // a locked instruction orders like mfence
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("location", s.location().toString());
        values.put("value", s.value());
        values.put("cache_line", stored.line().number());
        values.put("line_size", open.lineSize);
        values.put("persistence_domain", t.async() ? "async" : t.domain().keyword());
        return new Effect(values, rule, findings);
    }

    private Effect flush(Action.CacheFlush f, String text, SourceRef source, Targets targets, List<Finding> findings)
            throws PmemRefused {
        Target t = located(f.location(), targets);
        PmemStore.Line line = open.lineOf(f.location());
        Epoch.Domain domain = open.domainOfLine(line);
        Persistency.Writeback kind = persistency.writeback(f.kind());
        if (!everWritten.contains(line)) {
            findings.add(new Finding(PersistenceRules.FLUSH_UNWRITTEN, PersistenceRules.FLUSH_UNWRITTEN.message(
                    f.kind().keyword(), f.location(), line.number(), line.namespace()), source));
        } else if (domain == Epoch.Domain.EADR) {
            findings.add(new Finding(PersistenceRules.FLUSH_EADR, PersistenceRules.FLUSH_EADR.message(
                    f.kind().keyword(), f.location()), source));
        } else if (domain == Epoch.Domain.ASYNC) {
            findings.add(new Finding(PersistenceRules.ASYNC_CPU_FLUSH, PersistenceRules.ASYNC_CPU_FLUSH.message(
                    f.kind().keyword(), f.location(), t.region()), source));
        } else if (domain == Epoch.Domain.ADR && !open.isDirty(line)) {
            findings.add(new Finding(PersistenceRules.FLUSH_REDUNDANT, PersistenceRules.FLUSH_REDUNDANT.message(
                    f.kind().keyword(), f.location(), line.number()), source));
        }
        if (kind == Persistency.Writeback.NOT_PERSISTENT) {
            findings.add(new Finding(PersistenceRules.POWER10_LEGACY, PersistenceRules.POWER10_LEGACY.message(
                    f.kind().keyword(), "write to persistent storage", f.kind().keyword() + "ps and phwsync"), source));
        }
        open.writeBack(line, kind, text, source);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("cache_line", line.number());
        values.put("line_size", open.lineSize);
        values.put("writeback", kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        return new Effect(values, persistency.rule(), findings);
    }

    private Effect fence(Action.Fence f, SourceRef source, List<Finding> findings) {
        Persistency.FenceEffect effect = persistency.fence(f.kind());
        if (effect == Persistency.FenceEffect.PERSIST) {
            if (!open.fence()) {
                findings.add(new Finding(PersistenceRules.FENCE_NOTHING,
                        PersistenceRules.FENCE_NOTHING.message(f.kind().keyword()), source));
            }
        } else if (effect == Persistency.FenceEffect.ORDER_PERSISTENT) {
            open.orderWrittenBack();
        } else if (f.kind() == Action.FenceKind.HWSYNC && !open.pendingFlushes.isEmpty()) {
            findings.add(new Finding(PersistenceRules.POWER10_LEGACY, PersistenceRules.POWER10_LEGACY.message(
                    "hwsync", "make the written-back lines durable", "phwsync"), source));
        }
        return new Effect(Map.of("effect", effect.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')),
                persistency.rule(), findings);
    }

    private Effect nvdimmFlush(Action.NvdimmFlush f, Targets targets) throws PmemRefused {
        Target r = existing(targets.region(f.region()), "region " + f.region());
        Map<String, Object> values = new LinkedHashMap<>();
        if (r.async()) {
            open.asyncFlush(r.name());
            values.put("sequence", "nd_region->flush (driver callback)");
        } else {
            open.fence(); // generic_nvdimm_flush starts with pmem_wmb
            if (r.flushHints() > 0) {
                open.deepFlush(r.name());
            }
            values.put("sequence", "pmem_wmb" + "; writeq flush hint".repeat(r.flushHints()) + "; wmb");
        }
        values.put("flush_hints", r.flushHints());
        return new Effect(values, PersistenceRules.NVDIMM_FLUSH, List.of());
    }

    private Effect mapSync(Action.MapSync m, Targets targets) throws PmemRefused {
        Target t = existing(targets.namespace(m.namespace()), "namespace " + m.namespace());
        if (t.async()) {
            throw new PmemRefused(PersistenceRules.MAP_SYNC_ASYNC, Errno.EOPNOTSUPP,
                    PersistenceRules.MAP_SYNC_ASYNC.message(t.region()));
        }
        if (mapSyncDisabled) {
            throw new PmemRefused(PersistenceRules.MAP_SYNC_POLICY, Errno.EOPNOTSUPP,
                    PersistenceRules.MAP_SYNC_POLICY.message());
        }
        return new Effect(Map.of("map_sync", true), PersistenceRules.MAP_SYNC_ASYNC, List.of());
    }

    /**
     * Power fails (or, for {@code crash anywhere}, may have failed at any point since the boot): the open epoch
     * ends; findings name the stores and write-backs still at risk at the last point.
     */
    public Effect crash(Action action, SourceRef source) {
        List<Finding> findings = new ArrayList<>();
        lint(findings);
        boolean anywhere = action instanceof Action.CrashAnywhere;
        long bound = action instanceof Action.CrashAnywhere c ? c.bound()
                : action instanceof Action.PowerFail p ? p.bound() : 0;
        boolean dirtyShutdown = action instanceof Action.PowerFail p && p.dirtyShutdown();
        List<CrashPoint> points = anywhere ? List.copyOf(open.points) : List.of(open.last());
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("crash_points", (long) points.size());
        if (dirtyShutdown) {
            values.put("dirty_shutdown", true);
        }
        values.put("stores", (long) open.stores.size());
        values.put("stores_at_risk", (long) open.notKept(dirtyShutdown).size());
        // the unprojected state space, for comparison with what an expectation explores: every line forks
        CrashExplorer.Budget all = new CrashExplorer.Budget(bound > 0 ? bound : defaultBound);
        new CrashExplorer(open, all, dirtyShutdown).count(points,
                open.stores.stream().map(PmemStore::line).distinct().toList());
        values.put("crash_states", all.explored);
        values.put("crash_states_complete", !all.exhausted());
        history.add(new Closed(open, points, dirtyShutdown, bound > 0 ? bound : defaultBound));
        open = null;
        return new Effect(values, persistency.rule(), findings);
    }

    private void lint(List<Finding> findings) {
        for (PmemStore s : open.notWrittenBack()) {
            findings.add(new Finding(PersistenceRules.STORE_NOT_FLUSHED, PersistenceRules.STORE_NOT_FLUSHED.message(
                    s.text()), s.source()));
        }
        for (Epoch.PendingFlush f : open.pendingFlushes) {
            findings.add(new Finding(PersistenceRules.FLUSH_NO_FENCE, PersistenceRules.FLUSH_NO_FENCE.message(
                    f.text()), f.source()));
        }
    }

    /** The evaluation of a media expectation: whether it holds in every post-crash state, and why not. */
    public record Verdict(boolean decided, boolean met, String prediction, String counterexample,
            Map<String, Object> values, Finding undecided) {
    }

    /**
     * Evaluates {@code expect} on media values, {@code expect durable} or {@code expect ordered}. Before any crash
     * of the current boot, values are what a load reads; durable and ordered ask what a crash now (anywhere, for
     * ordered) would keep. {@code attributes} answers sysfs conditions mixed into an implication.
     */
    public Verdict expect(Action action, String text, SourceRef source,
            Function<org.pmdl.model.scenario.Condition.Attribute, Boolean> attributes) {
        return new MediaExpectation(this, action, text, attributes).evaluate(source);
    }

    // ---- read by MediaExpectation ----
    List<Closed> history() {
        return history;
    }

    Epoch open() {
        return open;
    }

    long defaultBound() {
        return defaultBound;
    }

    boolean isVolatile(String namespace) {
        return volatileNamespaces.contains(namespace);
    }
}
