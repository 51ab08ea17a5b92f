package org.pmdl.cli.kernel;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.pmdl.model.engine.ScenarioResult;
import org.pmdl.model.engine.StepResult;
import org.pmdl.model.kernel.Errno;
import org.pmdl.model.libnvdimm.LibnvdimmRules;
import org.pmdl.model.scenario.Action;

/**
 * Model against kernel, step by step: the outcome (ok or errno) of every command, the values ndctl and sysfs
 * show after it (regions: size, align, available_size, max_available_extent, persistence_domain, state, and
 * sysfs read_only; namespaces:
 * kernel name, mode, size, raw_size, align, map, sector_size, name; an SCM's binding: whether its region is there), the
 * set of namespaces, and every {@code expect log}. A difference is reported once, at the first step that shows it.
 */
final class StepComparison {
    private static final List<String> REGION_VALUES = List.of("size", "align", "available_size",
            "max_available_extent", "persistence_domain", "state");
    private static final int USAGE_EXIT = 129;
    /** ndctl/dimm.c cmd_init_labels and its siblings: {@code count >= 0 ? 0 : EXIT_FAILURE}, whatever the errno. */
    private static final int DIMM_ACTION_FAILED = 1;
    /** ndctl/namespace.c namespace_clear_bb() returns 1 for a BTT, which cmd_clear_errors() exits with. */
    private static final int CLEAR_SKIPPED_BTT = 1;
    private static final List<String> NAMESPACE_VALUES = List.of("mode", "size", "align", "map", "sector_size",
            "name");

    /** One place where the kernel did not do what the model predicted. */
    record Disagreement(int step, int line, String what, Object model, Object kernel) {
        String describe() {
            return what + ": model " + model + ", kernel " + kernel;
        }
    }

    private final ScenarioResult model;
    private final Transcript.Scenario kernel;
    private final List<Disagreement> found = new ArrayList<>();
    private final Set<String> reported = new HashSet<>();

    private StepComparison(ScenarioResult model, Transcript.Scenario kernel) {
        this.model = model;
        this.kernel = kernel;
    }

    static List<Disagreement> compare(ScenarioResult model, Transcript.Scenario kernel) {
        StepComparison c = new StepComparison(model, kernel);
        for (int i = 0; i < model.steps().size(); i++) {
            c.step(i);
        }
        return c.found;
    }

    private void step(int i) {
        StepResult predicted = model.steps().get(i);
        Action action = predicted.step().action();
        if (action instanceof Action.ExpectLog log) {
            boolean modelMet = predicted.expectation() == null || predicted.expectation().met();
            boolean kernelMet = kernelLines(i).anyMatch(l -> l.contains(log.text()));
            differ(i, "log contains \"" + log.text() + "\"", modelMet, kernelMet);
            return;
        }
        if (action instanceof Action.Expect) {
            return; // its values were compared after the step that set them
        }
        if (action instanceof Action.ExpectHcall) {
            return; // the pseries kernels trace no hcalls: their effects (bound, log lines) are compared instead
        }
        Transcript.Step observed = kernel.steps.get(i);
        if (observed == null) {
            differ(i, "step ran", true, false);
            return;
        }
        String modelOutcome = predicted.ok() ? "ok" : "error " + predicted.errno();
        String kernelOutcome = observed.rc == 0 ? "ok" : "error " + errno(observed);
        if (action instanceof Action.OnDimm && observed.rc == DIMM_ACTION_FAILED && !predicted.ok()) {
            kernelOutcome = modelOutcome; // the errno stays inside ndctl: only "refused" is observable
        }
        if (action instanceof Action.ClearErrors && observed.rc == CLEAR_SKIPPED_BTT && !predicted.ok()
                && predicted.applied().get(0) == LibnvdimmRules.NDCTL_CLEAR_BTT) {
            kernelOutcome = modelOutcome; // namespace_clear_bb's skip of a BTT: exit status 1, no errno
        }
        differ(i, "outcome", modelOutcome, kernelOutcome);
        if (observed.state != null) {
            state(i, model.stateAfter(i), observed.state);
        }
    }

