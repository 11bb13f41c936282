package io.certpipe.kube;

import java.util.function.Function;

import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * A transaction that PostgreSQL itself keeps from writing (an INSERT, UPDATE, DELETE, {@code nextval} or row lock in
 * it fails) and whose statements all see the database as of its first. Lists read from one snapshot in it, and every
 * dry run runs in one: whatever a dry run's code path does, it cannot store anything.
 */
public final class ReadOnlyTransaction {

    private static final String READ_ONLY_SNAPSHOT = "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY";

    private ReadOnlyTransaction() {
    }

    /**
     * Runs {@code work} in a read-only transaction, to its end even if the caller goes away: a client that hangs up
     * cancels its request, and a transaction cancelled mid-statement has its session closed under the statement,
     * which then fails with "Session/EntityManager is closed". Finished, its answer is dropped.
     */
    public static <T> Uni<T> run(Mutiny.SessionFactory sessions, Function<Mutiny.Session, Uni<T>> work) {
        Uni<T> transaction = sessions.withTransaction(session -> session.createNativeQuery(READ_ONLY_SNAPSHOT)
                .executeUpdate()
                .chain(() -> work.apply(session)));
        return Uni.createFrom().emitter(answer -> transaction.subscribe().with(answer::complete, answer::fail));
    }
}
