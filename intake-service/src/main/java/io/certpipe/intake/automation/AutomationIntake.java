package io.certpipe.intake.automation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certpipe.automation.AutomationContract;
import io.certpipe.common.outbox.Outbox;
import io.certpipe.intake.csr.CsrApi;
import io.certpipe.intake.csr.CsrChange;
import io.certpipe.intake.csr.CsrCreation;
import io.certpipe.intake.csr.CsrLookup;
import io.certpipe.intake.csr.CsrStore;
import io.certpipe.intake.csr.CsrSubmissions;
import io.certpipe.intake.csr.StoredCsr;
import io.certpipe.intake.identity.UserInfo;
import io.certpipe.kube.ApiException;
import io.certpipe.kube.RequestLimits;
import io.certpipe.intake.rbac.Authorizer;
import io.certpipe.intake.rbac.RequestAttributes;
import io.certpipe.kube.Verbs;
import io.certpipe.intake.tenancy.Clusters;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.sqlclient.DatabaseException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Answers automation clients' requests, a poll's records at a time, with the API's own rules: the client is the
 * Kubernetes user {@code certpipe:automation:<client>} (the topic a record came on names it, and nothing else can), the
 * cluster's RBAC decides whether it may create the request, and the request is admitted and stored exactly as a
 * {@code POST} would be, through the same group commit. Every record gets a reply: {@code accepted}, written with the
 * request in its transaction, or {@code rejected} with the Status the API would have answered.
 *
 * <p>A requestId is a request: sent again with the same body, it gets that request's replies again; with another
 * body, a 409 Conflict. A record delivered again (intake stopped before committing its offset) was answered already
 * and is answered no second time: the place of every answered record is written with its answer.
 */
@ApplicationScoped
public class AutomationIntake {

    /** Request records read, tagged {@code client}. */
    static final String REQUESTS_METRIC = "certpipe.automation.requests";
    /** Requests refused, tagged {@code client} and {@code reason} (the Status reason: Invalid, Forbidden, ...). */
    static final String REJECTIONS_METRIC = "certpipe.automation.rejections";
    /** Unknown fields in the object are refused, as {@code kubectl create --validate=strict} would have them. */
    private static final String FIELD_VALIDATION = "Strict";
    private static final String UNIQUE_VIOLATION = "23505";

    private final AutomationLedger ledger;
    private final Outbox outbox;
    private final CsrStore store;
    private final CsrSubmissions submissions;
    private final Authorizer authorizer;
    private final Clusters clusters;
    private final AutomationReplies replies;
    private final RequestLimits limits;
    private final ObjectMapper json;
    private final MeterRegistry metrics;

    public AutomationIntake(AutomationLedger ledger, Outbox outbox, CsrStore store,
            CsrSubmissions submissions, Authorizer authorizer, Clusters clusters, AutomationReplies replies,
            RequestLimits limits, ObjectMapper json, MeterRegistry metrics) {
        this.ledger = ledger;
        this.outbox = outbox;
        this.store = store;
        this.submissions = submissions;
        this.authorizer = authorizer;
        this.clusters = clusters;
        this.replies = replies;
        this.limits = limits;
        this.json = json;
        this.metrics = metrics;
    }

    /** Answers each of {@code records} not answered before; completes once every answer is committed. */
    public Uni<Void> answer(List<ConsumerRecord<String, String>> records) {
        return ledger.answeredBefore(records).chain(answered -> {
            List<AutomationRequestParser.Parsed> fresh = new ArrayList<>();
            for (ConsumerRecord<String, String> record : records) {
                if (!answered.contains(AutomationDeliveryRow.Key.of(record))) {
                    fresh.add(AutomationRequestParser.parse(clientOf(record), record,
                            limits.maxBodySize().asLongValue(), json));
                }
            }
            return answerAll(fresh);
        });
    }

    /** What one record gets besides a new request: a refusal, or the replies of the request its requestId made. */
    private sealed interface Answer permits Refusal, Repeat {
        ConsumerRecord<String, String> record();
    }

    private record Refusal(ConsumerRecord<String, String> record, String client, String requestId, String cluster,
            ApiException refusal) implements Answer {
    }

    private record Repeat(ConsumerRecord<String, String> record, AutomationRequestRow row) implements Answer {
    }

