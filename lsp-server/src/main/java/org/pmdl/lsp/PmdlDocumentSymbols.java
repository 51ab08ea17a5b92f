package org.pmdl.lsp;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.symbol.HierarchicalDocumentSymbolService;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;
import org.pmdl.dsl.lang.Names;
import org.pmdl.dsl.pmdl.ActionStep;
import org.pmdl.dsl.pmdl.CreateNamespace;
import org.pmdl.dsl.pmdl.Named;
import org.pmdl.dsl.pmdl.Platform;
import org.pmdl.dsl.pmdl.PmdlFile;
import org.pmdl.dsl.pmdl.Scenario;

/**
 * The outline: platforms with their named devices, scenarios with the namespaces they create. Xtext's default
 * outline follows qualified names, which PMDL gives only to platforms and scenarios (devices are local names).
 */
public class PmdlDocumentSymbols extends HierarchicalDocumentSymbolService {

    @Override
    public List<DocumentSymbol> getSymbols(Document document, XtextResource resource, DocumentSymbolParams params,
            CancelIndicator cancel) {
        List<DocumentSymbol> symbols = new ArrayList<>();
        if (resource.getContents().isEmpty() || !(resource.getContents().get(0) instanceof PmdlFile file)) {
            return symbols;
        }
        for (EObject element : file.getElements()) {
            if (element instanceof Platform platform) {
                List<DocumentSymbol> devices = new ArrayList<>();
                for (EObject member : platform.getMembers()) {
                    if (member instanceof Named named) {
                        add(devices, document, named, Names.nameOf(named), SymbolKind.Object, List.of());
                    }
                }
                add(symbols, document, platform, platform.getName(), SymbolKind.Module, devices);
            } else if (element instanceof Scenario scenario) {
                List<DocumentSymbol> namespaces = new ArrayList<>();
                scenario.getSteps().stream().filter(s -> s instanceof ActionStep a
                        && a.getAction() instanceof CreateNamespace).forEach(s -> {
                            var created = ((CreateNamespace) ((ActionStep) s).getAction()).getNamespace();
                            add(namespaces, document, created, Names.nameOf(created), SymbolKind.Variable,
                                    List.of());
                        });
                add(symbols, document, scenario, scenario.getName(), SymbolKind.Function, namespaces);
            }
        }
        return symbols;
    }

    private static void add(List<DocumentSymbol> symbols, Document document, EObject object, String name,
            SymbolKind kind, List<DocumentSymbol> children) {
        INode node = NodeModelUtils.getNode(object);
        if (name == null || node == null) {
            return; // half-typed: no name yet
        }
        var nameNodes = NodeModelUtils.findNodesForFeature(object, object.eClass().getEStructuralFeature("name"));
        INode nameNode = nameNodes.isEmpty() ? node : nameNodes.get(0);
        Range range = new Range(document.getPosition(node.getOffset()), document.getPosition(node.getEndOffset()));
        Range selection = new Range(document.getPosition(nameNode.getOffset()),
                document.getPosition(nameNode.getEndOffset()));
        symbols.add(new DocumentSymbol(name, kind, range, selection, null, children));
    }
}
