package io.certpipe.approval.decision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.certpipe.approval.access.SubjectAccessReviews;
import io.certpipe.approval.policy.ClusterPolicies;
import io.certpipe.common.approval.AccessAnswers;
import io.certpipe.common.approval.AccessCheck;
import io.certpipe.common.approval.ApprovalEngine;
import io.certpipe.common.consumer.VertxContexts;
import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.event.DecisionData;
import io.certpipe.common.event.EventType;
import io.certpipe.common.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Decides each new request once: asks the approval policies of its cluster ({@link ClusterPolicies}), records the
 * decision and stages the {@code DECIDED} event in the same transaction, for all the requests a batch of
 * {@code CREATED} events shows. A redelivered {@code CREATED} finds the recorded decision and changes nothing.
 */
@ApplicationScoped
public class DecisionService {

    public static final String SOURCE = "/certpipe/approval-service";
    /** Every decision taken, by cluster, verdict, deciding policy ({@code none} for a deferral) and reason. */
    public static final String DECISIONS_METRIC = "certpipe.approval.decisions";

    private static final Logger LOG = Logger.getLogger(DecisionService.class);

    /** Each cluster's policies of a batch, and the clusters' answers to their access questions. */
    private record Grounds(Map<String, ApprovalEngine> engines, AccessAnswers answers) {

        DecisionData decide(CreatedRequest request) {
            return engines.get(request.cluster()).decide(request.csr(), answers).decision();
        }
    }

    private final ClusterPolicies policies;
    private final SubjectAccessReviews accessReviews;
    private final Outbox outbox;
    private final MeterRegistry metrics;

    public DecisionService(ClusterPolicies policies, SubjectAccessReviews accessReviews, Outbox outbox,
            MeterRegistry metrics) {
        this.policies = policies;
        this.accessReviews = accessReviews;
        this.outbox = outbox;
        this.metrics = metrics;
    }

    /**
     * Decides, in one transaction, each request of {@code created} that was not decided before (nor earlier in the
     * list): one query finds the decided ones.
     */
    public Uni<Void> decideAll(List<CreatedRequest> created) {
        // The clusters' policies and access answers are fetched before the transaction opens, so no database
        // connection waits on intake; they come back on another thread, and the transaction must run on this Vert.x
        // context. Decisions are counted once committed, each attempt with a list of its own, so a batch rolled back
        // and retried counts them once.
        Executor context = VertxContexts.current();
        return Uni.createFrom().deferred(() -> {
            List<ApprovalDecision> recorded = new ArrayList<>();
            return groundsFor(created).emitOn(context).chain(grounds ->
                    outbox.inTransaction(session -> decidedAmong(session, created).chain(decided -> {
                        Uni<Void> chain = Uni.createFrom().voidItem();
                        for (CreatedRequest request : created) {
                            if (decided.add(request.key())) {
                                chain = chain.chain(() -> record(session, request, grounds, recorded));
                            }
                        }
                        return chain;
                    }))).invoke(() -> recorded.forEach(this::count));
        });
    }

    /** The policies of the clusters of {@code created}, and the answers to the access questions they ask of them. */
    private Uni<Grounds> groundsFor(List<CreatedRequest> created) {
        List<String> clusters = created.stream().map(CreatedRequest::cluster).distinct().toList();
        return Uni.join().all(clusters.stream().map(policies::engineFor).toList()).andFailFast().chain(engines -> {
            Map<String, ApprovalEngine> byCluster = new HashMap<>();
            for (int i = 0; i < clusters.size(); i++) {
                byCluster.put(clusters.get(i), engines.get(i));
            }
            Set<AccessCheck> questions = created.stream()
                    .flatMap(request -> byCluster.get(request.cluster()).accessChecks(request.csr()).stream())
                    .collect(Collectors.toSet());
            return accessReviews.answer(questions).map(answers -> new Grounds(byCluster, answers));
        });
    }

    /** Which of the requests of {@code created} have a decision (and perhaps others sharing a uid or a cluster). */
    private static Uni<Set<CreatedRequest.Key>> decidedAmong(Mutiny.Session session, List<CreatedRequest> created) {
        return session.createSelectionQuery(
                        "select cluster, csrUid from ApprovalDecision where csrUid in :uids and cluster in :clusters",
                        Object[].class)
                .setParameter("uids", created.stream().map(request -> request.event().csruid()).distinct().toList())
                .setParameter("clusters", created.stream().map(request -> request.event().cluster()).distinct()
                        .toList())
                .getResultList()
                .map(rows -> rows.stream()
                        .map(row -> new CreatedRequest.Key((String) row[0], (String) row[1]))
                        .collect(Collectors.toCollection(HashSet::new)));
    }

    private Uni<Void> record(Mutiny.Session session, CreatedRequest request, Grounds grounds,
            List<ApprovalDecision> recorded) {
        CloudEvent created = request.event();
        DecisionData decision = grounds.decide(request);
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
                        created.subject(), created.csruid(), decision)))
                .invoke(() -> recorded.add(row));
    }

    private void count(ApprovalDecision decision) {
        metrics.counter(DECISIONS_METRIC, "cluster", decision.cluster, "verdict",
                decision.verdict.name().toLowerCase(Locale.ROOT), "policy", decision.policy, "reason",
                decision.reason).increment();
    }
}
