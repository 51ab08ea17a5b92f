package org.pmdl.lsp;

import com.google.inject.Inject;
import com.google.inject.Module;
import com.google.inject.Guice;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.eclipse.emf.common.util.URI;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticCodeDescription;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentHighlight;
import org.eclipse.lsp4j.DocumentHighlightParams;
import org.eclipse.lsp4j.ExecuteCommandOptions;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ReferenceContext;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.xtext.build.IncrementalBuilder;
import org.eclipse.xtext.ide.server.LanguageServerImpl;
import org.eclipse.xtext.ide.server.ProjectManager;
import org.eclipse.xtext.ide.server.ServerLauncher;
import org.eclipse.xtext.ide.server.ServerModule;
import org.eclipse.xtext.ide.server.UriExtensions;
import org.eclipse.xtext.ide.server.WorkspaceManager;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.IResourceDescription;
import org.eclipse.xtext.resource.IResourceServiceProvider;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.util.IFileSystemScanner;
import org.eclipse.xtext.util.Modules2;
import org.eclipse.xtext.validation.Issue;
import org.pmdl.dsl.analysis.PmdlAnalyzer;
import org.pmdl.dsl.analysis.RuleLinks;
import org.pmdl.dsl.fixes.QuickFix;
import org.pmdl.dsl.fixes.QuickFixes;
import org.pmdl.dsl.formatting.PmdlFormatter;
import org.pmdl.dsl.lang.AttributePaths;
import org.pmdl.lsp.protocol.FramedInput;
import org.pmdl.lsp.protocol.ProtocolGuard;
import org.pmdl.lsp.protocol.ServerErrors;
import org.pmdl.model.engine.RunOptions;

/**
 * {@code pmdl lsp}: Xtext's language server plus what Xtext lacks — inlay hints with each step's predicted outcome,
 * the {@code pmdl.run} command behind the scenario code lenses, diagnostics that cite the kernel source, and a
 * workspace-less start for clients that open single files, and rename of every PMDL name. Everything else (hover, code lens, completion, symbols,
 * definition, references, rename, semantic tokens, folding) is Xtext's request handling over the services bound in
 * {@link org.pmdl.dsl.ide.PmdlIdeModule}. Formatting and quick fixes are the editor-independent ones of the dsl
 * module ({@link PmdlFormatter}, {@link QuickFixes}), shared with {@code pmdl fmt} and {@code pmdl check --fix}.
 */
public class PmdlLanguageServer extends LanguageServerImpl {
    private WorkspaceManager workspace;

    @Inject
    private UriExtensions uris;

    @Inject
    private IResourceServiceProvider.Registry languages;

    @Inject
    private PmdlProjectManager.Confinement confinement;

    @Inject
    private WorkspaceIndexing indexing;

    private RunOptions runOptions = RunOptions.DEFAULT;
    /** The client re-requests lenses / inlay hints when asked (workspace/codeLens/refresh, inlayHint/refresh). */
    private volatile boolean refreshLenses;
    private volatile boolean refreshInlayHints;
    /** The client shows server-initiated progress (window/workDoneProgress/create). */
    private volatile boolean workDoneProgress;
    /** The commands announced in the capabilities; any other is refused. */
    private volatile List<String> commands = List.of();

    /**
     * Runs the server on stdin/stdout until the client says exit or closes stdin. Xtext's own launcher is replaced
     * to read the stream through {@link FramedInput} (a bad header costs one message, not the connection), answer
     * errors through {@link ServerErrors}, keep the rules of {@link ProtocolGuard}, and return as soon as stdin
     * closes (Xtext's polled every 10 s).
     */
    public static void launch(String[] args) {
        Module pmdl = binder -> {
            binder.bind(LanguageServerImpl.class).to(PmdlLanguageServer.class);
            binder.bind(LanguageServer.class).to(PmdlLanguageServer.class);
            // a keystroke reparses what it touched, not the whole document (DocumentChanges)
            binder.bind(WorkspaceManager.class).to(PmdlWorkspaceManager.class);
            binder.bind(ProjectManager.class).to(PmdlProjectManager.class);
            binder.bind(IFileSystemScanner.class).to(RegularFilesScanner.class);
            binder.bind(IncrementalBuilder.InternalStatefulIncrementalBuilder.class).to(InPlaceBuilder.class);
        };
        InputStream in = System.in;
        PrintStream out = System.out;
        ServerLauncher.redirectStandardStreams(ServerLauncher.class.getName(), args); // Xtext prints to System.out
        // Xtext logs every failed request with its stack trace, refusals included; ServerErrors logs one line
        org.apache.log4j.Logger.getLogger("org.eclipse.xtext.ide.server.concurrent").setLevel(
                org.apache.log4j.Level.OFF);
        PmdlLanguageServer server = (PmdlLanguageServer) Guice.createInjector(Modules2.mixin(new ServerModule(), pmdl))
                .getInstance(LanguageServerImpl.class);
        Launcher<LanguageClient> launcher = new Launcher.Builder<LanguageClient>()
                .setLocalService(server)
                .setRemoteInterface(LanguageClient.class)
                .setInput(new FramedInput(in, System.err))
                .setOutput(out)
                .validateMessages(ServerLauncher.shouldValidate(args))
                .setExceptionHandler(ServerErrors::of)
                .wrapMessages(new ProtocolGuard())
                .create();
        server.connect(launcher.getRemoteProxy());
        try {
            launcher.startListening().get();
        } catch (InterruptedException | ExecutionException e) {
            System.err.println("pmdl lsp: the connection failed: " + e.getCause());
        }
        // stdin closed without `exit` (the editor crashed or was killed): the build and run threads must not keep
        // the process alive
        System.exit(0);
    }

