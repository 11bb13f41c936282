package io.certpipe.common.consumer;

import java.util.concurrent.Executor;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The Vert.x context a piece of work started on, as an {@link Executor}: Hibernate Reactive must continue on the
 * context that began the work, also after a retry timer or a worker thread ran part of it.
 */
public final class VertxContexts {

    private VertxContexts() {
    }

    /** Runs tasks on the calling thread's Vert.x context, or in place when there is none (plain unit tests). */
    public static Executor current() {
        Context context = Vertx.currentContext();
        return context == null ? Runnable::run : task -> context.runOnContext(ignored -> task.run());
    }
}
