package io.certpipe.approval.decision;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.certpipe.approval.policy.PolicyChain;
import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.event.CsrSnapshot;
import io.certpipe.common.event.DecisionData;
import io.certpipe.common.event.EventType;
import io.certpipe.common.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Decides each new request once: asks the policy chain, records the decision and stages the {@code DECIDED} event in
 * the same transaction. A redelivered {@code CREATED} finds the recorded decision and changes nothing.
 */
@ApplicationScoped
public class DecisionService {

    public static final String SOURCE = "/certpipe/approval-service";

    private static final Logger LOG = Logger.getLogger(DecisionService.class);

    private final PolicyChain policies;
    private final Outbox outbox;

    public DecisionService(PolicyChain policies, Outbox outbox) {
        this.policies = policies;
        this.outbox = outbox;
    }

    /** Decides the request {@code created} reports, unless it was decided before. */
    public Uni<Void> decide(CloudEvent created, CsrSnapshot csr) {
        return outbox.inTransaction(session -> isDecided(session, created)
                .chain(decided -> decided ? Uni.createFrom().voidItem() : record(session, created, csr)));
    }

    private static Uni<Boolean> isDecided(Mutiny.Session session, CloudEvent created) {
        return session.createSelectionQuery(
                        "select count(*) from ApprovalDecision where cluster = :cluster and csrUid = :uid", Long.class)
                .setParameter("cluster", created.cluster())
                .setParameter("uid", created.csruid())
                .getSingleResult()
                .map(count -> count > 0);
    }

    private Uni<Void> record(Mutiny.Session session, CloudEvent created, CsrSnapshot csr) {
        DecisionData decision = policies.decide(csr);
        ApprovalDecision row = new ApprovalDecision();
        row.cluster = created.cluster();
        row.csrUid = created.csruid();
        row.csrName = created.subject();
        row.verdict = decision.verdict();
        row.policy = decision.actor().username();
        row.reason = decision.reason();
        row.message = decision.message();
        row.decidedAt = Instant.now();
        LOG.infof("%s/%s (uid %s): %s by %s, %s", row.cluster, row.csrName, row.csrUid, row.verdict, row.policy,
                row.reason);
        return session.persist(row)
                .chain(() -> outbox.stage(session, CloudEvent.of(EventType.DECIDED, SOURCE, created.cluster(),
                        created.subject(), created.csruid(), decision)));
    }
}