    @Override
    @Inject
    public void setWorkspaceManager(WorkspaceManager manager) {
        super.setWorkspaceManager(manager);
        this.workspace = manager;
    }

    /**
     * Scenario runs finish after the build that started them: publish their findings with the static issues, and
     * have a client that supports it ask again for the code lenses and inlay hints, which show the run's results.
     */
    @Override
    public void connect(LanguageClient client) {
        super.connect(client);
        runs().onFinished(finished -> {
            client.publishDiagnostics(new PublishDiagnosticsParams(uris.toUriString(finished.uri()),
                    toDiagnostics(finished.issues())));
            if (refreshLenses) {
                client.refreshCodeLenses();
            }
            if (refreshInlayHints) {
                client.refreshInlayHints();
            }
        });
    }

    /** The build has published its diagnostics: the runs it prepared may start (and publish after them). */
    @Override
    public void afterBuild(List<IResourceDescription.Delta> deltas) {
        super.afterBuild(deltas);
        runs().startPrepared();
    }

    /**
     * A client with no folder open sends neither a root nor workspace folders: its files are served from an empty
     * workspace (imports still load from disk, relative to the importing file).
     */
    @Override
    protected URI getBaseDir(InitializeParams params) {
        URI base = super.getBaseDir(params);
        if (base != null) {
            return base;
        }
        try {
            Path empty = Files.createTempDirectory("pmdl-lsp-");
            empty.toFile().deleteOnExit();
            return uris.toUri(empty.toUri().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("no workspace folder and no temporary directory for one", e);
        }
    }

    @Override
    public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
        var workspaceCapabilities = params.getCapabilities() == null ? null : params.getCapabilities().getWorkspace();
        if (workspaceCapabilities != null) {
            refreshLenses = workspaceCapabilities.getCodeLens() != null
                    && Boolean.TRUE.equals(workspaceCapabilities.getCodeLens().getRefreshSupport());
            refreshInlayHints = workspaceCapabilities.getInlayHint() != null
                    && Boolean.TRUE.equals(workspaceCapabilities.getInlayHint().getRefreshSupport());
        }
        var window = params.getCapabilities() == null ? null : params.getCapabilities().getWindow();
        workDoneProgress = window != null && Boolean.TRUE.equals(window.getWorkDoneProgress());
        runOptions = ClientSettings.runOptions(params.getInitializationOptions());
        runs().useKernel(runOptions.kernelOverride());
        confinement.confined = ClientSettings.confineImports(params.getInitializationOptions());
        watch(params.getProcessId());
        return super.initialize(params);
    }

    /**
     * The workspace is built now, not in initialize ({@link WorkspaceIndexing}): as a write request, so that every
     * request and edit that follows waits for the index (Xtext's request manager runs them in order), with
     * work-done progress when the client shows it.
     */
    @Override
    public void initialized(InitializedParams params) {
        super.initialized(params);
        getRequestManager().runWrite(() -> {
            buildWorkspace();
            return null;
        }, (cancel, nothing) -> null);
    }

    private void buildWorkspace() {
        List<PmdlProjectManager> projects = indexing.start();
        if (projects.isEmpty() || !(workspace instanceof PmdlWorkspaceManager pmdlWorkspace)) {
            return;
        }
        IndexingProgress progress = workDoneProgress ? IndexingProgress.begin(getLanguageClient(),
                projects.stream().mapToInt(PmdlProjectManager::pmdlFileCount).sum()) : null;
        if (progress != null) {
            indexing.onBuilt(uri -> progress.built());
        }
        try {
            pmdlWorkspace.buildDeferred(projects);
        } finally {
            indexing.onBuilt(uri -> {
            });
            if (progress != null) {
                progress.end();
            }
        }
    }

