package io.certpipe.signing.issue;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import io.certpipe.common.consumer.ParkedRecordException;
import io.certpipe.common.consumer.VertxContexts;
import io.certpipe.common.csr.ParsedRequest;
import io.certpipe.common.csr.Pem;
import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.event.CsrCondition;
import io.certpipe.common.event.CsrSnapshot;
import io.certpipe.common.event.EventType;
import io.certpipe.common.event.LifecycleData;
import io.certpipe.common.event.MalformedEventException;
import io.certpipe.common.event.SigningFailedData;
import io.certpipe.common.event.ToBeSignedData;
import io.certpipe.common.event.Topics;
import io.certpipe.common.outbox.Outbox;
import io.certpipe.signing.ca.CertificateAuthority;
import io.certpipe.signing.ca.SignerId;
import io.certpipe.signing.lint.LintFinding;
import io.certpipe.signing.lint.PreIssuanceLint;
import io.certpipe.signing.signer.RequestRefusedException;
import io.certpipe.signing.signer.Signer;
import io.certpipe.signing.signer.Signers;
import io.certpipe.signing.signer.Validity;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Answers an approved request, trusting nothing upstream (boulder's {@code ca.IssueCertificate}): have the signer
 * admit it ({@link Signer#admit}: the PKCS#10 parsed and verified again, the key policy and the signer's policy
 * applied), build the certificate from the signer's profile, lint it, reserve the serial together with the audit
 * record of what is about to be signed, sign, then store the certificate and stage {@code SIGNED}. The approvals of a
 * consumer's batch go through each step together, one transaction for all their reservations and one for all their
 * certificates, so a burst of approvals costs a few transactions rather than three each. A refusal or a lint finding is terminal ({@code SIGNING_FAILED}); anything else propagates, to be retried if it
 * can pass (within the consumers' bound) and parked otherwise. An event that does not describe one whole request
 * (envelope and request disagree on uid, cluster or name) is refused before anything is reserved or signed.
 */
@ApplicationScoped
public class Issuance {

    private static final Logger LOG = Logger.getLogger(Issuance.class);

    private final Signers signers;
    private final SerialRegister serials;
    private final Outbox outbox;
    private final MeterRegistry meters;

    public Issuance(Signers signers, SerialRegister serials, Outbox outbox, MeterRegistry meters) {
        this.signers = signers;
        this.serials = serials;
        this.outbox = outbox;
        this.meters = meters;
    }

    /**
     * Issues (or re-publishes) the certificates of the requests {@code approvals} describe, events of any type of
     * which only {@code APPROVED} ones count, together: in one transaction, what was issued before is looked up in
     * one query and every refusal, re-publication and serial reservation (with its audit record) is committed; the
     * reserved ones are signed, and the certificates are stored and staged in one more transaction. A malformed approval fails the
     * whole call before anything is written; the consumer then takes the events one by one.
     */
    public Uni<Void> onApproved(List<CloudEvent> approvals) {
        // By request: the same approval delivered twice in one batch must not be signed twice.
        Map<IssuedCertificate.RequestKey, Candidate> byRequest = new LinkedHashMap<>();
        for (CloudEvent event : approvals) {
            if (event.eventType() != EventType.APPROVED) {
                continue;
            }
            CsrSnapshot csr = approvedRequest(event);
            Optional<Signer> signer = signers.find(new SignerId(event.cluster(), csr.signerName()));
            if (signer.isEmpty()) {
                LOG.debugf("signer %s of cluster %s is not served here: request %s stays approved", csr.signerName(),
                        event.cluster(), event.csruid());
            } else {
                Candidate candidate = new Candidate(event, csr, signer.get());
                byRequest.putIfAbsent(candidate.key(), candidate);
            }
        }
        List<Candidate> candidates = List.copyOf(byRequest.values());
        if (candidates.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // One transaction: what was issued before is read in the snapshot the reservations are made in.
        return outbox.inTransaction(session -> issuedBefore(session, candidates).chain(issued -> {
                    List<Step> steps = candidates.stream()
                            .map(candidate -> {
                                IssuedCertificate certificate = issued.get(candidate.key());
                                return certificate != null ? new Step.Republish(certificate) : plan(candidate, 1);
                            })
                            .toList();
                    return reserveIn(session, steps).map(reserved -> new Planned(steps, reserved));
                }))
                .invoke(planned -> planned.steps().forEach(this::audit))
                .chain(planned -> signReserved(planned.reserved()));
    }

    /** The steps of a batch and the reservations they made, once committed. */
    private record Planned(List<Step> steps, List<Reserved> reserved) {
    }

    /** An approval of a signer served here. */
    private record Candidate(CloudEvent approved, CsrSnapshot csr, Signer signer) {

        IssuedCertificate.RequestKey key() {
            return new IssuedCertificate.RequestKey(approved.cluster(), approved.csruid());
        }
    }

    /** What an approval leads to once the signer has had its say, before anything is written. */
    private sealed interface Step {

        /** Issued before (a redelivered approval): stage the stored certificate again; the CA key is not touched. */
        record Republish(IssuedCertificate issued) implements Step {
        }

        /** Refused by the signer's rules or the pre-issuance lint: terminal. */
        record Refuse(CloudEvent approved, CsrSnapshot csr, String reason, String message) implements Step {
        }

        /** To be signed with {@code serial} once that serial is reserved. */
        record Sign(Issue issue, int attempt, BigInteger serial, TBSCertificate tbs, ToBeSignedData toBeSigned)
                implements Step {
        }
    }

    /** A {@link Step.Sign} and what became of its serial's reservation. */
    private record Reserved(Step.Sign step, SerialRegister.Reservation reservation) {
    }

    /** The certificates already issued for any of {@code candidates}, by request. */
    private static Uni<Map<IssuedCertificate.RequestKey, IssuedCertificate>> issuedBefore(Mutiny.Session session,
            List<Candidate> candidates) {
        List<String> uids = candidates.stream().map(candidate -> candidate.approved().csruid()).toList();
        return session.createSelectionQuery("from IssuedCertificate where request.csrUid in :uids",
                        IssuedCertificate.class)
                .setParameter("uids", uids)
                .getResultList()
                .map(found -> found.stream().collect(Collectors.toMap(issued -> issued.request, issued -> issued)));
    }

    /** Admits {@code candidate}, builds its certificate with a fresh serial and lints it. */
    private Step plan(Candidate candidate, int attempt) {
        ParsedRequest request;
        try {
            request = candidate.signer().admit(candidate.csr(), ((LifecycleData) candidate.approved().data()).actor());
        } catch (RequestRefusedException refused) {
            return new Step.Refuse(candidate.approved(), candidate.csr(), SigningFailedData.SIGNER_VALIDATION_FAILURE,
                    refused.getMessage());
        }
        Set<String> usages = Set.copyOf(candidate.csr().usages());
        Validity validity = candidate.signer().validity(Instant.now(), candidate.csr().expirationSeconds());
        return plan(new Issue(candidate.approved(), candidate.csr(), candidate.signer(), candidate.signer().ca(),
                request, usages, validity), attempt);
    }

    private Step plan(Issue issue, int attempt) {
        BigInteger serial = SerialNumbers.random();
        TBSCertificate tbs = CertificateBuilder.toBeSigned(issue.ca(), issue.signer().policy(), issue.request(),
                issue.usages(), issue.validity(), serial);
        List<LintFinding> findings = PreIssuanceLint.check(tbs, issue.ca().certificate(), issue.signer().policy());
        if (!findings.isEmpty()) {
            findings.forEach(finding -> meters.counter("certpipe.signing.lint.failures", "signer",
                    issue.csr().signerName(), "lint", finding.lint().defect()).increment());
            return new Step.Refuse(issue.approved(), issue.csr(), findings.get(0).lint().reason(),
                    "pre-issuance lint: " + findings.stream().map(LintFinding::message)
                            .collect(Collectors.joining("; ")));
        }
        return new Step.Sign(issue, attempt, serial, tbs, SigningResults.toBeSigned(issue.csr().signerName(),
                issue.ca().keyId(), tbs));
    }

    /** Commits every step's record as {@link #reserveIn} does, in a transaction of its own. */
    private Uni<List<Reserved>> reserve(List<Step> steps) {
        return outbox.inTransaction(session -> reserveIn(session, steps)).invoke(() -> steps.forEach(this::audit));
    }

    /**
     * Records every step in the transaction of {@code session}: re-published certificates and refusals staged, serials
     * reserved with their audit records. Answers the reservations, in order; they count once that transaction commits.
     */
    private Uni<List<Reserved>> reserveIn(Mutiny.Session session, List<Step> steps) {
        return Multi.createFrom().iterable(steps)
                .onItem().transformToUniAndConcatenate(step -> switch (step) {
                    case Step.Republish republish -> outbox.stage(session,
                            SigningResults.signed(republish.issued())).replaceWith((Reserved) null);
                    case Step.Refuse refuse -> outbox.stage(session, SigningResults.refused(refuse.approved(),
                            refuse.csr().signerName(), refuse.reason(), refuse.message()))
                            .replaceWith((Reserved) null);
                    case Step.Sign sign -> serials.reserve(session, sign.serial(),
                                    sign.issue().ca().keyId(), sign.issue().approved().cluster(),
                                    sign.issue().approved().csruid(),
                                    SigningResults.toBeSigned(sign.issue().approved(), sign.toBeSigned()))
                            .map(reservation -> new Reserved(sign, reservation));
                })
                .collect().asList()
                .map(reserved -> reserved.stream().filter(Objects::nonNull).toList());
    }

    private void audit(Step step) {
        switch (step) {
            case Step.Republish republish -> IssuanceAudit.republished(republish.issued());
            case Step.Refuse refuse -> {
                String signerName = refuse.csr().signerName();
                IssuanceAudit.refused(refuse.approved().cluster(), refuse.approved().csruid(), signerName,
                        refuse.reason(), refuse.message());
                meters.counter("certpipe.signing.refused", "signer", signerName, "reason", refuse.reason())
                        .increment();
            }
            case Step.Sign sign -> {
            }
        }
    }

    /**
     * Signs what was reserved and stores it; an abandoned request gets nothing, and a serial the key already used
     * (a broken random source, most likely) is tried again with a fresh one, up to {@link SerialRegister#MAX_ATTEMPTS}.
     */
    private Uni<Void> signReserved(List<Reserved> reservations) {
        List<Step.Sign> toSign = new ArrayList<>();
        List<Step.Sign> collided = new ArrayList<>();
        for (Reserved reserved : reservations) {
            Issue issue = reserved.step().issue();
            switch (reserved.reservation()) {
                case RESERVED -> toSign.add(reserved.step());
                case REQUEST_ABANDONED -> IssuanceAudit.notSignedAbandoned(issue.approved().cluster(),
                        issue.approved().csruid(), issue.csr().signerName());
                case SERIAL_TAKEN -> collided.add(reserved.step());
            }
        }
        Uni<Void> signed = toSign.isEmpty() ? Uni.createFrom().voidItem() : sign(toSign);
        for (Step.Sign step : collided) {
            signed = signed.chain(() -> retryWithFreshSerial(step));
        }
        return signed;
    }

    private Uni<Void> retryWithFreshSerial(Step.Sign collided) {
        if (collided.attempt() >= SerialRegister.MAX_ATTEMPTS) {
            return Uni.createFrom().failure(new IllegalStateException("serial collided " + collided.attempt()
                    + " times for CA key " + collided.issue().ca().keyId()));
        }
        return reserve(List.of(plan(collided.issue(), collided.attempt() + 1))).chain(this::signReserved);
    }

    /**
     * The approval {@code approved} is being given up on ({@code parked}: a failure that retrying cannot fix, or one
     * that outlasted the consumers' retry bound): ends its request with {@code SIGNING_FAILED}
     * {@code SigningError}, so that it does not wait unseen for a certificate that will not come. Only for a signer
     * served here, and only if no serial was reserved for the request: otherwise a certificate may have been signed,
     * and the request stays approved for an operator to look into (the parked event and the audit log tell what
     * happened).
     */
    public Uni<Void> onParked(CloudEvent approved, ParkedRecordException parked) {
        CsrSnapshot csr = approvedRequest(approved);
        if (signers.find(new SignerId(approved.cluster(), csr.signerName())).isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Throwable failure = parked.getCause();
        String message = "signing-service gave up on this request (" + parked.reason().tag() + "): "
                + (failure.getMessage() != null ? failure.getMessage() : failure.toString())
                + "; its approved event is parked on " + Topics.LIFECYCLE_DLQ_SIGNING;
        CloudEvent failed = SigningResults.refused(approved, csr.signerName(), SigningFailedData.SIGNING_ERROR,
                message);
        return serials.abandon(approved.cluster(), approved.csruid(), csr.signerName(), message, failed)
                .invoke(abandoned -> {
                    if (abandoned) {
                        IssuanceAudit.abandoned(approved.cluster(), approved.csruid(), csr.signerName(), message);
                    } else {
                        IssuanceAudit.leftApproved(approved.cluster(), approved.csruid(), csr.signerName());
                    }
                })
                .replaceWithVoid();
    }

    /** The request {@code approved} describes, once it is one whole approved request waiting for its certificate. */
    static CsrSnapshot approvedRequest(CloudEvent approved) {
        if (!(approved.data() instanceof LifecycleData data) || data.csr() == null || data.csr().request() == null
                || data.csr().signerName() == null) {
            throw new MalformedEventException("approved event " + approved.id() + " carries no request");
        }
        if (!Objects.equals(data.csr().uid(), approved.csruid())
                || !Objects.equals(data.csr().cluster(), approved.cluster())
                || approved.subject() == null || !Objects.equals(data.csr().name(), approved.subject())) {
            throw new MalformedEventException("approved event " + approved.id()
                    + " describes another request than its envelope names");
        }
        CsrSnapshot csr = data.csr();
        if (!csr.hasCondition(CsrCondition.APPROVED) || csr.hasCondition(CsrCondition.DENIED)
                || csr.hasCondition(CsrCondition.FAILED) || csr.certificate() != null) {
            throw new MalformedEventException("approved event " + approved.id()
                    + " describes a request that is not approved and waiting for its certificate");
        }
        return csr;
    }

    /** Everything one issuance needs once the request has passed the signer's rules. */
    private record Issue(CloudEvent approved, CsrSnapshot csr, Signer signer, CertificateAuthority ca,
            ParsedRequest request, Set<String> usages, Validity validity) {
    }

    /**
     * Signs on a worker thread, since a CA key in a network HSM blocks for a round trip, then records the certificates
     * back on the consumer's Vert.x context, where Hibernate Reactive must run.
     */
    private Uni<Void> sign(List<Step.Sign> reserved) {
        reserved.forEach(step -> IssuanceAudit.aboutToSign(step.issue().approved().cluster(),
                step.issue().approved().csruid(), step.toBeSigned()));
        return Uni.createFrom().item(() -> reserved.stream()
                        .map(step -> issued(step, step.issue().ca().sign(step.tbs())))
                        .toList())
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .emitOn(VertxContexts.current())
                .chain(this::record);
    }

    private static IssuedCertificate issued(Step.Sign step, X509CertificateHolder certificate) {
        Issue issue = step.issue();
        IssuedCertificate issued = new IssuedCertificate();
        issued.request = new IssuedCertificate.RequestKey(issue.approved().cluster(), issue.approved().csruid());
        issued.csrName = issue.approved().subject();
        issued.signerName = issue.csr().signerName();
        issued.caKeyId = issue.ca().keyId();
        issued.serial = step.toBeSigned().serialNumber();
        issued.certificate = Pem.encode(certificate);
        issued.notBefore = step.toBeSigned().notBefore();
        issued.notAfter = step.toBeSigned().notAfter();
        issued.issuedAt = Instant.now();
        return issued;
    }

    private Uni<Void> record(List<IssuedCertificate> certificates) {
        certificates.forEach(IssuanceAudit::signed);
        return outbox.inTransaction(session -> Multi.createFrom().iterable(certificates)
                        .onItem().transformToUniAndConcatenate(issued -> session.persist(issued)
                                .chain(() -> outbox.stage(session, SigningResults.signed(issued))))
                        .collect().asList())
                .replaceWithVoid()
                .invoke(() -> certificates.forEach(issued -> meters.counter("certpipe.signing.issued", "signer",
                        issued.signerName).increment()));
    }
}
