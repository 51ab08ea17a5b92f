package org.pmdl.cli.kernel;

import com.google.gson.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.pmdl.model.engine.ScenarioResult;
import org.pmdl.model.engine.StepResult;
import org.pmdl.model.kernel.Errno;
import org.pmdl.model.scenario.Action;
import org.pmdl.model.scenario.Condition;
import org.pmdl.model.scenario.ScenarioSpec;
import org.pmdl.model.scenario.ScenarioStep;
import org.pmdl.model.topology.Arch;
import org.pmdl.model.topology.Hypervisor;
import org.pmdl.model.topology.LmbRangeSpec;
import org.pmdl.model.topology.LparSpec;
import org.pmdl.model.topology.PlatformSpec;

/**
 * {@code pmdl diff} of pseries DLPAR (issue 16 item 5): the scenario's partition as {@code qemu-system-ppc64
 * -machine pseries} with spare CPU cores ({@code -smp N,maxcpus=M}) and pc-dimm slots, the 6.1 pseries kernel
 * (shared/kernels/ppc64le) and a busybox shell the host drives over the console. Each DLPAR step is the
 * hypervisor's request as QEMU makes it, through QMP: {@code device_add} / {@code device_del} of a spapr CPU core
 * or of a pc-dimm, whose LMBs QEMU hands to the guest by DRC index and count. After each step the kernel log,
 * QEMU's own lines (its rollback: "Device hotunplug rejected by the guest"), its QMP events, the present and
 * online CPUs, the DRCs the guest set to UNISOLATE (QEMU's spapr_drc_set_isolation_state trace) and
 * {@code ibm,dynamic-memory-v2} are read, and compared with the model: those DRCs, the outcome (a removal
 * the guest refuses is DEVICE_UNPLUG_GUEST_ERROR; the handler's errno never leaves the guest), every
 * {@code expect log}, and every {@code expect lpar.cores_present|cpus_online|unplug_pending} and
 * {@code expect lmb N assigned|drc_index|dt_flags|dt_aa_index}.
 */
final class DlparReplay {
    /** SPAPR_MEMORY_BLOCK_SIZE: QEMU's LMB size, fixed. */
    static final long LMB = 256L << 20;
    private static final long DRC_LMB_BASE = 0x80000000L;
    private static final long STEP_SECONDS = 90;
    /** `pin memory` forks a holder per 7M of free memory: minutes under TCG at worst. */
    private static final long PIN_SECONDS = 300;
    /** QEMU 7.2's trace: "spapr_drc_set_isolation_state drc: 0x80000004, state: 0x1"; state 1 is UNISOLATE. */
    private static final Pattern UNISOLATE_TRACE = Pattern.compile(
            "spapr_drc_set_isolation_state drc: 0x([0-9a-f]+), state: (0x)?1\\b");
    /** The model's RTAS trace of the same: "rtas set-indicator(9001, 0x80000004, 1) = 0". */
    private static final Pattern UNISOLATE_RTAS = Pattern.compile("rtas set-indicator\\(9001, (0x[0-9a-f]+), 1\\)");
    private static final List<String> LPAR_VALUES = List.of("cores_present", "cpus_online", "unplug_pending");
    private static final List<String> LMB_VALUES = List.of("assigned", "drc_index", "dt_flags", "dt_aa_index");

    record Target(Path file, PlatformSpec platform, ScenarioSpec scenario, ScenarioResult model, int bootLmbs) {
        String label() {
            return file + ": " + scenario.name();
        }
    }

    /** Whether the scenario is a DLPAR story (it has a {@code dlpar} step): this class replays it. */
    static boolean replays(ScenarioSpec scenario) {
        return scenario.steps().stream().anyMatch(s -> s.action() instanceof Action.Dlpar);
    }