    /** LSP: the server exits when the client's process does, even when nobody closes its stdin. */
    private static void watch(Integer clientProcessId) {
        if (clientProcessId != null) {
            ProcessHandle.of(clientProcessId).ifPresent(client -> client.onExit().thenRun(() -> {
                System.err.println("pmdl lsp: the client (process " + clientProcessId + ") exited; exiting too");
                System.exit(0);
            }));
        }
    }

    /** A request no handler knows is MethodNotFound (Xtext throws, which would be an internal error). */
    @Override
    public CompletableFuture<?> request(String method, Object parameter) {
        if (!getExtensionProviders().containsKey(method)) {
            return CompletableFuture.failedFuture(ServerErrors.refusal(ResponseErrorCode.MethodNotFound,
                    "unknown method " + method));
        }
        return super.request(method, parameter);
    }

    @Override
    protected ServerCapabilities createServerCapabilities(InitializeParams params) {
        ServerCapabilities capabilities = super.createServerCapabilities(params);
        capabilities.setInlayHintProvider(true);
        capabilities.setDocumentFormattingProvider(true);
        capabilities.setCodeActionProvider(true);
        // Xtext advertises folding only to clients that declare folding capabilities; the server serves any client
        capabilities.setFoldingRangeProvider(true);
        List<String> commands = new ArrayList<>(List.of(RunCommand.ID, AddressMapRequest.ID));
        if (capabilities.getExecuteCommandProvider() != null) {
            commands.addAll(capabilities.getExecuteCommandProvider().getCommands());
        }
        capabilities.setExecuteCommandProvider(new ExecuteCommandOptions(commands));
        this.commands = List.copyOf(commands);
        return capabilities;
    }

    @Override
    public CompletableFuture<List<InlayHint>> inlayHint(InlayHintParams params) {
        URI uri = getURI(params.getTextDocument());
        return getRequestManager().runRead(cancel -> workspace.doRead(uri, (document, resource) ->
                InlayHints.compute(document, resource, params.getRange(), runs().latest(uri), cancel)));
    }

    @Override
    protected Object executeCommand(ExecuteCommandParams params, CancelIndicator cancel) {
        String command = params.getCommand();
        if (!RunCommand.ID.equals(command) && !AddressMapRequest.ID.equals(command)) {
            if (!commands.contains(command)) {
                throw ServerErrors.refusal(ResponseErrorCode.InvalidParams, "unknown command " + command);
            }
            return super.executeCommand(params, cancel);
        }
        String document = RunCommand.uri(params.getArguments());
        if (document == null) {
            return Map.of("error", "usage: " + RunCommand.ID + " [document uri, scenario name] or "
                    + AddressMapRequest.ID + " [document uri, platform name]");
        }
        URI uri = uris.toUri(document);
        return workspace.doRead(uri, (text, resource) -> resource == null
                ? Map.of("error", "not an open PMDL document: " + document)
                : AddressMapRequest.ID.equals(command) ? AddressMapRequest.draw(resource, params.getArguments())
                : RunCommand.run(resource, params.getArguments(), runs(), runOptions, cancel));
    }

    /** The whole document laid out as {@code pmdl fmt} would; comments are kept, nothing else changes. */
    @Override
    protected List<? extends TextEdit> formatting(DocumentFormattingParams params, CancelIndicator cancel) {
        URI uri = getURI(params.getTextDocument());
        return workspace.doRead(uri, (document, resource) -> PmdlFormatter.edits(document.getContents()).stream()
                .map(PmdlLanguageServer::toLsp).toList());
    }

    /**
     * The verified quick fixes (each re-checked by running the model on the fixed text) of the diagnostics in
     * the requested range.
     */
    @Override
    protected List<Either<Command, CodeAction>> codeAction(CodeActionParams params, CancelIndicator cancel) {
        URI uri = getURI(params.getTextDocument());
        String text = workspace.doRead(uri, (document, resource) -> document.getContents());
        QuickFixes quickFixes = getResourceServiceProvider(uri).get(QuickFixes.class);
        List<Either<Command, CodeAction>> actions = new ArrayList<>();
        for (QuickFix fix : quickFixes.fixes(uri, text, runs().live(),
                RunningResourceValidator.ruleControl(getResourceServiceProvider(uri).get(RuleConfigs.class), uri, text))) {
            int line = fix.diagnostic().range().line() - 1; // LSP lines are 0-based
            if (line < params.getRange().getStart().getLine() || line > params.getRange().getEnd().getLine()) {
                continue;
            }
            CodeAction action = new CodeAction(fix.title());
            action.setKind(CodeActionKind.QuickFix);
            action.setEdit(new WorkspaceEdit(Map.of(params.getTextDocument().getUri(),
                    fix.edits().stream().map(PmdlLanguageServer::toLsp).toList())));
            actions.add(Either.forRight(action));
        }
        return actions;
    }

