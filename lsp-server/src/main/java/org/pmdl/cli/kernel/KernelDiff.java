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
 * scenario with reboots runs last in its boot, and its later stages boot again on the same media.
 */
final class KernelDiff {
    /** One scenario to reproduce: where it is written, the model's result, and how to run it. */
    record Target(Path file, PlatformSpec platform, QemuMachine machine, GuestScript script, ScenarioResult model) {
        String label() {
            return file + ": " + script.scenario().name();
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
            byMachine.computeIfAbsent(t.machine().args(d -> d.id() + ".img"), k -> new ArrayList<>()).add(t);
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
        QemuMachine machine = scenarios.get(0).machine();
        Map<QemuMachine.Dimm, Path> media = runner.media(machine);
        StringBuilder stage = new StringBuilder("pmdl_save_aligns\n");
        for (int k = 0; k < scenarios.size(); k++) {
            if (k > 0) {
                stage.append("pmdl_reset\n");
            }
            stage.append(scenarios.get(k).script().stage(0, "s" + k, Map.of()));
        }
        Transcript transcript = new Transcript();
        boolean first = transcript.read(runner.boot(machine, media, stage.toString()));
        int last = scenarios.size() - 1;
        GuestScript rebooting = scenarios.get(last).script();
        boolean chain = first;
        for (int s = 1; s < rebooting.stageCount() && chain; s++) {
            Transcript.Scenario sofar = transcript.scenarios.get("s" + last);
            Map<String, String> uuids = sofar == null ? Map.of() : Map.copyOf(sofar.uuids);
            chain = transcript.read(runner.boot(machine, media, rebooting.stage(s, "s" + last, uuids)));
        }
        for (int k = 0; k < scenarios.size(); k++) {
            report(scenarios.get(k), transcript, transcript.scenarios.get("s" + k), k < last ? first : chain);
        }
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
            out.println(t.label() + ": agrees (" + t.model().steps().size() + " steps, kernel "
                    + transcript.kernel + ")");
        } else {
            disagreements += found.size();
        }
    }
}