    private void state(int i, Map<String, Map<String, Object>> predicted, Transcript.State observed) {
        Set<String> matched = new HashSet<>();
        for (Map.Entry<String, Map<String, Object>> e : predicted.entrySet()) {
            String name = e.getKey();
            Map<String, Object> values = e.getValue();
            if (kernel.regionDevs.containsKey(name)) {
                String dev = kernel.regionDevs.get(name);
                JsonObject region = observed.regions().get(dev);
                if (values.containsKey("bound")) { // an SCM: papr_scm registers its region once the DRC is bound
                    differ(i, name + " bound", values.get("bound"), region != null);
                    if (region == null && Boolean.FALSE.equals(values.get("bound"))) {
                        continue;
                    }
                }
                differ(i, name + " is", values.get("dev"), dev);
                for (String attribute : REGION_VALUES) {
                    differ(i, name + "." + attribute, values.get(attribute), region == null ? null
                            : value(region, attribute));
                }
                if (observed.readOnly().containsKey(dev)) { // a transcript of an older guest script has none
                    differ(i, name + ".read_only", values.get("read_only"), observed.readOnly().get(dev));
                }
            } else if (values.containsKey("raw_size")) {
                String uuid = kernel.uuidAfter(name, i);
                String dev = uuid != null ? observed.devByUuid().get(uuid) : name;
                matched.add(dev);
                differ(i, name + " is", values.get("dev"), dev);
                JsonObject ns = dev == null ? null : observed.namespaces().get(dev);
                differ(i, name + ".raw_size", values.get("raw_size"), dev == null ? null
                        : observed.rawSizes().get(dev));
                for (String attribute : NAMESPACE_VALUES) {
                    if (values.containsKey(attribute)) {
                        differ(i, name + "." + attribute, values.get(attribute), ns == null ? null
                                : value(ns, attribute));
                    }
                }
            }
        }
        observed.rawSizes().forEach((dev, size) -> {
            if (size > 0 && !matched.contains(dev)) {
                JsonObject ns = observed.namespaces().get(dev);
                differ(i, "namespace " + dev, "none", (ns == null ? "disabled" : value(ns, "mode")) + " "
                        + size + " bytes");
            }
        });
    }

    private void differ(int i, String what, Object predicted, Object observed) {
        if (same(predicted, observed)) {
            return;
        }
        String key = what + "|" + predicted + "|" + observed;
        if (reported.add(key)) {
            found.add(new Disagreement(i, model.steps().get(i).step().source().line(), what, predicted, observed));
        }
    }

    private static boolean same(Object predicted, Object observed) {
        if (predicted instanceof Number a && observed instanceof Number b) {
            return a.longValue() == b.longValue();
        }
        return Objects.equals(String.valueOf(predicted), String.valueOf(observed));
    }

    private static Object value(JsonObject o, String attribute) {
        if (!o.has(attribute) || !o.get(attribute).isJsonPrimitive()) {
            // ndctl list leaves out an unknown persistence domain, and a region's state unless it is disabled
            return attribute.equals("persistence_domain") ? "unknown" : attribute.equals("state") ? "enabled" : null;
        }
        var p = o.getAsJsonPrimitive(attribute);
        return p.isNumber() ? (Object) p.getAsLong() : p.getAsString();
    }

    /** The kernel's and ndctl's lines of this scenario up to step {@code i}. */
    private Stream<String> kernelLines(int i) {
        return kernel.steps.entrySet().stream().filter(e -> e.getKey() <= i)
                .flatMap(e -> Stream.concat(e.getValue().output.stream(), e.getValue().kernelLog.stream()));
    }

    /**
     * The errno of a failed command: the strerror() text ndctl or the shell printed last ("failed to create
     * namespace: No space left on device", "write error: Invalid argument"), else ndctl's exit status: 129 is its
     * usage exit, taken after an option parser returned -EINVAL (ndctl/namespace.c parse_namespace_options);
     * other statuses are the negated errno, modulo 256.
     */
    static String errno(Transcript.Step step) {
        if (step.rc == USAGE_EXIT) {
            return Errno.EINVAL.name();
        }
        for (int k = step.output.size() - 1; k >= 0; k--) {
            String line = step.output.get(k);
            Optional<Errno> text = Stream.of(Errno.values()).filter(e -> line.endsWith(": " + e.strerror()))
                    .findFirst();
            if (text.isPresent()) {
                return text.get().name();
            }
        }
        int number = 256 - step.rc;
        return Stream.of(Errno.values()).filter(e -> e.number() == number).map(Errno::name).findFirst()
                .orElse("exit status " + step.rc);
    }
}
