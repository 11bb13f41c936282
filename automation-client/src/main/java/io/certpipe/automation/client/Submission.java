package io.certpipe.automation.client;

import java.lang.System.Logger.Level;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import io.certpipe.automation.ReplyType;

/** One request the client waits for: the caller's result, settled by the request's final reply. */
final class Submission {

    private static final System.Logger LOG = System.getLogger(Submission.class.getName());

    private final String requestId;
    private final Consumer<Reply> onReply;
    private final CompletableFuture<Issued> result = new CompletableFuture<>();

    Submission(String requestId, Consumer<Reply> onReply) {
        this.requestId = requestId;
        this.onReply = onReply;
    }

    String requestId() {
        return requestId;
    }

    CompletableFuture<Issued> result() {
        return result;
    }

    /** Tells the caller's listener about {@code reply} and, when it is the last, settles the result by it. */
    void receive(Reply reply) {
        try {
            onReply.accept(reply);
        } catch (RuntimeException e) {
            // The listener is the caller's code: its failure must not stop the replies of other requests.
            LOG.log(Level.WARNING, "the listener of request " + requestId + " failed on " + reply.type().type(), e);
        }
        if (!reply.type().isLast()) {
            return;
        }
        if (reply.type() == ReplyType.ISSUED) {
            result.complete(Issued.from(reply));
        } else {
            result.completeExceptionally(RequestNotIssuedException.of(reply));
        }
    }

    void fail(Throwable failure) {
        result.completeExceptionally(failure);
    }
}
