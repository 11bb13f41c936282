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

    public static <T> Uni<T> run(Mutiny.SessionFactory sessions, Function<Mutiny.Session, Uni<T>> work) {
        return sessions.withTransaction(session -> session.createNativeQuery(READ_ONLY_SNAPSHOT).executeUpdate()
                .chain(() -> work.apply(session)));
    }
}
