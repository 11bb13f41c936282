package io.certpipe.common.consumer;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import io.certpipe.common.event.MalformedEventException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import jakarta.persistence.QueryTimeoutException;
import org.apache.kafka.common.errors.RetriableException;
import org.hibernate.JDBCException;
import org.hibernate.StaleStateException;
import org.hibernate.exception.LockAcquisitionException;

/**
 * Which failures of a consumer can pass if the same record is processed again, unchanged: the database or broker is
 * unreachable or refuses connections for now, a lock or serialization conflict with another transaction, a timeout,
 * or a service's own {@link TransientException}. Everything else (a cast that fails, a broken invariant, a constraint
 * the record violates) fails again on every attempt, so retrying it would only hold up its partition.
 *
 * <p>A failure counts as transient when it or any of its causes is one of these, since Hibernate Reactive and Mutiny
 * wrap what the driver threw; a {@link MalformedEventException} anywhere in the chain makes it permanent.
 */
public final class TransientFailures {

    /** The database, broker or a pool in front of them is unreachable, closed the connection or is full. */
    private static final List<Class<? extends Throwable>> UNAVAILABLE = List.of(ConnectException.class,
            SocketException.class, UnknownHostException.class, ClosedChannelException.class,
            ClosedConnectionException.class, ConnectionPoolTooBusyException.class, RetriableException.class);

    /** Another transaction holds what this one needs, or changed it first: the next attempt sees it settled. */
    private static final List<Class<? extends Throwable>> CONFLICTS = List.of(OptimisticLockException.class,
            StaleStateException.class, PessimisticLockException.class, LockAcquisitionException.class,
            LockTimeoutException.class);

    private static final List<Class<? extends Throwable>> TIMEOUTS = List.of(TimeoutException.class,
            io.smallrye.mutiny.TimeoutException.class, SocketTimeoutException.class, QueryTimeoutException.class,
            org.hibernate.QueryTimeoutException.class);

    /** PostgreSQL error codes that can pass (appendix A of its manual), by code. */
    private static final Set<String> TRANSIENT_SQL_STATES = Set.of(
            "40001", // serialization_failure
            "40P01", // deadlock_detected
            "55P03", // lock_not_available
            "57014", // query_canceled: statement_timeout or lock_timeout
            "57P01", // admin_shutdown
            "57P02", // crash_shutdown
            "57P03"); // cannot_connect_now: the server is starting
    /** ... and by class: 08 connection exception, 53 insufficient resources (too many connections, disk full). */
    private static final Set<String> TRANSIENT_SQL_STATE_CLASSES = Set.of("08", "53");

    private TransientFailures() {
    }

    /** Whether processing the same record again may succeed where {@code failure} stopped it. */
    public static boolean isTransient(Throwable failure) {
        Set<Throwable> chain = causeChain(failure);
        if (chain.stream().anyMatch(MalformedEventException.class::isInstance)) {
            return false;
        }
        return chain.stream().anyMatch(TransientFailures::canPass);
    }

    private static boolean canPass(Throwable failure) {
        return failure instanceof TransientException
                || isAny(failure, UNAVAILABLE) || isAny(failure, CONFLICTS) || isAny(failure, TIMEOUTS)
                || isTransientSqlState(sqlState(failure));
    }

    private static boolean isAny(Throwable failure, List<Class<? extends Throwable>> kinds) {
        return kinds.stream().anyMatch(kind -> kind.isInstance(failure));
    }

    private static String sqlState(Throwable failure) {
        return switch (failure) {
            case DatabaseException database -> database.getSqlState();
            case JDBCException jdbc -> jdbc.getSQLState();
            case SQLException sql -> sql.getSQLState();
            default -> null;
        };
    }

    private static boolean isTransientSqlState(String sqlState) {
        return sqlState != null && sqlState.length() == 5 && (TRANSIENT_SQL_STATES.contains(sqlState)
                || TRANSIENT_SQL_STATE_CLASSES.contains(sqlState.substring(0, 2)));
    }

    /** {@code failure} and its causes, each once even if the chain loops back. */
    private static Set<Throwable> causeChain(Throwable failure) {
        Set<Throwable> chain = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable link = failure;
        while (link != null && chain.add(link)) {
            link = link.getCause();
        }
        return chain;
    }
}
