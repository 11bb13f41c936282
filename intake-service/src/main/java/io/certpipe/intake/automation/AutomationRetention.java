package io.certpipe.intake.automation;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/** Forgets requestIds and answered records once their retention ({@link AutomationConfig}) has passed. */
@ApplicationScoped
public class AutomationRetention {

    private static final Logger LOG = Logger.getLogger(AutomationRetention.class);

    private final Mutiny.SessionFactory sessions;
    private final AutomationConfig config;

    public AutomationRetention(Mutiny.SessionFactory sessions, AutomationConfig config) {
        this.sessions = sessions;
        this.config = config;
    }

    @Scheduled(identity = "intake-automation-prune", every = "${certpipe.intake.automation.prune-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void prune() throws Throwable {
        Instant requestIdHorizon = Instant.now().minus(config.requestIdRetention());
        Instant answeredHorizon = Instant.now().minus(config.answeredRecordRetention());
        int forgotten = VertxContextSupport.subscribeAndAwait(() -> sessions.withTransaction(session -> session
                .createMutationQuery("delete from AutomationRequestRow where createdAt < :horizon")
                .setParameter("horizon", requestIdHorizon)
                .executeUpdate()
                .chain(requests -> session
                        .createMutationQuery("delete from AutomationDeliveryRow where answeredAt < :horizon")
                        .setParameter("horizon", answeredHorizon)
                        .executeUpdate()
                        .map(records -> requests + records))));
        if (forgotten > 0) {
            LOG.debugf("forgot %d automation requestIds and answered records past their retention", forgotten);
        }
    }
}
