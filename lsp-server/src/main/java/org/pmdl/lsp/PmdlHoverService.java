package org.pmdl.lsp;

import com.google.inject.Inject;
import java.util.List;
import java.util.Map;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Range;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.hover.IHoverService;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;
import org.pmdl.dsl.lang.AttributePaths;
import org.pmdl.dsl.lang.Names;
import org.pmdl.dsl.pmdl.Named;
import org.pmdl.dsl.pmdl.Platform;
import org.pmdl.dsl.pmdl.Step;
import org.pmdl.model.engine.ScenarioResult;
import org.pmdl.model.engine.StepResult;
import org.pmdl.model.rules.Rule;

/**
 * Hover: on a step, what the model predicts for it (outcome, values, the named object's state after it, the rules
 * that decided it); on a device declaration, its computed attributes after each scenario's first step.
 */
public class PmdlHoverService implements IHoverService {
    @Inject
    private ScenarioRuns runs;

    @Override
    public Hover hover(Document document, XtextResource resource, HoverParams params, CancelIndicator cancel) {
        if (resource.getParseResult() == null) {
            return EMPTY_HOVER;
        }
        int offset = document.getOffSet(params.getPosition());
        ILeafNode leaf = NodeModelUtils.findLeafNodeAtOffset(resource.getParseResult().getRootNode(), offset);
        if (leaf == null || leaf.isHidden()) {
            return EMPTY_HOVER;
        }
        EObject object = NodeModelUtils.findActualSemanticObjectFor(leaf);
        ScenarioRuns.Snapshot snapshot = runs.latest(resource.getURI());
        Step step = EcoreUtil2.getContainerOfType(object, Step.class);
        String markdown = step != null ? stepHover(step, leaf.getText(), snapshot) : declarationHover(object, snapshot);
        if (markdown == null) {
            return EMPTY_HOVER;
        }
        Range range = new Range(document.getPosition(leaf.getOffset()), document.getPosition(leaf.getEndOffset()));
        return new Hover(new MarkupContent(MarkupKind.MARKDOWN, markdown), range);
    }

    private String stepHover(Step step, String word, ScenarioRuns.Snapshot snapshot) {
        var predicted = StepOutcomes.of(step, snapshot);
        if (predicted.isEmpty()) {
            return snapshot.notRun() == null ? null : "*" + snapshot.notRun() + "*";
        }
        ScenarioResult scenario = predicted.get().scenario();
        StepResult result = predicted.get().result();
        StringBuilder text = new StringBuilder();
        text.append("**").append(StepOutcomes.summary(result)).append("**  \nstep ").append(predicted.get().index() + 1)
                .append(" of scenario `").append(scenario.name()).append("`, kernel ").append(scenario.kernel())
                .append(", distro ").append(scenario.distro()).append("\n");
        table(text, "Values after this step", result.values());
        Map<String, Map<String, Object>> state = predicted.get().stateAfter(runs);
        String name = state.containsKey(word) ? word : AttributePaths.target(word);
        if (name != null && state.containsKey(name)) {
            table(text, "`" + name + "` after this step", state.get(name));
        }
        if (result.expectation() != null) {
            text.append("\n`").append(result.expectation().text()).append("`: ")
                    .append(result.expectation().met() ? "holds" : "does **not** hold");
            if (result.expectation().counterexample() != null) {
                text.append(" (counterexample: ").append(result.expectation().counterexample()).append(')');
            }
            text.append('\n');
        }
        if (!result.log().isEmpty()) {
            text.append("\nKernel log:\n```\n").append(String.join("\n", result.log())).append("\n```\n");
        }
        rules(text, result.applied(), scenario.kernel());
        return text.toString();
    }

    private String declarationHover(EObject object, ScenarioRuns.Snapshot snapshot) {
        if (object instanceof Platform platform) {
            StringBuilder text = new StringBuilder("**platform `" + platform.getName() + "`**\n");
            runs.scenariosOn(platform.getName()).forEach(s -> text
                    .append("\n- scenario `").append(s.name()).append("`: ").append(s.status().label()));
            return text.toString();
        }
        if (!(object instanceof Named named)) {
            return null;
        }
        String name = Names.nameOf(named);
        Platform platform = EcoreUtil2.getContainerOfType(named, Platform.class);
        StringBuilder text = new StringBuilder();
        // the scenarios on this platform may live in files that import it
        for (ScenarioResult scenario : runs.scenariosOn(platform == null ? null : platform.getName())) {
            Map<String, Map<String, Object>> state = scenario.steps().isEmpty() ? Map.of()
                    : runs.stateAfter(scenario, 0);
            if (!state.containsKey(name)) {
                continue;
            }
            StepResult first = scenario.steps().get(0);
            table(text, "`" + name + "` after the first step of scenario `" + scenario.name() + "` (kernel "
                    + scenario.kernel() + ", distro " + scenario.distro() + ")", state.get(name));
            rules(text, first.applied(), scenario.kernel());
        }
        if (text.length() == 0) {
            return snapshot.notRun() == null ? null : "*" + snapshot.notRun() + "*";
        }
        return text.toString();
    }

    private static void table(StringBuilder text, String title, Map<String, Object> values) {
        if (values.isEmpty()) {
            return;
        }
        text.append('\n').append(title).append("\n\n| attribute | value |\n|---|---|\n");
        values.forEach((key, value) -> text.append("| ").append(key).append(" | ").append(StepOutcomes.value(value))
                .append(" |\n"));
    }

    private static void rules(StringBuilder text, List<Rule> applied, String kernel) {
        if (applied.isEmpty()) {
            return;
        }
        text.append("\nDecided by:\n");
        for (Rule rule : applied) {
            text.append("- `").append(rule.id()).append("` ").append(rule.summary()).append(" — kernel ")
                    .append(kernel).append(' ').append(rule.source()).append('\n');
        }
    }
}
