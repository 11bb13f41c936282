package io.certpipe.signing.issue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.certpipe.common.csr.CertificationRequests;
import io.certpipe.common.csr.Pem;
import io.certpipe.common.csr.InvalidRequestException;
import io.certpipe.common.csr.ParsedRequest;
import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.event.CsrCondition;
import io.certpipe.common.event.CsrSnapshot;
import io.certpipe.common.event.LifecycleData;
import io.certpipe.common.event.MalformedEventException;
import io.certpipe.common.outbox.Outbox;
import io.certpipe.signing.SigningConfig;
import io.certpipe.signing.ca.CertificateAuthorities;
import io.certpipe.signing.ca.CertificateAuthority;
import io.certpipe.signing.ca.SignerId;
import io.certpipe.signing.profile.SignerProfile;
import io.certpipe.signing.profile.SignerProfiles;
import io.certpipe.signing.profile.SignerRuleViolation;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import org.bouncycastle.cert.X509CertificateHolder;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Answers an approved request, trusting nothing upstream (boulder's {@code ca.IssueCertificate}): re-parse and verify
 * the PKCS#10, apply the signer's rules, reserve the serial, sign, then store the certificate and stage {@code SIGNED}
 * in one transaction. A rule violation is terminal ({@code SIGNING_FAILED}); anything else propagates and is retried.
 */
@ApplicationScoped
public class Issuance {

    /** Kubernetes' floor for {@code spec.expirationSeconds}; intake enforces it too, the CA trusts nobody. */
    private static final int MIN_EXPIRATION_SECONDS = 600;
    private static final Logger LOG = Logger.getLogger(Issuance.class);

    private final CertificateAuthorities authorities;
    private final SignerProfiles profiles;
    private final SerialRegister serials;
    private final Outbox outbox;
    private final Mutiny.SessionFactory sessionFactory;
    private final SigningConfig config;
    private final MeterRegistry meters;

    public Issuance(CertificateAuthorities authorities, SignerProfiles profiles, SerialRegister serials, Outbox outbox,
            Mutiny.SessionFactory sessionFactory, SigningConfig config, MeterRegistry meters) {
        this.authorities = authorities;
        this.profiles = profiles;
        this.serials = serials;
        this.outbox = outbox;
        this.sessionFactory = sessionFactory;
        this.config = config;
        this.meters = meters;
    }

    /** Issues (or re-publishes) the certificate of the request an {@code APPROVED} event describes. */
    public Uni<Void> onApproved(CloudEvent approved) {
        CsrSnapshot csr = approvedRequest(approved);
        Optional<SignerProfile> profile = profiles.find(csr.signerName());
        Optional<CertificateAuthority> ca = profile.isEmpty() ? Optional.empty()
                : authorities.serving(new SignerId(approved.cluster(), csr.signerName()));
        if (profile.isEmpty() || ca.isEmpty()) {
            LOG.debugf("signer %s of cluster %s is not served here: request %s stays approved", csr.signerName(),
                    approved.cluster(), approved.csruid());
            return Uni.createFrom().voidItem();
        }
        return sessionFactory.withSession(session -> session.find(IssuedCertificate.class,
                        new IssuedCertificate.RequestKey(approved.cluster(), approved.csruid())))
                .flatMap(issued -> issued != null
                        ? republish(issued)
                        : issue(approved, csr, profile.get(), ca.get()));
    }

    private static CsrSnapshot approvedRequest(CloudEvent approved) {
        if (!(approved.data() instanceof LifecycleData data) || data.csr() == null || data.csr().request() == null
                || data.csr().signerName() == null) {
            throw new MalformedEventException("approved event " + approved.id() + " carries no request");
        }
        if (!Objects.equals(data.csr().uid(), approved.csruid())
                || !Objects.equals(data.csr().cluster(), approved.cluster())) {
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

    private Uni<Void> issue(CloudEvent approved, CsrSnapshot csr, SignerProfile profile, CertificateAuthority ca) {
        ParsedRequest request;
        Set<String> usages = Set.copyOf(csr.usages());
        if (csr.expirationSeconds() != null && csr.expirationSeconds() < MIN_EXPIRATION_SECONDS) {
            return refuse(approved, csr.signerName(), "expirationSeconds " + csr.expirationSeconds()
                    + " is below the minimum of " + MIN_EXPIRATION_SECONDS + " seconds");
        }
        try {
            request = CertificationRequests.parsePem(csr.request());
            profile.check(request, usages);
        } catch (InvalidRequestException | SignerRuleViolation e) {
            return refuse(approved, csr.signerName(), e.getMessage());
        }
        Validity validity = Validity.of(Instant.now(), csr.expirationSeconds(), config.maxLifetime(),
                ca.certificate().getNotAfter().toInstant());
        return serials.reserve(ca.keyId(), approved.cluster(), approved.csruid())
                .map(serial -> sign(approved, csr, ca, request, usages, validity, serial))
                .flatMap(issued -> outbox.inTransaction(session -> session.persist(issued)
                                .chain(() -> outbox.stage(session, SigningResults.signed(issued))))
                        .invoke(() -> meters.counter("certpipe.signing.issued", "signer", issued.signerName)
                                .increment()));
    }

    private static IssuedCertificate sign(CloudEvent approved, CsrSnapshot csr, CertificateAuthority ca,
            ParsedRequest request, Set<String> usages, Validity validity, BigInteger serial) {
        IssuanceAudit.aboutToSign(approved.cluster(), approved.csruid(), serial, csr.signerName(), ca.keyId(),
                validity);
        X509CertificateHolder certificate = CertificateBuilder.sign(ca, request, usages, validity, serial);
        IssuedCertificate issued = new IssuedCertificate();
        issued.request = new IssuedCertificate.RequestKey(approved.cluster(), approved.csruid());
        issued.csrName = approved.subject();
        issued.signerName = csr.signerName();
        issued.caKeyId = ca.keyId();
        issued.serial = SerialNumbers.hex(serial);
        issued.certificate = pem(certificate);
        issued.notBefore = validity.notBefore();
        issued.notAfter = validity.notAfter();
        issued.issuedAt = Instant.now();
        IssuanceAudit.signed(issued);
        return issued;
    }

    private Uni<Void> refuse(CloudEvent approved, String signerName, String message) {
        return outbox.inTransaction(session -> outbox.stage(session,
                        SigningResults.refused(approved, signerName, message)))
                .invoke(() -> {
                    IssuanceAudit.refused(approved.cluster(), approved.csruid(), signerName, message);
                    meters.counter("certpipe.signing.refused", "signer", signerName).increment();
                });
    }

    private static String pem(X509CertificateHolder certificate) {
        try {
            return Pem.encode(Pem.CERTIFICATE, certificate.getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the certificate as PEM", e);
        }
    }
}
