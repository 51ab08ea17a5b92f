package org.pmdl.lsp;

import com.google.inject.Inject;
import com.google.inject.Module;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.emf.common.util.URI;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.ExecuteCommandOptions;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.xtext.ide.server.LanguageServerImpl;
import org.eclipse.xtext.ide.server.ServerLauncher;
import org.eclipse.xtext.ide.server.ServerModule;
import org.eclipse.xtext.ide.server.UriExtensions;
import org.eclipse.xtext.ide.server.WorkspaceManager;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.util.Modules2;
import org.eclipse.xtext.validation.Issue;
import org.pmdl.dsl.analysis.PmdlAnalyzer;

/**
 * {@code pmdl lsp}: Xtext's language server plus what Xtext lacks — inlay hints with each step's predicted outcome,
 * the {@code pmdl.run} command behind the scenario code lenses, diagnostics that cite the kernel source, and a
 * workspace-less start for clients that open single files. Everything else (hover, code lens, completion, symbols,
 * definition, references, rename, semantic tokens, folding) is Xtext's request handling over the services bound in
 * {@link org.pmdl.dsl.ide.PmdlIdeModule}. Formatting and code actions come in the same way: bind the services there,
 * or override {@code formatting}/{@code codeAction} here.
 */
public class PmdlLanguageServer extends LanguageServerImpl {
    private WorkspaceManager workspace;

    @Inject
    private UriExtensions uris;

    /** Runs the server on stdin/stdout until the client says exit. */
    public static void launch(String[] args) {
        Module pmdl = binder -> {
            binder.bind(LanguageServerImpl.class).to(PmdlLanguageServer.class);
            binder.bind(LanguageServer.class).to(PmdlLanguageServer.class);
        };
        ServerLauncher.launch(ServerLauncher.class.getName(), args, Modules2.mixin(new ServerModule(), pmdl));
    }

    @Override
    @Inject
    public void setWorkspaceManager(WorkspaceManager manager) {
        super.setWorkspaceManager(manager);
        this.workspace = manager;
    }

    /** A client with no folder open sends neither a root nor workspace folders: serve its files without one. */
    @Override
    public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
        boolean noFolders = params.getWorkspaceFolders() == null || params.getWorkspaceFolders().isEmpty();
        if (noFolders && params.getRootUri() == null && params.getRootPath() == null) {
            params.setWorkspaceFolders(List.of());
        }
        return super.initialize(params);
    }

    @Override
    protected ServerCapabilities createServerCapabilities(InitializeParams params) {
        ServerCapabilities capabilities = super.createServerCapabilities(params);
        capabilities.setInlayHintProvider(true);
        List<String> commands = new ArrayList<>(List.of(RunCommand.ID));
        if (capabilities.getExecuteCommandProvider() != null) {
            commands.addAll(capabilities.getExecuteCommandProvider().getCommands());
        }
        capabilities.setExecuteCommandProvider(new ExecuteCommandOptions(commands));
        return capabilities;
    }

    @Override
    public CompletableFuture<List<InlayHint>> inlayHint(InlayHintParams params) {
        URI uri = getURI(params.getTextDocument());
        return getRequestManager().runRead(cancel -> workspace.doRead(uri, (document, resource) ->
                InlayHints.compute(document, resource, params.getRange(), runs(uri).latest(uri), cancel)));
    }

    @Override
    protected Object executeCommand(ExecuteCommandParams params, CancelIndicator cancel) {
        if (!RunCommand.ID.equals(params.getCommand())) {
            return super.executeCommand(params, cancel);
        }
        String document = RunCommand.uri(params.getArguments());
        if (document == null) {
            return Map.of("error", "usage: " + RunCommand.ID + " [document uri, scenario name]");
        }
        URI uri = uris.toUri(document);
        return workspace.doRead(uri, (text, resource) -> resource == null
                ? Map.of("error", "not an open PMDL document: " + document)
                : RunCommand.run(resource, params.getArguments(), runs(uri), cancel));
    }

    /** Every diagnostic says where its rule comes from: the kernel function a run cited, or the rule catalogue. */
    @Override
    protected Diagnostic toDiagnostic(Issue issue) {
        Diagnostic diagnostic = super.toDiagnostic(issue);
        String[] data = issue.getData();
        boolean fromRun = data != null && data.length == 2 && RunningResourceValidator.RUN_FINDING.equals(data[0]);
        diagnostic.setSource(fromRun ? data[1] : PmdlAnalyzer.ruleOf(issue).source());
        return diagnostic;
    }

    private ScenarioRuns runs(URI uri) {
        return getResourceServiceProvider(uri).get(ScenarioRuns.class);
    }
}