    /**
     * Answers {@code parsed}: the first record of each requestId makes or repeats its request; later records of the
     * same requestId in the batch are answered after it, as the repeats they are.
     */
    private Uni<Void> answerAll(List<AutomationRequestParser.Parsed> parsed) {
        if (parsed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
        Map<AutomationRequestRow.Key, AutomationRequestParser.Submission> firsts = new LinkedHashMap<>();
        List<AutomationRequestParser.Parsed> later = new ArrayList<>();
        for (AutomationRequestParser.Parsed record : parsed) {
            switch (record) {
                case AutomationRequestParser.Unreadable unreadable -> answers.add(new Refusal(unreadable.record(),
                        unreadable.client(), unreadable.requestId(), null, unreadable.refusal()));
                case AutomationRequestParser.Submission submission -> {
                    if (firsts.putIfAbsent(keyOf(submission), submission) != null) {
                        later.add(submission);
                    }
                }
            }
        }
        return ledger.requestsMadeBefore(firsts.keySet())
                .chain(made -> {
                    List<Uni<Void>> creations = new ArrayList<>();
                    for (AutomationRequestParser.Submission submission : firsts.values()) {
                        AutomationRequestRow row = made.get(keyOf(submission));
                        if (row == null) {
                            creations.add(create(submission, answers));
                        } else if (row.bodySha256.equals(submission.bodySha256())) {
                            answers.add(new Repeat(submission.record(), row));
                        } else {
                            answers.add(refusal(submission, ApiException.ofHttpStatus(409, "requestId \""
                                    + submission.requestId() + "\" was used before for another request (request "
                                    + row.csrName + " in cluster " + row.cluster + "); a requestId names one "
                                    + "request: send a new one for a new request")));
                        }
                    }
                    return creations.isEmpty() ? Uni.createFrom().voidItem()
                            : Uni.join().all(creations).andFailFast().replaceWithVoid();
                })
                .chain(() -> commitAnswers(answers))
                .chain(() -> answerAll(later));
    }

    /**
     * Creates the request {@code submission} asks for, with its row and its {@code accepted} reply in the request's
     * own transaction; a refusal by the API's rules joins {@code answers} instead.
     */
    private Uni<Void> create(AutomationRequestParser.Submission submission, List<Answer> answers) {
        UserInfo client = userOf(submission.client());
        CsrCreation.Admission admission;
        try {
            admission = admit(submission, client);
        } catch (ApiException refused) {
            answers.add(refusal(submission, refused));
            return Uni.createFrom().voidItem();
        }
        StoredCsr proposed = admission.csr();
        return store.apply(new CsrLookup.ByName(submission.cluster(), proposed.name()),
                        new CsrChange.Create(proposed, client.toActor()),
                        (session, stored) -> {
                            AutomationRequestRow row = rowOf(submission, stored);
                            return session.persist(row)
                                    .chain(() -> session.persist(AutomationDeliveryRow.of(submission.record())))
                                    .chain(() -> replies.accepted(session, row, stored));
                        })
                .invoke(stored -> counted(submission.client()))
                .replaceWithVoid()
                .onFailure(ApiException.class).recoverWithItem(refused -> {
                    answers.add(refusal(submission, (ApiException) refused));
                    return null;
                })
                .onFailure(AutomationIntake::isUniqueViolation).transform(race -> new RequestIdRaceException(
                        submission.client(), submission.requestId(), race));
    }

    /**
     * The API's checks, in its order: the cluster exists, its RBAC lets the client use it (create
     * {@code automationrequests}) and create the request, and the object is admitted.
     */
    private CsrCreation.Admission admit(AutomationRequestParser.Submission submission, UserInfo client) {
        if (!clusters.serves(submission.cluster())) {
            throw ApiException.ofHttpStatus(404, "cluster \"" + submission.cluster() + "\" not found");
        }
        authorizer.authorize(submission.cluster(), client, RequestAttributes.resource(Verbs.CREATE,
                AutomationContract.RBAC_API_GROUP, AutomationContract.RBAC_RESOURCE, null, null));
        authorizer.authorize(submission.cluster(), client, RequestAttributes.resource(Verbs.CREATE, CsrApi.GROUP,
                CsrApi.RESOURCE, null, null));
        byte[] body;
        try {
            body = json.writeValueAsBytes(submission.object());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON object always serialises", e);
        }
        return submissions.admit(submission.cluster(), client, body, FIELD_VALIDATION);
    }

    /** Stages the replies of every refusal and repeat, and the place of each record answered, in one transaction. */
    private Uni<Void> commitAnswers(List<Answer> answers) {
        if (answers.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Answer> inOrder = List.copyOf(answers);
        return currentRequestsOf(inOrder).chain(current -> outbox.inTransaction(session -> {
            Uni<Void> staged = Uni.createFrom().voidItem();
            for (Answer answer : inOrder) {
                staged = staged.chain(() -> switch (answer) {
                    case Refusal refusal -> replies.rejected(session, refusal.client(), refusal.requestId(),
                            refusal.cluster(), refusal.refusal());
                    case Repeat repeat -> replies.again(session, repeat.row(), current.get(repeat));
                }).chain(() -> session.persist(AutomationDeliveryRow.of(answer.record())));
            }
            return staged;
        })).invoke(() -> inOrder.forEach(answer -> {
            switch (answer) {
                case Refusal refusal -> {
                    counted(refusal.client());
                    metrics.counter(REJECTIONS_METRIC, "client", refusal.client(), "reason",
                            refusal.refusal().reason()).increment();
                }
                case Repeat repeat -> counted(repeat.row().client);
            }
        }));
    }

    /** The requests that repeats name, as they are now (absent when gone). */
    private Uni<Map<Repeat, StoredCsr>> currentRequestsOf(List<Answer> answers) {
        Map<Repeat, StoredCsr> current = Collections.synchronizedMap(new IdentityHashMap<>());
        List<Uni<Void>> reads = answers.stream()
                .filter(Repeat.class::isInstance)
                .map(Repeat.class::cast)
                .map(repeat -> store.find(repeat.row().cluster, repeat.row().csrUid)
                        .invoke(csr -> {
                            if (csr != null) {
                                current.put(repeat, csr);
                            }
                        })
                        .replaceWithVoid())
                .toList();
        return reads.isEmpty() ? Uni.createFrom().item(current)
                : Uni.join().all(reads).andFailFast().replaceWith(current);
    }

    private static AutomationRequestRow rowOf(AutomationRequestParser.Submission submission, StoredCsr stored) {
        AutomationRequestRow row = new AutomationRequestRow();
        row.client = submission.client();
        row.requestId = submission.requestId();
        row.bodySha256 = submission.bodySha256();
        row.cluster = stored.cluster();
        row.csrName = stored.name();
        row.csrUid = stored.uid();
        row.createdAt = Instant.now();
        return row;
    }

    private static Refusal refusal(AutomationRequestParser.Submission submission, ApiException refused) {
        return new Refusal(submission.record(), submission.client(), submission.requestId(), submission.cluster(),
                refused);
    }

    private static AutomationRequestRow.Key keyOf(AutomationRequestParser.Submission submission) {
        return new AutomationRequestRow.Key(submission.client(), submission.requestId());
    }

    /** The Kubernetes identity of {@code client}: its user, the automation group, and every authenticated caller's. */
    static UserInfo userOf(String client) {
        return new UserInfo(AutomationContract.kubernetesUser(client), "",
                List.of(AutomationContract.KUBERNETES_GROUP, UserInfo.AUTHENTICATED), Map.of());
    }

    /** The client a record came from: the topic is its only identity ({@link AutomationContract}). */
    private static String clientOf(ConsumerRecord<String, String> record) {
        return AutomationContract.clientOfRequestsTopic(record.topic()).orElseThrow(() -> new IllegalStateException(
                "subscribed to " + record.topic() + ", which is no automation client's request topic"));
    }

    private void counted(String client) {
        metrics.counter(REQUESTS_METRIC, "client", client).increment();
    }

    private static boolean isUniqueViolation(Throwable failure) {
        for (Throwable link = failure; link != null; link = link.getCause()) {
            if (link instanceof DatabaseException database && UNIQUE_VIOLATION.equals(database.getSqlState())) {
                return true;
            }
            if (link.getCause() == link) {
                return false;
            }
        }
        return false;
    }
}
