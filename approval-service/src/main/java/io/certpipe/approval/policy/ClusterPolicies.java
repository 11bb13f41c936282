package io.certpipe.approval.policy;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import io.certpipe.approval.ApprovalConfig;
import io.certpipe.approval.access.IntakeAnswer;
import io.certpipe.approval.access.IntakeApi;
import io.certpipe.approval.access.IntakeUnavailableException;
import io.certpipe.common.approval.ApprovalEngine;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import org.jboss.logging.Logger;

/**
 * The approval policies of each cluster: its {@code ApprovalPolicy} objects in intake's API
 * ({@link ApprovalPolicyList}).
 *
 * <p>A cluster's policies are listed the first time one of its requests is decided, then again every
 * {@code certpipe.approval.policies.refresh-interval} in the background, so that a changed policy applies within that
 * interval in every instance and no decision waits for a list once its cluster is known. While intake cannot be
 * reached, the last list is decided with until {@code max-staleness} after it was asked for; past that, a list is tried
 * for each batch, and the {@link IntakeUnavailableException} of a failed one sends its batch back to be retried.
 * What retrying cannot change (no credentials, 401, 403, 404, a list that cannot be read) means no policies: every
 * request of the cluster is left to a person. Each change of what a cluster decides with is logged once.
 */
@ApplicationScoped
public class ClusterPolicies {

    private static final Logger LOG = Logger.getLogger(ClusterPolicies.class);

    /** What a cluster's requests are decided with, how that reads in the log, and when intake was asked for it. */
    private record Listing(ApprovalEngine engine, String summary, List<String> warnings, Instant askedAt) {

        boolean readsLike(Listing other) {
            return summary.equals(other.summary) && warnings.equals(other.warnings);
        }
    }

    private final IntakeApi intake;
    private final ApprovalConfig.Policies config;
    private final Clock clock;
    private final Map<String, Listing> listings = new ConcurrentHashMap<>();
    private final Set<String> unreachable = ConcurrentHashMap.newKeySet();
    private Cancellable refreshing;

    @Inject
    public ClusterPolicies(IntakeApi intake, ApprovalConfig config) {
        this(intake, config.policies(), Clock.systemUTC());
    }

    ClusterPolicies(IntakeApi intake, ApprovalConfig.Policies config, Clock clock) {
        this.intake = intake;
        this.config = config;
        this.clock = clock;
    }

    /** The engine that decides {@code cluster}'s requests. */
    public Uni<ApprovalEngine> engineFor(String cluster) {
        Listing listing = listings.get(cluster);
        if (listing != null && !clock.instant().isAfter(listing.askedAt().plus(config.maxStaleness()))) {
            return Uni.createFrom().item(listing.engine());
        }
        return list(cluster).map(Listing::engine);
    }

    @PostConstruct
    void refreshEveryInterval() {
        refreshing = Multi.createFrom().ticks().every(config.refreshInterval())
                .onOverflow().drop()
                .onItem().transformToUniAndConcatenate(tick -> refreshKnown())
                .subscribe().with(refreshed -> { }, failure -> LOG.errorf(failure,
                        "approval policies are no longer refreshed; each cluster's are listed again only once they "
                                + "are %s old", config.maxStaleness()));
    }

    @PreDestroy
    void stopRefreshing() {
        refreshing.cancel();
    }

    /** Lists the policies of every cluster decided for since start again; one that cannot be listed keeps its last. */
    Uni<Void> refreshKnown() {
        List<Uni<Void>> refreshes = listings.keySet().stream()
                .map(cluster -> list(cluster).replaceWithVoid().onFailure().recoverWithNull())
                .toList();
        return refreshes.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.join().all(refreshes).andFailFast().replaceWithVoid();
    }

    private Uni<Listing> list(String cluster) {
        Instant asked = clock.instant();
        return intake.get(cluster, ApprovalPolicyList.PATH)
                .map(answer -> switch (answer) {
                    case IntakeAnswer.Answered answered -> read(answered.body(), asked);
                    case IntakeAnswer.Unanswered unanswered -> none(unanswered.reason(), asked);
                })
                .invoke(listing -> keep(cluster, listing))
                .onFailure().invoke(failure -> noteUnreachable(cluster, failure));
    }

    private static Listing read(JsonNode body, Instant asked) {
        ApprovalPolicyList list;
        ApprovalEngine engine;
        try {
            list = ApprovalPolicyList.read(body);
            engine = new ApprovalEngine(list.policies());
        } catch (IllegalArgumentException unusable) {
            return none("its ApprovalPolicyList cannot be used: " + unusable.getMessage(), asked);
        }
        String summary = list.versions().isEmpty() ? "no approval policies"
                : "approval policies " + String.join(", ", list.versions());
        return new Listing(engine, summary, list.unreadable(), asked);
    }

    private static Listing none(String reason, Instant asked) {
        return new Listing(new ApprovalEngine(List.of()), "no approval policies",
                List.of("every request is left to a person: " + reason), asked);
    }

    private synchronized void keep(String cluster, Listing listed) {
        Listing previous = listings.get(cluster);
        if (previous != null && previous.askedAt().isAfter(listed.askedAt())) {
            // A list asked for later has answered first: this older answer must not undo it.
            return;
        }
        listings.put(cluster, listed);
        if (unreachable.remove(cluster)) {
            LOG.infof("cluster %s's approval policies are listed again", cluster);
        }
        if (previous == null || !previous.readsLike(listed)) {
            LOG.infof("cluster %s: deciding with %s", cluster, listed.summary());
            listed.warnings().forEach(warning -> LOG.warnf("cluster %s: %s", cluster, warning));
        }
    }

    /** Warns once when a cluster's policies stop being listed, saying until when its last list is decided with. */
    private void noteUnreachable(String cluster, Throwable failure) {
        if (!unreachable.add(cluster)) {
            return;
        }
        Listing last = listings.get(cluster);
        LOG.warnf("cannot list the approval policies of cluster %s (%s); %s", cluster, failure.getMessage(),
                last == null ? "its batches are retried until they can be"
                        : "deciding with those listed at " + last.askedAt() + " until "
                                + last.askedAt().plus(config.maxStaleness()));
    }
}