    /** The scenario as QEMU can replay it, or every reason it cannot. */
    static Target target(Path file, PlatformSpec p, ScenarioSpec s, ScenarioResult model)
            throws GuestScript.NotReproducible {
        List<String> reasons = new ArrayList<>();
        LparSpec lpar = p.lpar();
        if (p.arch() != Arch.PPC64 || p.hypervisor() != Hypervisor.QEMU || lpar == null) {
            throw new GuestScript.NotReproducible("DLPAR is replayed on a ppc64 platform with an lpar and "
                    + "`hypervisor qemu` (QEMU cannot be PowerVM)");
        }
        if (!p.scms().isEmpty() || !p.nvdimms().isEmpty()) {
            reasons.add("the DLPAR machine has no persistent memory: move the scm devices to another platform");
        }
        if (lpar.lmbSize() != LMB) {
            reasons.add("QEMU's LMBs are 256M (lmb-size " + lpar.lmbSize() + ")");
        }
        if (lpar.dynamicMemoryV1()) {
            reasons.add("QEMU publishes ibm,dynamic-memory-v2, not v1");
        }
        // QEMU: boot RAM is LMBs 0..B-1 (-m), then the hotplug area's LMBs up to maxmem, DRC 0x80000000 + index
        long lmbs = 0;
        int bootLmbs = 0;
        boolean unassignedSeen = false;
        for (LmbRangeSpec r : lpar.lmbs().stream().sorted(Comparator.comparingLong(LmbRangeSpec::first)).toList()) {
            if (r.first() != lmbs || r.node() != 0 || r.drcIndexBase() != LmbRangeSpec.defaultDrcIndex(r.first())) {
                reasons.add("lmbs " + r.first() + " .. " + r.last() + ": QEMU numbers LMBs from 0 without gaps, "
                        + "on node 0, with DRC index 0x80000000 + index");
            }
            if (r.assigned() && unassignedSeen) {
                reasons.add("lmbs " + r.first() + " .. " + r.last() + ": QEMU's boot memory (the assigned LMBs) "
                        + "comes first");
            }
            unassignedSeen |= !r.assigned();
            bootLmbs += r.assigned() ? (int) (r.last() - r.first() + 1) : 0;
            lmbs = r.last() + 1;
        }
        if (bootLmbs == 0) {
            reasons.add("QEMU needs boot memory: some assigned lmbs");
        }
        for (ScenarioStep step : s.steps()) {
            String why = unreplayable(step.action());
            if (why != null) {
                reasons.add("line " + step.source().line() + " (" + step.action().op() + "): " + why);
            }
        }
        if (!reasons.isEmpty()) {
            throw new GuestScript.NotReproducible(String.join("; ", reasons));
        }
        return new Target(file, p, s, model, bootLmbs);
    }

    private static String unreplayable(Action action) {
        if (action instanceof Action.Dlpar d) {
            return d.resource() == Action.DlparResource.CPU || d.count() != null && d.drcIndex() != null ? null
                    : "QEMU hands memory over by DRC index and count only (dlpar add|remove memory index DRC count N)";
        }
        if (action instanceof Action.CpuOnline || action instanceof Action.ExpectLog || action instanceof Action.PinMemory
                || action instanceof Action.MemoryState m && m.state().equals("offline")) {
            return null;
        }
        if (action instanceof Action.Expect e) {
            for (Condition c : e.implied() == null ? List.of(e.condition()) : List.of(e.condition(), e.implied())) {
                if (!(c instanceof Condition.Attribute a && a.target().equals("lpar")
                        && LPAR_VALUES.contains(a.attribute()) || c instanceof Condition.Lmb l
                        && LMB_VALUES.contains(l.attribute()))) {
                    return "only lpar." + String.join("|", LPAR_VALUES) + " and lmb N " + String.join("|", LMB_VALUES)
                            + " are read back";
                }
            }
            return null;
        }
        return "not a DLPAR step";
    }

    // ---- one boot per scenario ----

