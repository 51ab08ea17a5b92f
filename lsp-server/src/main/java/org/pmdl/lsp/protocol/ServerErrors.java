package org.pmdl.lsp.protocol;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.eclipse.emf.common.util.WrappedException;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/**
 * What a failed request answers: the JSON-RPC code that says whose fault it was, and a message without the
 * exception's text (Xtext's position errors carry the whole document) or a stack trace. The server's stderr gets
 * one line per internal error, so a real bug is still visible.
 */
public final class ServerErrors {
    private ServerErrors() {
    }

    public static ResponseError of(Throwable thrown) {
        Throwable cause = unwrap(thrown);
        if (cause instanceof ResponseErrorException e) {
            return e.getResponseError();
        }
        if (cause instanceof CancellationException) {
            return new ResponseError(ResponseErrorCode.RequestCancelled, "cancelled", null);
        }
        if (cause instanceof IndexOutOfBoundsException) {
            return new ResponseError(ResponseErrorCode.InvalidParams, "a position or range outside the document",
                    null);
        }
        if (cause instanceof StackOverflowError || cause instanceof OutOfMemoryError) {
            System.err.println("pmdl lsp: a request ran out of " + (cause instanceof OutOfMemoryError ? "memory"
                    : "stack"));
            return new ResponseError(ResponseErrorCode.InternalError, "the document is too large or too deeply"
                    + " nested to answer this request", null);
        }
        StackTraceElement[] trace = cause.getStackTrace();
        System.err.println("pmdl lsp: internal error " + cause.getClass().getName()
                + (trace.length > 0 ? " at " + trace[0] : ""));
        return new ResponseError(ResponseErrorCode.InternalError, "internal error ("
                + cause.getClass().getSimpleName() + "); the server carries on", null);
    }

    /** A request rejected with a code and a message a user can act on. */
    public static ResponseErrorException refusal(ResponseErrorCode code, String message) {
        return new ResponseErrorException(new ResponseError(code, message, null));
    }

    private static Throwable unwrap(Throwable thrown) {
        Throwable cause = thrown;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException
                || cause instanceof InvocationTargetException || cause instanceof WrappedException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
