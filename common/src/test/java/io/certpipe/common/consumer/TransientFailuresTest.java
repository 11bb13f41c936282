package io.certpipe.common.consumer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import io.certpipe.common.event.MalformedEventException;
import io.vertx.sqlclient.ClosedConnectionException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import org.hibernate.HibernateException;
import org.hibernate.StaleObjectStateException;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.GenericJDBCException;
import org.junit.jupiter.api.Test;

class TransientFailuresTest {

    @Test
    void retriesADatabaseOrBrokerThatCannotBeReached() {
        assertTransient(new ConnectException("Connection refused"));
        assertTransient(ClosedConnectionException.INSTANCE);
        assertTransient(new org.apache.kafka.common.errors.TimeoutException("no broker"));
        assertTransient(new io.vertx.core.http.ConnectionPoolTooBusyException("pool full"));
        assertTransient(sqlFailure("08006"));
        assertTransient(sqlFailure("57P03"));
        assertTransient(sqlFailure("53300"));
    }

    @Test
    void retriesLockAndSerializationConflicts() {
        assertTransient(sqlFailure("40001"));
        assertTransient(sqlFailure("40P01"));
        assertTransient(sqlFailure("55P03"));
        assertTransient(new OptimisticLockException("row changed"));
        assertTransient(new StaleObjectStateException("RetentionEntry", 7L));
    }

    @Test
    void retriesTimeouts() {
        assertTransient(new TimeoutException());
        assertTransient(new io.smallrye.mutiny.TimeoutException());
        assertTransient(new jakarta.persistence.QueryTimeoutException("statement timeout"));
        assertTransient(sqlFailure("57014"));
    }

    @Test
    void retriesAServicesOwnTransientFailure() {
        assertTransient(new TransientException("the CA key is not reachable") {
        });
    }

    @Test
    void findsTheTransientCauseBehindTheWrappersOfHibernateAndMutiny() {
        assertTransient(new CompletionException(new HibernateException("could not open a session",
                new ConnectException("Connection refused"))));
        assertTransient(new PersistenceException("commit failed", new GenericJDBCException("deadlock",
                new SQLException("deadlock detected", "40P01"))));
    }

    @Test
    void givesUpAtOnceOnWhatFailsAgainOnEveryAttempt() {
        for (Throwable permanent : List.of(
                new ClassCastException("DecisionData cannot be cast to LifecycleData"),
                new IllegalStateException("serial collided 5 times"),
                new NullPointerException(),
                new ConstraintViolationException("duplicate key", new SQLException("duplicate", "23505"), "pk"),
                sqlFailure("23502"),
                sqlFailure("22021"),
                new HibernateException("not-null property references a null value"))) {
            assertFalse(TransientFailures.isTransient(permanent), permanent::toString);
        }
    }

    @Test
    void givesUpOnAMalformedEventWhateverItsCause() {
        assertFalse(TransientFailures.isTransient(new MalformedEventException("no data",
                new TimeoutException())));
        assertFalse(TransientFailures.isTransient(new CompletionException(new MalformedEventException("no data"))));
    }

    @Test
    void endsOnACauseChainThatLoopsBack() {
        RuntimeException outer = new RuntimeException("outer");
        RuntimeException inner = new RuntimeException("inner", outer);
        outer.initCause(inner);
        assertFalse(TransientFailures.isTransient(outer));
    }

    private static SQLException sqlFailure(String sqlState) {
        return new SQLException("PostgreSQL error " + sqlState, sqlState);
    }

    private static void assertTransient(Throwable failure) {
        assertTrue(TransientFailures.isTransient(failure), failure::toString);
    }
}