    private final Path kernel;
    private final Path initrd;
    private final Path work;
    private final PrintStream out;
    private int agreed;
    private int disagreements;
    private int boots;

    DlparReplay(Path kernel, Path initrd, Path work, PrintStream out) {
        this.kernel = kernel;
        this.initrd = initrd;
        this.work = work;
        this.out = out;
    }

    int agreed() {
        return agreed;
    }

    int disagreements() {
        return disagreements;
    }

    int boots() {
        return boots;
    }

    /** What the machine showed after one step. */
    private static final class Observed {
        boolean ok = true;
        String refusal;                       // why the step failed, as the host saw it
        final List<String> log = new ArrayList<>(); // kernel log lines, then QEMU's
        final List<String> unisolated = new ArrayList<>(); // DRCs the guest set to UNISOLATE (QEMU's trace)
        String present;
        String online;
        String pending;
        Map<Long, long[]> lmbs = Map.of();     // LMB index → {drc_index, aa_index, flags} from ibm,dynamic-memory-v2
    }

    void run(Target t) throws IOException {
        boots++;
        Path dir = Files.createTempDirectory(work, "dlpar");
        Machine m = Machine.boot(t, kernel, initrd, dir);
        Map<Integer, Observed> observed = new HashMap<>();
        try {
            Map<String, Long> pendingCores = new LinkedHashMap<>();
            int dimms = 0;
            Map<Long, String> dimmAt = new HashMap<>();  // first DRC index → pc-dimm id
            for (int i = 0; i < t.scenario().steps().size(); i++) {
                Action action = t.scenario().steps().get(i).action();
                if (action instanceof Action.Expect || action instanceof Action.ExpectLog) {
                    continue;
                }
                Observed o = new Observed();
                int events = m.qmp.eventCount();
                if (action instanceof Action.Dlpar d && d.resource() == Action.DlparResource.CPU) {
                    String id = "core" + d.core();
                    if (d.add()) {
                        JsonObject args = new JsonObject();
                        args.addProperty("driver", m.coreType);
                        args.addProperty("id", id);
                        args.addProperty("core-id", d.core());
                        refuse(o, Qmp.errorOf(m.qmp.execute("device_add", args)));
                        if (o.ok && !m.until(() -> cpus(m.guestOut("cat /sys/devices/system/cpu/online"))
                                .contains(d.core()))) {
                            refuse(o, "cpu " + d.core() + " did not come online");
                        }
                    } else {
                        o.ok = unplug(m, id, events, o);
                        if (o.ok) {
                            m.until(() -> !cpus(m.guestOut("cat /sys/devices/system/cpu/present")).contains(d.core()));
                        } else if (o.refusal == null) {
                            pendingCores.put(id, d.core());
                        }
                    }
                } else if (action instanceof Action.Dlpar d) {
                    long first = d.drcIndex() - DRC_LMB_BASE;
                    int before = m.memoryBlocks();
                    if (d.add()) {
                        String id = "dimm" + dimms++;
                        JsonObject backend = new JsonObject();
                        backend.addProperty("qom-type", "memory-backend-ram");
                        backend.addProperty("id", id + "-ram");
                        backend.addProperty("size", d.count() * LMB);
                        refuse(o, Qmp.errorOf(m.qmp.execute("object-add", backend)));
                        JsonObject dimm = new JsonObject();
                        dimm.addProperty("driver", "pc-dimm");
                        dimm.addProperty("id", id);
                        dimm.addProperty("memdev", id + "-ram");
                        dimm.addProperty("addr", first * LMB);
                        if (o.ok) {
                            refuse(o, Qmp.errorOf(m.qmp.execute("device_add", dimm)));
                        }
                        if (o.ok) {
                            dimmAt.put(d.drcIndex(), id);
                            if (!m.until(() -> m.memoryBlocks() == before + d.count())) {
                                refuse(o, "the guest did not add the pc-dimm's " + d.count() + " LMBs");
                            }
                        }
                    } else if (dimmAt.containsKey(d.drcIndex())) {
                        o.ok = unplug(m, dimmAt.get(d.drcIndex()), events, o);
                        // removed, or refused and re-added: the block count settles either way
                        m.until(() -> m.memoryBlocks() == (o.ok ? before - d.count() : before));
                        if (o.ok) {
                            dimmAt.remove(d.drcIndex());
                        }
                    } else {
                        refuse(o, "no pc-dimm was added at DRC index 0x" + Long.toHexString(d.drcIndex()));
                    }
                } else if (action instanceof Action.CpuOnline c) {
                    shell(m, o, "echo " + (c.online() ? 1 : 0) + " > /sys/devices/system/cpu/cpu" + c.cpu() + "/online");
                } else if (action instanceof Action.MemoryState s) {
                    shell(m, o, "echo offline > /sys/devices/system/memory/memory" + s.block() + "/state");
                } else if (action instanceof Action.PinMemory) {
                    shell(m, o, "pmdl_pin");
                }
                m.settle();
                for (String line : m.guestOut("dmesg -c")) {
                    o.log.add(line.replaceFirst("^\\[ *[0-9.]+\\](\\[ *[TC][0-9]+\\])? ", ""));
                }
                for (String line : m.qemuLines()) {
                    Matcher unisolate = UNISOLATE_TRACE.matcher(line);
                    if (unisolate.find()) {
                        o.unisolated.add("0x" + unisolate.group(1));
                    } else if (!line.contains("spapr_drc_")) {
                        o.log.add(line);
                    }
                }
                o.present = String.join(" ", cpus(m.guestOut("cat /sys/devices/system/cpu/present")).stream()
                        .map(String::valueOf).toList());
                o.online = String.join(" ", cpus(m.guestOut("cat /sys/devices/system/cpu/online")).stream()
                        .map(String::valueOf).toList());
                pendingCores.entrySet().removeIf(e -> m.qmp.events(0).stream().anyMatch(ev -> e.getKey().equals(
                        Qmp.data(ev, "device")) && ev.get("event").getAsString().startsWith("DEVICE_")));
                o.pending = String.join(" ", pendingCores.values().stream().map(String::valueOf).toList());
                o.lmbs = dynamicMemoryV2(String.join("", m.guestOut("od -An -v -tx1 "
                        + "/proc/device-tree/ibm,dynamic-reconfiguration-memory/ibm,dynamic-memory-v2 | tr -d ' \\n'")));
                observed.put(i, o);
            }
        } finally {
            m.close(dir, t);
        }
        report(t, observed);
    }

