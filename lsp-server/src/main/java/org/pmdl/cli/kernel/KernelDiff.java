package org.pmdl.cli.kernel;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pmdl.model.engine.ScenarioResult;
import org.pmdl.model.topology.PlatformSpec;

/**
 * {@code pmdl diff}: runs scenarios on the real kernel and reports every step where it and the model disagree.
 *
 * <p>Boots are the cost (~6 s each on TCG), so scenarios of the same QEMU machine share a boot: the first one
 * gets the fresh boot, each later one starts after {@code pmdl_reset}, but only if it starts from initialised
 * labels or has no label areas ({@link GuestScript#startsAfterReset()}); otherwise it gets a boot of its own. A
 * scenario with reboots runs last in its boot, and its later stages boot again on the same media (the machine of
 * a {@code reboot into}'s platform); a stage entered by {@code kexec} runs in the same QEMU as the one before.
 */
final class KernelDiff {
    /**
     * One scenario to reproduce: where it is written, the model's result, and how to run it; {@code machines}
     * builds each stage's platform ({@link GuestScript#stages()}).
     */
    record Target(Path file, PlatformSpec platform, List<QemuMachine> machines, GuestScript script,
            ScenarioResult model) {
        String label() {
            return file + ": " + script.scenario().name();
        }

        QemuMachine machine() {
            return machines.get(0);
        }

        /** What tells machines apart: QEMU's arguments and the kernel's command line. */
        List<String> machineKey() {
            List<String> key = new ArrayList<>(machine().args(d -> d.id() + ".img"));
            key.addAll(machine().kernelArgs());
            return key;
        }

        /**
         * Nothing may run after it in its boot: it reboots, or it leaves a pfn/dax device without data, which the
         * next scenario's reset would unbind and so crash kernels before 6.5 (PFN-ZERO-SIZE-OOPS).
         */
        boolean endsItsBoot() {
            return script.stageCount() > 1 || (!model.steps().isEmpty() && model.stateAfter(model.steps().size() - 1)
                    .values().stream().anyMatch(v -> Long.valueOf(0).equals(v.get("npfns"))));
        }
    }

    private final QemuRunner runner;
    private final PrintStream out;
    private int agreed;
    private int disagreements;

    KernelDiff(QemuRunner runner, PrintStream out) {
        this.runner = runner;
        this.out = out;
    }

    int agreed() {
        return agreed;
    }

    int disagreements() {
        return disagreements;
    }

    void run(List<Target> targets) throws IOException {
        Map<List<String>, List<Target>> byMachine = new LinkedHashMap<>();
        for (Target t : targets) {
            byMachine.computeIfAbsent(t.machineKey(), k -> new ArrayList<>()).add(t);
        }
        for (List<Target> group : byMachine.values()) {
            List<Target> queue = new ArrayList<>(group.stream().filter(t -> !t.endsItsBoot()).toList());
            queue.addAll(group.stream().filter(Target::endsItsBoot).toList());
            while (!queue.isEmpty()) {
                List<Target> boot = new ArrayList<>(List.of(queue.remove(0)));
                while (!boot.get(boot.size() - 1).endsItsBoot() && !queue.isEmpty()
                        && queue.get(0).script().startsAfterReset()) {
                    boot.add(queue.remove(0));
                }
                runBoot(boot);
            }
        }
    }

    /** The scenarios of one boot, then the later stages of the last one if it reboots. */
    private void runBoot(List<Target> scenarios) throws IOException {
        Target last = scenarios.get(scenarios.size() - 1);
        Map<String, Path> media = runner.media(last.machine());
        StringBuilder stage = new StringBuilder("pmdl_save_aligns\n");
        for (int k = 0; k < scenarios.size(); k++) {
            if (k > 0) {
                stage.append("pmdl_reset\n");
            }
            stage.append(scenarios.get(k).script().stage(0, "s" + k, Map.of()));
        }
        String name = "s" + (scenarios.size() - 1);
        GuestScript rebooting = last.script();
        List<String> chain = new ArrayList<>(List.of(stage.toString()));
        int s = kexecChain(rebooting, 0, name, Map.of(), chain);
        Transcript transcript = new Transcript();
        boolean first = transcript.read(runner.boot(last.machine(), media, chain));
        boolean finished = first;
        while (s < rebooting.stageCount() && finished) {
            Transcript.Scenario sofar = transcript.scenarios.get(name);
            Map<String, String> uuids = sofar == null ? Map.of() : Map.copyOf(sofar.uuids);
            chain = new ArrayList<>(List.of(rebooting.stage(s, name, uuids)));
            int next = kexecChain(rebooting, s, name, uuids, chain);
            finished = transcript.read(runner.boot(last.machines().get(s), media, chain));
            s = next;
        }
        for (int k = 0; k < scenarios.size(); k++) {
            report(scenarios.get(k), transcript, transcript.scenarios.get("s" + k),
                    k < scenarios.size() - 1 ? first : finished);
        }
    }

    /** Adds to {@code chain} the stages after {@code from} that kexec from it; returns the next host-booted one. */
    private static int kexecChain(GuestScript script, int from, String name, Map<String, String> uuids,
            List<String> chain) {
        int s = from;
        while (script.endsInKexec(s)) {
            s++;
            chain.add(script.stage(s, name, uuids));
        }
        return s + 1;
    }

    private void report(Target t, Transcript transcript, Transcript.Scenario kernel, boolean finished) {
        if (kernel == null || !finished) {
            disagreements++;
            out.println(t.file() + ":" + t.script().scenario().source().line() + ": error: scenario "
                    + t.script().scenario().name() + ": the guest did not finish (kernel "
                    + transcript.kernel + "); nothing compared. Console:\n" + transcript.tail);
            return;
        }
        List<StepComparison.Disagreement> found = StepComparison.compare(t.model(), kernel);
        for (StepComparison.Disagreement d : found) {
            out.println(t.file() + ":" + d.line() + ": disagreement: scenario " + t.script().scenario().name()
                    + " step " + (d.step() + 1) + " (" + t.model().steps().get(d.step()).step().action().op()
                    + "): " + d.describe());
        }
        if (found.isEmpty()) {
            agreed++;
            long hcalls = t.model().steps().stream()
                    .filter(r -> r.step().action() instanceof org.pmdl.model.scenario.Action.ExpectHcall).count();
            out.println(t.label() + ": agrees (" + t.model().steps().size() + " steps" + (hcalls == 0 ? ""
                    : ", " + hcalls + " hcall expectation(s) not observable in the guest") + ", kernel "
                    + transcript.kernel + ")");
        } else {
            disagreements += found.size();
        }
    }
}