    private static TextEdit toLsp(org.pmdl.dsl.text.TextEdit edit) {
        var r = edit.range(); // 1-based lines and columns, end exclusive
        return new TextEdit(new Range(new Position(r.line() - 1, r.column() - 1),
                new Position(r.endLine() - 1, r.endColumn() - 1)), edit.replacement());
    }

    // Xtext's definition/references/highlight fail on a document with no model at all (everything deleted or
    // unparseable from the first token): answer "nothing here" instead of an internal error.

    @Override
    protected List<? extends Location> definition(CancelIndicator cancel, DefinitionParams params) {
        return hasModel(getURI(params)) ? super.definition(cancel, params) : List.of();
    }

    @Override
    protected List<? extends Location> references(ReferenceParams params, CancelIndicator cancel) {
        return hasModel(getURI(params)) ? super.references(params, cancel) : List.of();
    }

    @Override
    protected List<? extends DocumentHighlight> documentHighlight(DocumentHighlightParams params,
            CancelIndicator cancel) {
        return hasModel(getURI(params)) ? super.documentHighlight(params, cancel) : List.of();
    }

    private boolean hasModel(URI uri) {
        return workspace.doRead(uri, (document, resource) -> resource != null && !resource.getContents().isEmpty());
    }

    /**
     * Rename a platform, device, namespace or scenario everywhere it is written, across imports. Xtext's rename
     * follows qualified names, which PMDL gives only to platforms and scenarios; references do cover every name.
     * In {@code ns0.size} only the {@code ns0} part is the name.
     */
    @Override
    protected WorkspaceEdit rename(RenameParams params, CancelIndicator cancel) {
        if (!params.getNewName().matches("[a-zA-Z_][a-zA-Z0-9_.-]*")) {
            throw new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams,
                    "'" + params.getNewName() + "' is not a PMDL name", null));
        }
        ReferenceParams query = new ReferenceParams(params.getTextDocument(), params.getPosition(),
                new ReferenceContext(true));
        URI here = getURI(params.getTextDocument());
        String oldName = workspace.doRead(here, (document, resource) -> {
            var leaf = resource == null ? null : NodeModelUtils.findLeafNodeAtOffset(
                    resource.getParseResult().getRootNode(), document.getOffSet(params.getPosition()));
            return leaf == null ? null : leaf.getText();
        });
        Map<String, List<TextEdit>> edits = new HashMap<>();
        for (Location location : references(query, cancel)) {
            String written = workspace.doRead(uris.toUri(location.getUri()),
                    (document, resource) -> document.getSubstring(location.getRange()));
            String name = oldName != null && written.startsWith(oldName) ? oldName
                    : AttributePaths.target(written) != null ? AttributePaths.target(written) : written;
            Position start = location.getRange().getStart();
            Range range = new Range(start, new Position(start.getLine(), start.getCharacter() + name.length()));
            edits.computeIfAbsent(location.getUri(), u -> new ArrayList<>())
                    .add(new TextEdit(range, params.getNewName()));
        }
        return new WorkspaceEdit(edits);
    }

    /**
     * Every diagnostic says where its rule comes from: the kernel function a run cited, or the rule catalogue; and
     * links the rule's page (docs/rules/, {@link RuleLinks}).
     */
    @Override
    protected Diagnostic toDiagnostic(Issue issue) {
        Diagnostic diagnostic = super.toDiagnostic(issue);
        String[] data = issue.getData();
        boolean fromRun = data != null && data.length == 2 && RunIssues.RUN_FINDING.equals(data[0]);
        diagnostic.setSource(fromRun ? data[1] : PmdlAnalyzer.ruleOf(issue).source());
        String rule = fromRun ? issue.getCode() : PmdlAnalyzer.ruleOf(issue).id();
        RuleLinks.href(rule).ifPresent(href -> diagnostic.setCodeDescription(new DiagnosticCodeDescription(href)));
        return diagnostic;
    }

    /** The language's singleton (it lives in PMDL's injector, not the server's). */
    private ScenarioRuns runs() {
        return languages.getResourceServiceProvider(URI.createURI("pmdl:/any.pmdl")).get(ScenarioRuns.class);
    }
}