    private static void refuse(Observed o, String why) {
        if (why != null && o.ok) {
            o.ok = false;
            o.refusal = why;
        }
    }

    /** A shell command in the guest; a failure is the errno of its strerror() text. */
    private static void shell(Machine m, Observed o, String command) throws IOException {
        Machine.Reply r = m.guest(command, PIN_SECONDS);
        if (r.rc != 0) {
            refuse(o, Stream.of(Errno.values()).filter(e -> r.lines.stream().anyMatch(l -> l.endsWith(e.strerror())))
                    .map(e -> "error " + e.name()).findFirst().orElse("exit status " + r.rc));
        }
    }

    /**
     * device_del: QEMU asks the guest (an EPOW/hotplug event with the DRC index and count) and completes or rolls
     * back when the guest releases the DRCs or sets them back to UNISOLATE: DEVICE_DELETED or
     * DEVICE_UNPLUG_GUEST_ERROR. Neither within the step's time: the unplug is still pending.
     */
    private static boolean unplug(Machine m, String id, int events, Observed o) throws IOException {
        JsonObject args = new JsonObject();
        args.addProperty("id", id);
        String error = Qmp.errorOf(m.qmp.execute("device_del", args));
        if (error != null) {
            refuse(o, error);
            return false;
        }
        JsonObject event = m.qmp.awaitEvent(events, e -> id.equals(Qmp.data(e, "device"))
                && List.of("DEVICE_DELETED", "DEVICE_UNPLUG_GUEST_ERROR").contains(e.get("event").getAsString()),
                STEP_SECONDS);
        if (event == null) {
            return false; // pending: the refusal stays null
        }
        boolean deleted = event.get("event").getAsString().equals("DEVICE_DELETED");
        if (!deleted) {
            refuse(o, "refused by the guest (QMP DEVICE_UNPLUG_GUEST_ERROR)");
        }
        return deleted;
    }

