package org.pmdl.lsp;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintKind;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;
import org.pmdl.dsl.pmdl.ActionStep;
import org.pmdl.dsl.pmdl.PmdlFile;
import org.pmdl.dsl.pmdl.Scenario;
import org.pmdl.dsl.pmdl.Step;

/** After each step written without an {@code expect}: the outcome the model predicts ({@code → ok, N bytes}). */
final class InlayHints {
    private InlayHints() {
    }

    static List<InlayHint> compute(Document document, XtextResource resource, Range range,
            ScenarioRuns.Snapshot snapshot, CancelIndicator cancel) {
        List<InlayHint> hints = new ArrayList<>();
        if (resource == null || resource.getContents().isEmpty()
                || !(resource.getContents().get(0) instanceof PmdlFile file)) {
            return hints;
        }
        int from = range == null ? 0 : offset(document, range.getStart());
        int to = range == null ? Integer.MAX_VALUE : offset(document, range.getEnd());
        for (var element : file.getElements()) {
            if (!(element instanceof Scenario scenario) || cancel.isCanceled()) {
                continue;
            }
            for (Step step : scenario.getSteps()) {
                ICompositeNode node = NodeModelUtils.getNode(step);
                if (!(step instanceof ActionStep action) || action.getOutcome() != null || node == null
                        || node.getEndOffset() < from || node.getOffset() > to) {
                    continue;
                }
                StepOutcomes.of(step, snapshot).ifPresent(predicted -> {
                    InlayHint hint = new InlayHint(document.getPosition(node.getEndOffset()),
                            Either.forLeft(StepOutcomes.summary(predicted.result())));
                    hint.setKind(InlayHintKind.Type);
                    hint.setPaddingLeft(true);
                    hints.add(hint);
                });
            }
        }
        return hints;
    }

    /** Clients may ask for a range past the end of the document (e.g. the whole viewport). */
    private static int offset(Document document, org.eclipse.lsp4j.Position position) {
        try {
            return document.getOffSet(position);
        } catch (IndexOutOfBoundsException e) {
            return document.getContents().length();
        }
    }
}
