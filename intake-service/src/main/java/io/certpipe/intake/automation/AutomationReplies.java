package io.certpipe.intake.automation;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certpipe.automation.AutomationContract;
import io.certpipe.automation.Envelope;
import io.certpipe.automation.ReplyData;
import io.certpipe.automation.ReplyType;
import io.certpipe.common.event.Actor;
import io.certpipe.common.event.EventType;
import io.certpipe.common.event.LifecycleData;
import io.certpipe.common.event.Topics;
import io.certpipe.common.outbox.Outbox;
import io.certpipe.intake.csr.CsrRepresentation;
import io.certpipe.intake.csr.LifecycleFollower;
import io.certpipe.intake.csr.StoredCsr;
import io.certpipe.kube.ApiException;
import io.certpipe.intake.signer.PublishedSigner;
import io.certpipe.intake.signer.SignerCatalogue;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Every reply an automation client gets, staged in the outbox in the transaction of what it reports, so a reply is
 * sent exactly when its cause commits, and signed by the relay like every event of intake. A request's outcome
 * follows its lifecycle: each lifecycle event of a request an automation client made becomes the reply of that event
 * on the client's topic, in the event's own transaction ({@link LifecycleFollower}).
 */
@ApplicationScoped
public class AutomationReplies implements LifecycleFollower {

    /** Replies staged, tagged {@code client} and {@code type} (accepted, rejected, issued, ...). */
    static final String REPLIES_METRIC = "certpipe.automation.replies";

    private final Outbox outbox;
    private final SignerCatalogue signers;
    private final ObjectMapper json;
    private final MeterRegistry metrics;

    public AutomationReplies(Outbox outbox, SignerCatalogue signers, ObjectMapper json, MeterRegistry metrics) {
        this.outbox = outbox;
        this.signers = signers;
        this.json = json;
        this.metrics = metrics;
    }

    /** The request {@code row} made is stored as {@code csr}. */
    Uni<Void> accepted(Mutiny.Session session, AutomationRequestRow row, StoredCsr csr) {
        return stage(session, row.client, ReplyType.ACCEPTED, aboutRequest(row.requestId, csr, null, null));
    }

    /** {@code client}'s record, which named {@code requestId} (or null), is refused as {@code refusal} says. */
    Uni<Void> rejected(Mutiny.Session session, String client, String requestId, String cluster,
            ApiException refusal) {
        ObjectNode status = json.valueToTree(refusal.toStatus());
        return stage(session, client, ReplyType.REJECTED, new ReplyData(requestId, cluster, null, null, null, status,
                null, null, null, null));
    }

    /**
     * The replies of the request {@code row} made, again, for a client that sent its requestId again: accepted, with
     * the request as it is now, then its outcome so far. {@code csr} is null when the request is gone.
     */
    Uni<Void> again(Mutiny.Session session, AutomationRequestRow row, StoredCsr csr) {
        Uni<Void> accepted = csr == null ? Uni.createFrom().voidItem() : accepted(session, row, csr);
        if (row.outcome == null) {
            return accepted;
        }
        ReplyType outcome = ReplyType.valueOf(row.outcome);
        return accepted.chain(() -> stage(session, row.client, outcome, outcomeData(row, outcome, csr)));
    }

    @Override
    public Uni<Void> staged(Mutiny.Session session, EventType type, StoredCsr csr, LifecycleData data) {
        if (type == EventType.CREATED || AutomationContract.clientOfKubernetesUser(csr.username()).isEmpty()) {
            // A creation's reply is staged with the request's row (AutomationIntake); other requests owe no reply.
            return Uni.createFrom().voidItem();
        }
        ReplyType reply = switch (type) {
            case APPROVED -> ReplyType.APPROVED;
            case DENIED -> ReplyType.DENIED;
            case ISSUED -> ReplyType.ISSUED;
            case FAILED -> ReplyType.FAILED;
            case DELETED -> expiredBy(data.actor()) ? ReplyType.EXPIRED : ReplyType.DELETED;
            default -> null;
        };
        if (reply == null) {
            return Uni.createFrom().voidItem();
        }
        return session.createSelectionQuery("from AutomationRequestRow where cluster = :cluster and csrUid = :uid",
                        AutomationRequestRow.class)
                .setParameter("cluster", csr.cluster())
                .setParameter("uid", csr.uid())
                .getSingleResultOrNull()
                .chain(row -> row == null ? Uni.createFrom().voidItem() : outcome(session, row, reply, csr, data));
    }

    private Uni<Void> outcome(Mutiny.Session session, AutomationRequestRow row, ReplyType reply, StoredCsr csr,
            LifecycleData data) {
        row.outcome = reply.name();
        row.reason = data.reason();
        row.message = data.message();
        return stage(session, row.client, reply, outcomeData(row, reply, csr));
    }

    /**
     * What outcome {@code reply} of the request {@code row} made says: the request as it is ({@code csr}) and, once
     * issued, its certificate; only its name and the reason once it is gone ({@code csr} null, expired or deleted).
     */
    private ReplyData outcomeData(AutomationRequestRow row, ReplyType reply, StoredCsr csr) {
        if (csr == null || reply == ReplyType.EXPIRED || reply == ReplyType.DELETED) {
            return new ReplyData(row.requestId, row.cluster, row.csrName, row.csrUid.toString(), null, null,
                    row.reason, row.message, null, null);
        }
        ReplyData about = aboutRequest(row.requestId, csr, row.reason, row.message);
        return reply == ReplyType.ISSUED ? withCertificate(about, csr) : about;
    }

    /** gc-service removes what Kubernetes' retention has expired; anyone else deleted the request. */
    private static boolean expiredBy(Actor actor) {
        return actor.kind() == Actor.Kind.service && Topics.GC_SERVICE.equals(actor.username());
    }

    private ReplyData aboutRequest(String requestId, StoredCsr csr, String reason, String message) {
        ObjectNode object = json.valueToTree(CsrRepresentation.toWire(csr));
        return new ReplyData(requestId, csr.cluster(), csr.name(), csr.uid().toString(), object, null, reason, message,
                null, null);
    }

    /** The certificate as {@code status.certificate} holds it, and the signer's CA certificates to trust it by. */
    private ReplyData withCertificate(ReplyData data, StoredCsr csr) {
        String caBundle = signers.find(csr.cluster(), csr.signerName())
                .map(PublishedSigner::data)
                .map(signer -> signer.trustBundle())
                .orElse(null);
        return new ReplyData(data.requestId(), data.cluster(), data.name(), data.uid(), data.object(), null,
                data.reason(), data.message(), csr.certificatePem(), caBundle);
    }

    private Uni<Void> stage(Mutiny.Session session, String client, ReplyType type, ReplyData data) {
        Envelope reply = new Envelope(Envelope.SPEC_VERSION, UUID.randomUUID().toString(),
                AutomationContract.REPLY_SOURCE, type.type(), Instant.now().toString(), data.name(),
                Envelope.DATA_CONTENT_TYPE, json.valueToTree(data));
        String payload;
        try {
            payload = json.writeValueAsString(reply);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a reply is always JSON", e);
        }
        metrics.counter(REPLIES_METRIC, "client", client, "type", type.name().toLowerCase()).increment();
        String key = data.requestId() == null ? "" : data.requestId();
        return outbox.stage(session, AutomationContract.repliesTopic(client), key, payload).replaceWithVoid();
    }
}