    /** "0-1,3" → [0, 1, 3]. */
    static List<Long> cpus(List<String> lines) {
        List<Long> cpus = new ArrayList<>();
        for (String line : lines) {
            for (String part : line.trim().split(",")) {
                if (part.matches("\\d+(-\\d+)?")) {
                    String[] ends = part.split("-");
                    for (long c = Long.parseLong(ends[0]); c <= Long.parseLong(ends[ends.length - 1]); c++) {
                        cpus.add(c);
                    }
                }
            }
        }
        return cpus;
    }

    /**
     * ibm,dynamic-memory-v2 (PAPR, arch/powerpc/mm/drmem.c): a u32 count of sets, then per set seq_lmbs, base
     * address (u64), first DRC index, aa_index, flags; LMB k of a set has DRC index first + k.
     */
    static Map<Long, long[]> dynamicMemoryV2(String hex) {
        Map<Long, long[]> lmbs = new LinkedHashMap<>();
        if (!hex.matches("([0-9a-f]{8})+")) {
            return lmbs;
        }
        long[] words = new long[hex.length() / 8];
        for (int k = 0; k < words.length; k++) {
            words[k] = Long.parseLong(hex.substring(8 * k, 8 * k + 8), 16);
        }
        for (int set = 0, w = 1; set < words[0] && w + 6 <= words.length; set++, w += 6) {
            long base = words[w + 1] << 32 | words[w + 2];
            for (long k = 0; k < words[w]; k++) {
                long drc = words[w + 3] == 0 ? 0 : words[w + 3] + k;
                lmbs.put(base / LMB + k, new long[] {drc, words[w + 4], words[w + 5]});
            }
        }
        return lmbs;
    }

    // ---- comparison ----

    private void report(Target t, Map<Integer, Observed> observed) {
        List<String> found = new ArrayList<>();
        List<String> log = new ArrayList<>();
        Observed last = null;
        for (int i = 0; i < t.model().steps().size(); i++) {
            StepResult predicted = t.model().steps().get(i);
            Action action = predicted.step().action();
            Observed o = observed.get(i);
            if (o != null) {
                last = o;
                log.addAll(o.log);
                List<String> modelUnisolated = predicted.hcalls().stream().map(UNISOLATE_RTAS::matcher)
                        .filter(Matcher::find).map(r -> r.group(1)).toList();
                differ(found, t, i, "DRCs set to UNISOLATE", modelUnisolated, o.unisolated,
                        modelUnisolated.equals(o.unisolated));
                differ(found, t, i, "outcome", outcome(predicted), o.ok ? "ok" : o.refusal == null
                        ? "pending (no QMP event: the guest neither released nor unisolated the DRC)"
                        : o.refusal, predicted.ok() == o.ok && (!(action instanceof Action.CpuOnline) || o.ok
                        || o.refusal.equals("error " + predicted.errno())));
            } else if (action instanceof Action.ExpectLog e) {
                boolean model = predicted.expectation() == null || predicted.expectation().met();
                differ(found, t, i, "log contains \"" + e.text() + "\"", model, log.stream().anyMatch(l -> l.contains(
                        e.text())), model == log.stream().anyMatch(l -> l.contains(e.text())));
            } else if (action instanceof Action.Expect e && last != null) {
                boolean model = predicted.expectation() == null || predicted.expectation().met();
                Observed now = last;
                List<Condition> conditions = e.implied() == null ? List.of(e.condition())
                        : List.of(e.condition(), e.implied());
                List<Object> values = conditions.stream().map(c -> observedValue(c, now)).toList();
                boolean kernel = holds(conditions.get(0), values.get(0))
                        && (conditions.size() == 1 || holds(conditions.get(1), values.get(1)));
                differ(found, t, i, predicted.expectation() == null ? "expect" : predicted.expectation().text(),
                        model ? "holds" : "does not hold", (kernel ? "holds" : "does not hold") + " (read " + values
                        + ")", model == kernel);
            }
        }
        if (found.isEmpty()) {
            agreed++;
            out.println(t.label() + ": agrees (" + t.model().steps().size() + " steps, DLPAR through QMP, kernel "
                    + "6.1 pseries)");
        } else {
            disagreements += found.size();
            found.forEach(out::println);
        }
    }

