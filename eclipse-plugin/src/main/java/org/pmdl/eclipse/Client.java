package org.pmdl.eclipse;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.resources.WorkspaceJob;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.text.Document;
import org.eclipse.jface.text.IDocument;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.swt.widgets.Display;

/**
 * The editor side of the protocol: the server's diagnostics become problem markers on the workspace file
 * (Problems view, ruler, squiggles), `[RULE] message` like the CLI prints them, with the rule and the kernel
 * function it follows as marker attributes; its messages go to the error log.
 */
final class Client implements LanguageClient {

    static final String MARKER = "org.pmdl.eclipse.problem";
    /** Marker attributes: the diagnostic's code (a rule ID) and source (the kernel function it follows). */
    static final String RULE = "rule";
    static final String KERNEL_SOURCE = "kernelSource";

    private static final ILog LOG = ILog.of(Client.class);
    private final Documents documents;

    Client(Documents documents) {
        this.documents = documents;
    }

    @Override
    public void publishDiagnostics(PublishDiagnosticsParams params) {
        Path file = Path.of(URI.create(params.getUri()));
        for (IFile resource : ResourcesPlugin.getWorkspace().getRoot().findFilesForLocationURI(file.toUri())) {
            WorkspaceJob job = new WorkspaceJob("PMDL markers for " + resource.getName()) {
                @Override
                public IStatus runInWorkspace(IProgressMonitor monitor) throws CoreException {
                    if (resource.exists()) {
                        replaceMarkers(resource, file, params.getDiagnostics());
                    }
                    return Status.OK_STATUS;
                }
            };
            job.setRule(resource);
            job.setSystem(true);
            job.schedule();
        }
    }

    private void replaceMarkers(IFile resource, Path file, List<Diagnostic> diagnostics) throws CoreException {
        resource.deleteMarkers(MARKER, false, IResource.DEPTH_ZERO);
        IDocument text = documents.document(file);
        if (text == null) {
            try {
                text = new Document(Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                text = new Document();
            }
        }
        for (Diagnostic diagnostic : diagnostics) {
            Map<String, Object> attributes = new HashMap<>();
            String rule = diagnostic.getCode() == null ? null : diagnostic.getCode().map(s -> s, String::valueOf);
            String message = diagnostic.getMessage().map(plain -> plain, markup -> markup.getValue());
            attributes.put(IMarker.MESSAGE, rule == null ? message : "[" + rule + "] " + message);
            attributes.put(IMarker.SEVERITY, severity(diagnostic.getSeverity()));
            attributes.put(IMarker.LINE_NUMBER, diagnostic.getRange().getStart().getLine() + 1);
            int start = Documents.offset(text, diagnostic.getRange().getStart());
            int end = Math.max(start, Documents.offset(text, diagnostic.getRange().getEnd()));
            attributes.put(IMarker.CHAR_START, start);
            attributes.put(IMarker.CHAR_END, end);
            attributes.put(RULE, rule);
            attributes.put(KERNEL_SOURCE, diagnostic.getSource());
            resource.createMarker(MARKER, attributes);
        }
    }

    private static int severity(DiagnosticSeverity severity) {
        if (severity == null) {
            return IMarker.SEVERITY_ERROR;
        }
        return switch (severity) {
            case Error -> IMarker.SEVERITY_ERROR;
            case Warning -> IMarker.SEVERITY_WARNING;
            default -> IMarker.SEVERITY_INFO;
        };
    }

    void showStartProblem(String message) {
        Display display = Display.getDefault();
        display.asyncExec(() -> MessageDialog.openError(display.getActiveShell(), "PMDL", message));
    }

    @Override
    public void logMessage(MessageParams message) {
        log(message);
    }

    @Override
    public void showMessage(MessageParams message) {
        log(message);
    }

    private static void log(MessageParams message) {
        int severity = message.getType() == MessageType.Error ? IStatus.ERROR
                : message.getType() == MessageType.Warning ? IStatus.WARNING : IStatus.INFO;
        LOG.log(new Status(severity, Client.class, "PMDL language server: " + message.getMessage()));
    }

    @Override
    public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams request) {
        log(request);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void telemetryEvent(Object object) {
        // the server sends none
    }

    @Override
    public CompletableFuture<Void> refreshSemanticTokens() {
        SemanticColouring.refreshAll();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> refreshInlayHints() {
        return CompletableFuture.completedFuture(null); // no inlay hints in this client
    }

    @Override
    public CompletableFuture<Void> refreshCodeLenses() {
        return CompletableFuture.completedFuture(null); // no code lenses in this client
    }
}
