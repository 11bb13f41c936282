package io.certpipe.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

class ReadOnlyTransactionTest {

    /** What the fake database was asked, in order. */
    private final List<String> statements = new ArrayList<>();

    @Test
    void makesTheTransactionReadOnlyBeforeTheWork() {
        String answer = ReadOnlyTransaction.run(sessions(), session -> {
            statements.add("work");
            return Uni.createFrom().item("rows");
        }).await().indefinitely();

        assertEquals("rows", answer);
        assertEquals(List.of("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", "work"), statements);
    }

    @Test
    void aCallerThatGoesAwayLeavesTheTransactionToFinish() {
        CompletableFuture<String> rows = new CompletableFuture<>();
        AtomicBoolean workCancelled = new AtomicBoolean();
        AtomicReference<String> answered = new AtomicReference<>();

        ReadOnlyTransaction.run(sessions(), session -> Uni.createFrom().completionStage(rows)
                        .onCancellation().invoke(() -> workCancelled.set(true)))
                .subscribe().with(answered::set)
                .cancel();
        rows.complete("rows");

        assertFalse(workCancelled.get(), "the statement in flight was cancelled with its caller");
        assertTrue(rows.isDone());
        assertNull(answered.get(), "a caller that went away was answered");
    }

    /** Sessions whose transactions run their work at once and record each native statement. */
    private Mutiny.SessionFactory sessions() {
        Mutiny.Session session = fake(Mutiny.Session.class, (method, args) -> switch (method) {
            case "createNativeQuery" -> {
                statements.add((String) args[0]);
                yield null;
            }
            default -> throw new UnsupportedOperationException(method);
        });
        return fake(Mutiny.SessionFactory.class, (method, args) -> {
            if (method.equals("withTransaction") && args.length == 1 && args[0] instanceof Function<?, ?> work) {
                @SuppressWarnings("unchecked")
                Function<Mutiny.Session, Uni<?>> inTransaction = (Function<Mutiny.Session, Uni<?>>) work;
                return inTransaction.apply(session);
            }
            throw new UnsupportedOperationException(method);
        });
    }

    @FunctionalInterface
    private interface Answer {
        Object answer(String method, Object[] args);
    }

    /**
     * A proxy of {@code type} answering with {@code answer}; a method answered with null returns a proxy of its return
     * type whose {@code executeUpdate} succeeds (a native query).
     */
    private static <T> T fake(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            Object answered = answer.answer(method.getName(), args == null ? new Object[0] : args);
            if (answered != null || !method.getReturnType().isInterface()) {
                return answered;
            }
            return fake(method.getReturnType(), (queryMethod, queryArgs) -> switch (queryMethod) {
                case "executeUpdate" -> Uni.createFrom().item(0);
                default -> throw new UnsupportedOperationException(queryMethod);
            });
        }));
    }
}