    private static String outcome(StepResult predicted) {
        return predicted.ok() ? "ok" : "error " + predicted.errno();
    }

    private void differ(List<String> found, Target t, int i, String what, Object model, Object kernel, boolean same) {
        if (!same) {
            StepResult step = t.model().steps().get(i);
            found.add(t.file() + ":" + step.step().source().line() + ": disagreement: scenario " + t.scenario().name()
                    + " step " + (i + 1) + " (" + step.step().action().op() + "): " + what + ": model " + model
                    + ", kernel " + kernel);
        }
    }

    private static Object observedValue(Condition c, Observed o) {
        if (c instanceof Condition.Lmb l) {
            long[] lmb = o.lmbs.get(l.index());
            if (lmb == null) {
                return null;
            }
            return switch (l.attribute()) {
                case "drc_index" -> lmb[0];
                case "dt_aa_index" -> lmb[1];
                case "dt_flags" -> lmb[2];
                default -> String.valueOf((lmb[2] & 0x8) != 0); // DRCONF_MEM_ASSIGNED
            };
        }
        return switch (((Condition.Attribute) c).attribute()) {
            case "cores_present" -> o.present;
            case "cpus_online" -> o.online;
            default -> o.pending;
        };
    }

    private static boolean holds(Condition c, Object value) {
        if (value == null) {
            return false;
        }
        return c instanceof Condition.Lmb l ? l.op().holds(value, l.value())
                : ((Condition.Attribute) c).op().holds(value, ((Condition.Attribute) c).value());
    }

    // ---- the machine ----

    /** qemu-system-ppc64 with the guest shell on its console and QMP on a socket. */
    private static final class Machine {
        record Reply(int rc, List<String> lines) {
        }

        final Process qemu;
        final Qmp qmp;
        final String coreType;
        private final OutputStream console;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final List<String> consoleLog = new ArrayList<>();
        private final Path stderr;
        private int stderrSeen;

