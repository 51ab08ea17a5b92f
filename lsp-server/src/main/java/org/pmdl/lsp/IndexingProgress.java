package org.pmdl.lsp;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.WorkDoneProgressBegin;
import org.eclipse.lsp4j.WorkDoneProgressCreateParams;
import org.eclipse.lsp4j.WorkDoneProgressEnd;
import org.eclipse.lsp4j.WorkDoneProgressNotification;
import org.eclipse.lsp4j.WorkDoneProgressReport;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * The workspace build as LSP work-done progress: {@code window/workDoneProgress/create}, then {@code $/progress}
 * begin, a report each time the share of files built grows by a percent, and end.
 */
final class IndexingProgress {
    private static final Either<String, Integer> TOKEN = Either.forLeft("pmdl-workspace-build");
    private final LanguageClient client;
    private final int files;
    private int built;
    private int shownPercent;

    private IndexingProgress(LanguageClient client, int files) {
        this.client = client;
        this.files = files;
    }

    /** The progress shown by the client, or null when it did not accept the token (LSP: then none is sent). */
    static IndexingProgress begin(LanguageClient client, int files) {
        try {
            client.createProgress(new WorkDoneProgressCreateParams(TOKEN)).get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            System.err.println("pmdl lsp: no work-done progress for the workspace build (" + e + ")");
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        WorkDoneProgressBegin begin = new WorkDoneProgressBegin();
        begin.setTitle("Indexing PMDL files");
        begin.setCancellable(false);
        begin.setMessage("0/" + files + " files");
        begin.setPercentage(0);
        IndexingProgress progress = new IndexingProgress(client, files);
        progress.send(begin);
        return progress;
    }

    synchronized void built() {
        built++;
        int percent = Math.min(100, built * 100 / Math.max(1, files));
        if (percent > shownPercent) {
            shownPercent = percent;
            WorkDoneProgressReport report = new WorkDoneProgressReport();
            report.setMessage(Math.min(built, files) + "/" + files + " files");
            report.setPercentage(percent);
            send(report);
        }
    }

    synchronized void end() {
        WorkDoneProgressEnd end = new WorkDoneProgressEnd();
        end.setMessage(built + " files built");
        send(end);
    }

    private void send(WorkDoneProgressNotification notification) {
        client.notifyProgress(new ProgressParams(TOKEN, Either.forLeft(notification)));
    }
}
