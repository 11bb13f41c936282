package io.certpipe.signing.issue;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
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
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Answers an approved request, trusting nothing upstream (boulder's {@code ca.IssueCertificate}): have the signer
 * admit it ({@link Signer#admit}: the PKCS#10 parsed and verified again, the key policy and the signer's policy
 * applied), build the certificate from the signer's profile, lint it, reserve the serial together with the audit
 * record of what is about to be signed, sign, then store the certificate and stage {@code SIGNED} in one transaction.
 * A refusal or a lint finding is terminal ({@code SIGNING_FAILED}); anything else propagates, to be retried if it
 * can pass (within the consumers' bound) and parked otherwise. An event that does not describe one whole request
 * (envelope and request disagree on uid, cluster or name) is refused before anything is reserved or signed.
 */
@ApplicationScoped
public class Issuance {

    private static final Logger LOG = Logger.getLogger(Issuance.class);

    private final Signers signers;
    private final SerialRegister serials;
    private final Outbox outbox;
    private final Mutiny.SessionFactory sessionFactory;
    private final MeterRegistry meters;

    public Issuance(Signers signers, SerialRegister serials, Outbox outbox, Mutiny.SessionFactory sessionFactory,
            MeterRegistry meters) {
        this.signers = signers;
        this.serials = serials;
        this.outbox = outbox;
        this.sessionFactory = sessionFactory;
        this.meters = meters;
    }

    /** Issues (or re-publishes) the certificate of the request an {@code APPROVED} event describes. */
    public Uni<Void> onApproved(CloudEvent approved) {
        CsrSnapshot csr = approvedRequest(approved);
        Optional<Signer> signer = signers.find(new SignerId(approved.cluster(), csr.signerName()));
        if (signer.isEmpty()) {
            LOG.debugf("signer %s of cluster %s is not served here: request %s stays approved", csr.signerName(),
                    approved.cluster(), approved.csruid());
            return Uni.createFrom().voidItem();
        }
        CertificateAuthority ca = signer.get().ca();
        return sessionFactory.withSession(session -> session.find(IssuedCertificate.class,
                        new IssuedCertificate.RequestKey(approved.cluster(), approved.csruid())))
                .flatMap(issued -> issued != null
                        ? republish(issued)
                        : issue(approved, csr, signer.get(), ca));
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

    /** A redelivered approval: stage the stored certificate again; the CA key is not touched. */
    private Uni<Void> republish(IssuedCertificate issued) {
        return outbox.inTransaction(session -> outbox.stage(session, SigningResults.signed(issued)))
                .invoke(() -> IssuanceAudit.republished(issued));
    }

    private Uni<Void> issue(CloudEvent approved, CsrSnapshot csr, Signer signer, CertificateAuthority ca) {
        ParsedRequest request;
        try {
            request = signer.admit(csr);
        } catch (RequestRefusedException refused) {
            return refuse(approved, csr, SigningFailedData.SIGNER_VALIDATION_FAILURE, refused.getMessage());
        }
        Set<String> usages = Set.copyOf(csr.usages());
        Validity validity = signer.validity(Instant.now(), csr.expirationSeconds());
        return issueWithFreshSerial(new Issue(approved, csr, signer, ca, request, usages, validity), 1);
    }

    /** Everything one issuance needs once the request has passed the signer's rules. */
    private record Issue(CloudEvent approved, CsrSnapshot csr, Signer signer, CertificateAuthority ca,
            ParsedRequest request, Set<String> usages, Validity validity) {
    }

    private Uni<Void> issueWithFreshSerial(Issue issue, int attempt) {
        BigInteger serial = SerialNumbers.random();
        TBSCertificate tbs = CertificateBuilder.toBeSigned(issue.ca(), issue.signer().policy(), issue.request(),
                issue.usages(), issue.validity(), serial);
        List<LintFinding> findings = PreIssuanceLint.check(tbs, issue.ca().certificate(), issue.signer().policy());
        if (!findings.isEmpty()) {
            findings.forEach(finding -> meters.counter("certpipe.signing.lint.failures", "signer",
                    issue.csr().signerName(), "lint", finding.lint().defect()).increment());
            return refuse(issue.approved(), issue.csr(), findings.get(0).lint().reason(), "pre-issuance lint: "
                    + findings.stream().map(LintFinding::message).collect(Collectors.joining("; ")));
        }
        ToBeSignedData toBeSigned = SigningResults.toBeSigned(issue.csr().signerName(), issue.ca().keyId(), tbs);
        return serials.reserve(serial, issue.ca().keyId(), issue.approved().cluster(), issue.approved().csruid(),
                        SigningResults.toBeSigned(issue.approved(), toBeSigned))
                .flatMap(reservation -> switch (reservation) {
                    case RESERVED -> sign(issue, tbs, toBeSigned);
                    case REQUEST_ABANDONED -> {
                        IssuanceAudit.notSignedAbandoned(issue.approved().cluster(), issue.approved().csruid(),
                                issue.csr().signerName());
                        yield Uni.createFrom().voidItem();
                    }
                    case SERIAL_TAKEN -> attempt >= SerialRegister.MAX_ATTEMPTS
                            ? Uni.createFrom().failure(new IllegalStateException("serial collided " + attempt
                                    + " times for CA key " + issue.ca().keyId()))
                            : issueWithFreshSerial(issue, attempt + 1);
                });
    }

    /**
     * Signs on a worker thread, since a CA key in a network HSM blocks for a round trip, then records the certificate
     * back on the record's Vert.x context, where Hibernate Reactive must run.
     */
    private Uni<Void> sign(Issue issue, TBSCertificate tbs, ToBeSignedData toBeSigned) {
        IssuanceAudit.aboutToSign(issue.approved().cluster(), issue.approved().csruid(), toBeSigned);
        return Uni.createFrom().item(() -> issue.ca().sign(tbs))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .emitOn(VertxContexts.current())
                .chain(certificate -> record(issue, toBeSigned, certificate));
    }

    private Uni<Void> record(Issue issue, ToBeSignedData toBeSigned, X509CertificateHolder certificate) {
        IssuedCertificate issued = new IssuedCertificate();
        issued.request = new IssuedCertificate.RequestKey(issue.approved().cluster(), issue.approved().csruid());
        issued.csrName = issue.approved().subject();
        issued.signerName = issue.csr().signerName();
        issued.caKeyId = issue.ca().keyId();
        issued.serial = toBeSigned.serialNumber();
        issued.certificate = Pem.encode(certificate);
        issued.notBefore = toBeSigned.notBefore();
        issued.notAfter = toBeSigned.notAfter();
        issued.issuedAt = Instant.now();
        IssuanceAudit.signed(issued);
        return outbox.inTransaction(session -> session.persist(issued)
                        .chain(() -> outbox.stage(session, SigningResults.signed(issued))))
                .invoke(() -> meters.counter("certpipe.signing.issued", "signer", issued.signerName).increment());
    }

    private Uni<Void> refuse(CloudEvent approved, CsrSnapshot csr, String reason, String message) {
        return outbox.inTransaction(session -> outbox.stage(session,
                        SigningResults.refused(approved, csr.signerName(), reason, message)))
                .invoke(() -> {
                    IssuanceAudit.refused(approved.cluster(), approved.csruid(), csr.signerName(), reason, message);
                    meters.counter("certpipe.signing.refused", "signer", csr.signerName(), "reason", reason)
                            .increment();
                });
    }
}
