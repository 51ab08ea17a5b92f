package org.pmdl.lsp;

import com.google.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Range;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.codelens.ICodeLensService;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;
import org.pmdl.dsl.pmdl.PmdlFile;
import org.pmdl.dsl.pmdl.Scenario;
import org.pmdl.model.engine.ScenarioResult;
import org.pmdl.model.engine.StepResult;

/** Two lenses above every scenario: "Run" (the {@link RunCommand}) and the result of the latest run. */
public class ScenarioLenses implements ICodeLensService {
    @Inject
    private ScenarioRuns runs;

    @Override
    public List<? extends CodeLens> computeCodeLenses(Document document, XtextResource resource,
            CodeLensParams params, CancelIndicator cancel) {
        List<CodeLens> lenses = new ArrayList<>();
        if (resource.getContents().isEmpty() || !(resource.getContents().get(0) instanceof PmdlFile file)) {
            return lenses;
        }
        ScenarioRuns.Snapshot snapshot = runs.latest(resource.getURI());
        String uri = params.getTextDocument().getUri();
        for (var element : file.getElements()) {
            ICompositeNode node = NodeModelUtils.getNode(element);
            if (!(element instanceof Scenario scenario) || scenario.getName() == null || node == null) {
                continue;
            }
            var start = document.getPosition(node.getOffset());
            Range range = new Range(start, start);
            List<Object> arguments = List.of(uri, scenario.getName());
            lenses.add(new CodeLens(range, new Command("▶ Run", RunCommand.ID, arguments), null));
            String result = snapshot.scenario(scenario.getName()).map(ScenarioLenses::describe)
                    .orElse(snapshot.notRun() == null ? "not run" : snapshot.notRun());
            lenses.add(new CodeLens(range, new Command(result, RunCommand.ID, arguments), null));
        }
        return lenses;
    }

    /** {@code ✓ pass · 12 steps} or {@code ✗ fail · 12 steps, 2 findings · 11 crash states explored}. */
    static String describe(ScenarioResult result) {
        int findings = result.findings().size();
        String mark = switch (result.status()) {
            case PASS -> "✓ ";
            default -> "✗ ";
        };
        return mark + result.status().label() + " · " + result.steps().size() + " steps"
                + (findings == 0 ? "" : ", " + findings + (findings == 1 ? " finding" : " findings"))
                + crashStates(result);
    }

    /**
     * {@code  · 11 crash states explored, 4 pruned}: the post-crash states of the scenario's crash steps
     * ({@code crash anywhere}, {@code power-fail}, {@code panic}) and those its media expectations pruned; empty
     * without a crash step.
     */
    private static String crashStates(ScenarioResult result) {
        long explored = 0;
        long pruned = 0;
        boolean crashed = false;
        boolean complete = true;
        for (StepResult step : result.steps()) {
            Map<String, Object> values = step.values();
            if (values.get("crash_states") instanceof Long states) {
                crashed = true;
                explored += states;
                complete &= !Boolean.FALSE.equals(values.get("crash_states_complete"));
            }
            if (values.get("states_pruned") instanceof Long states) {
                pruned += states;
            }
        }
        if (!crashed) {
            return "";
        }
        return " · " + explored + (explored == 1 ? " crash state" : " crash states") + " explored"
                + (pruned == 0 ? "" : ", " + pruned + " pruned") + (complete ? "" : " (bound reached)");
    }
}