        private Machine(Process qemu, Qmp qmp, Path stderr) throws IOException {
            this.qemu = qemu;
            this.qmp = qmp;
            this.stderr = stderr;
            this.console = qemu.getOutputStream();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(qemu.getInputStream(),
                        StandardCharsets.ISO_8859_1))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        synchronized (consoleLog) {
                            consoleLog.add(line);
                        }
                        lines.add(line.replace("\r", ""));
                    }
                } catch (IOException e) {
                    // QEMU went away: the waits below time out
                }
            }, "dlpar-console");
            reader.setDaemon(true);
            reader.start();
            JsonObject cpus = qmp.execute("query-hotpluggable-cpus", new JsonObject());
            this.coreType = cpus.has("return") ? cpus.getAsJsonArray("return").get(0).getAsJsonObject().get("type")
                    .getAsString() : "power9_v2.0-spapr-cpu-core";
        }

        static Machine boot(Target t, Path kernel, Path initrd, Path dir) throws IOException {
            LparSpec lpar = t.platform().lpar();
            long lmbs = lpar.lmbs().stream().mapToLong(r -> r.last() + 1).max().orElse(0);
            long adds = t.scenario().steps().stream().filter(s -> s.action() instanceof Action.Dlpar d && d.add()
                    && d.resource() == Action.DlparResource.MEMORY).count();
            Path socket = dir.resolve("qmp.sock");
            Path stderr = dir.resolve("qemu-stderr.txt");
            List<String> cmd = List.of("qemu-system-ppc64", "-accel", "tcg",
                    "-machine", "pseries,x-vof=on,cap-ccf-assist=off,cap-cfpc=broken,cap-sbbc=broken,cap-ibs=broken",
                    "-cpu", "power9", "-smp", lpar.cpus() + ",maxcpus=" + Math.max(lpar.cpus(), lpar.maxCpus()),
                    "-m", (t.bootLmbs() * LMB >> 20) + "M,slots=" + Math.max(1, adds) + ",maxmem="
                            + (lmbs * LMB >> 20) + "M",
                    "-kernel", kernel.toString(), "-initrd", initrd.toString(),
                    "-append", "console=hvc0 quiet panic=-1", "-trace", "spapr_drc_set_isolation_state",
                    "-nographic", "-no-reboot", "-net", "none", "-vga", "none",
                    "-qmp", "unix:" + socket + ",server=on,wait=off");
            Files.writeString(dir.resolve("qemu-command.txt"), String.join(" ", cmd) + "\n");
            Process qemu = new ProcessBuilder(cmd).redirectError(stderr.toFile()).start();
            Machine m = new Machine(qemu, Qmp.connect(socket, qemu), stderr);
            if (m.await("@@pmdl booted", STEP_SECONDS) == null) {
                m.qemu.destroyForcibly();
                throw new IOException("the pseries guest did not boot within " + STEP_SECONDS + " s");
            }
            return m;
        }

        private String await(String prefix, long seconds) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            try {
                for (long left; (left = deadline - System.nanoTime()) > 0; ) {
                    String line = lines.poll(left, TimeUnit.NANOSECONDS);
                    if (line != null && line.startsWith(prefix)) {
                        return line;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }

        /** One shell command in the guest: its exit status and output lines. */
        Reply guest(String command) throws IOException {
            return guest(command, STEP_SECONDS);
        }

        Reply guest(String command, long seconds) throws IOException {
            lines.clear();
            console.write((command + "\n").getBytes(StandardCharsets.UTF_8));
            console.flush();
            List<String> output = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            try {
                for (long left; (left = deadline - System.nanoTime()) > 0; ) {
                    String line = lines.poll(left, TimeUnit.NANOSECONDS);
                    if (line == null) {
                        break;
                    }
                    if (line.startsWith("@@pmdl done rc=")) {
                        return new Reply(Integer.parseInt(line.substring("@@pmdl done rc=".length()).trim()), output);
                    }
                    if (!line.isBlank()) {
                        output.add(line);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("the guest did not answer `" + command + "` within " + seconds + " s");
        }

        List<String> guestOut(String command) throws IOException {
            return guest(command).lines();
        }

        int memoryBlocks() throws IOException {
            return (int) guestOut("ls /sys/devices/system/memory").stream()
                    .flatMap(l -> Stream.of(l.trim().split("\\s+"))).filter(w -> w.matches("memory\\d+")).count();
        }

        interface Check {
            boolean met() throws IOException;
        }

        /** Polls the guest until the check holds (true) or the step's time is up (false). */
        boolean until(Check check) throws IOException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STEP_SECONDS);
            while (System.nanoTime() < deadline) {
                if (check.met()) {
                    return true;
                }
                sleep(500);
            }
            return false;
        }

        /** The guest's hotplug work runs after QEMU's event: wait until its kernel log stops growing. */
        void settle() throws IOException {
            String before = null;
            for (int k = 0; k < 20; k++) {
                String now = String.join("\n", guestOut("dmesg | tail -1"));
                if (now.equals(before)) {
                    return;
                }
                before = now;
                sleep(1000);
            }
        }

        /** QEMU's new stderr lines (error_report: its rollback of a refused unplug). */
        List<String> qemuLines() throws IOException {
            List<String> all = Files.readAllLines(stderr, StandardCharsets.ISO_8859_1);
            List<String> fresh = List.copyOf(all.subList(Math.min(stderrSeen, all.size()), all.size()));
            stderrSeen = all.size();
            return fresh;
        }

        void close(Path dir, Target t) throws IOException {
            try {
                console.write("poweroff -f\n".getBytes(StandardCharsets.UTF_8));
                console.flush();
            } catch (IOException e) {
                // already gone
            }
            try {
                if (!qemu.waitFor(20, TimeUnit.SECONDS)) {
                    qemu.destroyForcibly();
                }
            } catch (InterruptedException e) {
                qemu.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            qmp.close();
            if (System.getenv("PMDL_DIFF_KEEP") != null) {
                synchronized (consoleLog) {
                    Files.write(dir.resolve("console.txt"), consoleLog);
                }
                Files.write(dir.resolve("qmp.txt"), qmp.transcript());
                System.err.println("pmdl diff: " + t.label() + ": console, QMP and QEMU stderr kept in " + dir);
            }
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---- kernel and initramfs ----

    /**
     * The pseries 6.1 kernel of {@link QemuRunner#ppcKernels()} and an initramfs of the ppc64el busybox that
     * scripts/setup-ppc64-guest unpacks, with {@code guest-dlpar.sh} as /init; the kernel is kept in
     * PMDL_KERNEL_CACHE (default ~/.cache/pmdl/kernel)/ppc64-dlpar.
     */
    static DlparReplay open(Path work, PrintStream out) throws QemuRunner.Unavailable, IOException {
        if (!Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin").split(":"))
                .anyMatch(d -> Files.isExecutable(Path.of(d, "qemu-system-ppc64")))) {
            throw new QemuRunner.Unavailable("qemu-system-ppc64 is not installed (Debian package qemu-system-ppc)");
        }
        String home = System.getenv().getOrDefault("XDG_CACHE_HOME", System.getProperty("user.home") + "/.cache");
        Path cache = Path.of(System.getenv().getOrDefault("PMDL_KERNEL_CACHE", home + "/pmdl/kernel"))
                .resolve("ppc64-dlpar");
        Files.createDirectories(cache);
        Path vmlinux = cache.resolve("vmlinux-6.1");
        if (!Files.exists(vmlinux)) {
            Path kernels = QemuRunner.ppcKernels();
            Path xz = QemuRunner.pseriesKernel("6.1").orElseThrow(() -> new QemuRunner.Unavailable(
                    "no pseries 6.1 kernel in " + kernels));
            run(cache, "xz -dc '" + xz + "' > vmlinux.tmp && mv vmlinux.tmp '" + vmlinux + "'",
                    "unpacking " + xz + " failed (xz-utils)");
        }
        Path busybox = QemuRunner.ppc64Userland().resolve("bin/busybox");
        Path initrd = work.resolve("initrd-dlpar.cpio");
        Files.write(initrd, QemuRunner.Cpio.archive(Map.of("bin/busybox", Files.readAllBytes(busybox),
                "init", KernelCommands.resource("guest-dlpar.sh"))));
        return new DlparReplay(vmlinux, initrd, work, out);
    }

    private static void run(Path dir, String script, String failure) throws QemuRunner.Unavailable, IOException {
        try {
            Process p = new ProcessBuilder("sh", "-c", script).directory(dir.toFile()).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new QemuRunner.Unavailable(failure + ":\n" + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }
}
