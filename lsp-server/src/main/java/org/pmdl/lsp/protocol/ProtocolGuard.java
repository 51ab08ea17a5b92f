package org.pmdl.lsp.protocol;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.messages.CancelParams;
import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.eclipse.lsp4j.jsonrpc.messages.NotificationMessage;
import org.eclipse.lsp4j.jsonrpc.messages.RequestMessage;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseMessage;

/**
 * The JSON-RPC rules Xtext's server does not keep, applied to the message streams (LSP4J's
 * {@code wrapMessages} wraps the outgoing stream first, then the incoming one, which ends in the server):
 * <ul>
 * <li>after {@code shutdown}, every request but {@code exit} is refused with InvalidRequest, notifications dropped;
 * <li>a request the server cancelled itself (an edit arrived while it ran, Xtext's write-over-read) answers
 * ContentModified, so the client asks again; RequestCancelled stays for the ones the client cancelled.
 * </ul>
 */
public final class ProtocolGuard implements Function<MessageConsumer, MessageConsumer> {
    private volatile MessageConsumer outgoing;
    private volatile boolean shutDown;
    private final Set<String> cancelledByClient = ConcurrentHashMap.newKeySet();

    @Override
    public MessageConsumer apply(MessageConsumer consumer) {
        if (outgoing != null) {
            return message -> incoming(message, consumer);
        }
        MessageConsumer out = message -> {
            outgoingMessage(message);
            consumer.consume(message);
        };
        outgoing = out;
        return out;
    }

    private void incoming(Message message, MessageConsumer endpoint) {
        if (message instanceof RequestMessage request) {
            if (shutDown && !"exit".equals(request.getMethod())) {
                ResponseMessage refused = new ResponseMessage();
                refused.setRawId(request.getRawId());
                refused.setError(new ResponseError(ResponseErrorCode.InvalidRequest, "the server is shutting down;"
                        + " only exit is accepted", null));
                outgoing.consume(refused);
                return;
            }
            shutDown |= "shutdown".equals(request.getMethod());
        } else if (message instanceof NotificationMessage notification) {
            if (shutDown && !"exit".equals(notification.getMethod())) {
                return;
            }
            if ("$/cancelRequest".equals(notification.getMethod())
                    && notification.getParams() instanceof CancelParams cancel && cancel.getId() != null) {
                cancelledByClient.add(cancel.getId());
            }
        }
        endpoint.consume(message);
    }

    private void outgoingMessage(Message message) {
        if (!(message instanceof ResponseMessage response)) {
            return;
        }
        boolean byClient = cancelledByClient.remove(response.getId());
        if (response.getError() != null && !byClient
                && response.getError().getCode() == ResponseErrorCode.RequestCancelled.getValue()) {
            response.setError(new ResponseError(ResponseErrorCode.ContentModified, "the document changed while"
                    + " this request ran; ask again", null));
        }
    }
}
