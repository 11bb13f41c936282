package io.certpipe.signing.signer;

import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

import io.certpipe.common.csr.CertificationRequests;
import io.certpipe.common.csr.InvalidRequestException;
import io.certpipe.common.csr.ParsedRequest;
import io.certpipe.common.csr.Pem;
import io.certpipe.common.event.Actor;
import io.certpipe.common.event.CsrSnapshot;
import io.certpipe.common.event.SignerData;
import io.certpipe.common.signer.ApprovalRules;
import io.certpipe.common.signer.KeyMode;
import io.certpipe.common.signer.KeyPolicy;
import io.certpipe.common.signer.Lifetime;
import io.certpipe.common.signer.SignerPolicy;
import io.certpipe.common.signer.Violation;
import io.certpipe.signing.ca.CaUnavailableException;
import io.certpipe.signing.ca.CertificateAuthority;
import io.certpipe.signing.ca.KeyCheck;
import io.certpipe.signing.ca.SignerId;

/**
 * One signer of one cluster as this process serves it: its policy, the CA that signs for it (or why that CA could
 * not be loaded), and its trust bundle, the CA certificates that verify what it issues.
 */
public final class Signer {

    private final SignerId id;
    private final SignerPolicy policy;
    private final ApprovalRules approval;
    private final KeyMode keyMode;
    private final CertificateAuthority ca;
    private final String caUnavailableBecause;
    private final List<X509CertificateHolder> trustBundle;
    private final List<PublicKey> caKeys;

    private Signer(SignerId id, SignerPolicy policy, ApprovalRules approval, KeyMode keyMode,
            CertificateAuthority ca, String caUnavailableBecause, List<X509CertificateHolder> trustBundle) {
        this.id = id;
        this.policy = policy;
        this.approval = approval;
        this.keyMode = keyMode;
        this.ca = ca;
        this.caUnavailableBecause = caUnavailableBecause;
        this.trustBundle = List.copyOf(trustBundle);
        this.caKeys = this.trustBundle.stream().map(Signer::publicKey).toList();
    }

    /** A signer whose CA works; {@code alsoTrusted} are the certificates of CAs it publishes beside its own. */
    static Signer served(SignerId id, SignerPolicy policy, ApprovalRules approval, CertificateAuthority ca,
            Collection<X509CertificateHolder> alsoTrusted) {
        List<X509CertificateHolder> bundle = new ArrayList<>();
        bundle.add(ca.certificate());
        bundle.addAll(alsoTrusted);
        return new Signer(id, policy, approval, ca.mode(), ca, null, bundle);
    }

    /** A signer whose CA could not be loaded: it is published and reported, and its requests wait. */
    static Signer withoutCa(SignerId id, SignerPolicy policy, ApprovalRules approval, KeyMode keyMode,
            String problem, Collection<X509CertificateHolder> alsoTrusted) {
        return new Signer(id, policy, approval, keyMode, null, problem, List.copyOf(alsoTrusted));
    }

    public SignerId id() {
        return id;
    }

    public SignerPolicy policy() {
        return policy;
    }

    /**
     * The CA that signs for this signer.
     *
     * @throws CaUnavailableException when it could not be loaded (transient: the approval is retried, within the
     *         consumers' retry bound)
     */
    public CertificateAuthority ca() {
        if (ca == null) {
            throw new CaUnavailableException(id, caUnavailableBecause);
        }
        return ca;
    }

    /**
     * The PKCS#10 of {@code csr}, parsed and verified again here (an approval upstream vouches for nothing), once it
     * passes every rule of this signer, its separation of duties included: a person's approval of a request that
     * needs several approvers counts only with as many distinct approvers recorded, the requester not among them
     * where the signer forbids it. An approval policy approves alone (docs/approval.md).
     *
     * @param approver who approved the request ({@code approved} event's actor)
     * @throws RequestRefusedException when the request is unusable or breaks a rule, saying why
     */
    public ParsedRequest admit(CsrSnapshot csr, Actor approver) {
        requireApprovers(csr, approver);
        if (csr.expirationSeconds() != null && csr.expirationSeconds() < Lifetime.MINIMUM.toSeconds()) {
            throw new RequestRefusedException("expirationSeconds " + csr.expirationSeconds()
                    + " is below the minimum of " + Lifetime.MINIMUM.toSeconds() + " seconds");
        }
        ParsedRequest request;
        try {
            request = CertificationRequests.parsePem(csr.request());
        } catch (InvalidRequestException e) {
            throw new RequestRefusedException(e.getMessage());
        }
        List<Violation> violations = check(request, csr.usages());
        if (!violations.isEmpty()) {
            throw new RequestRefusedException(csr.signerName() + " refuses this request: " + violations.stream()
                    .map(Violation::message).collect(Collectors.joining("; ")));
        }
        return request;
    }

    private void requireApprovers(CsrSnapshot csr, Actor approver) {
        if (approver.kind() == Actor.Kind.policy || approval.approvers() == 1) {
            return;
        }
        if (csr.approvers().size() < approval.approvers()) {
            throw new RequestRefusedException(csr.signerName() + " needs " + approval.approvers()
                    + " distinct approvers, and the request records " + csr.approvers().size() + " " + csr.approvers());
        }
        if (!approval.requesterMayApprove() && csr.approvers().contains(csr.username())) {
            throw new RequestRefusedException(csr.signerName() + " does not let the requester " + csr.username()
                    + " approve their own request, and they are among its approvers " + csr.approvers());
        }
    }

    /**
     * Every rule {@code request} breaks: the signer's policy, and the key policy with this signer's CA keys (a request
     * must not carry one of them).
     */
    public List<Violation> check(ParsedRequest request, Collection<String> usages) {
        List<Violation> violations = new ArrayList<>(KeyPolicy.check(request, caKeys));
        violations.addAll(policy.check(request, usages));
        return violations;
    }

    /** The validity a certificate signed at {@code signingTime} gets, for the requested {@code expirationSeconds}. */
    public Validity validity(Instant signingTime, Integer expirationSeconds) {
        X509CertificateHolder caCertificate = ca().certificate();
        return Validity.of(signingTime, policy.lifetime().grantedFor(expirationSeconds),
                caCertificate.getNotBefore().toInstant(), caCertificate.getNotAfter().toInstant());
    }

    /** What is published about this signer now, including whether its CA key signs at this moment. */
    public SignerData describe(Actor actor) {
        Optional<String> problem = ca == null ? Optional.of(caUnavailableBecause) : KeyCheck.problemWith(ca);
        String bundle = trustBundle.stream().map(Pem::encode).collect(Collectors.joining());
        return new SignerData(actor, id.cluster(), id.signerName(), policy, bundle, keyMode, problem.isEmpty(),
                problem.orElse(null), approval);
    }

    private static PublicKey publicKey(X509CertificateHolder certificate) {
        try {
            return new JcaPEMKeyConverter().getPublicKey(certificate.getSubjectPublicKeyInfo());
        } catch (PEMException e) {
            throw new IllegalStateException("the CA certificate of " + certificate.getSubject()
                    + " holds a public key the JDK cannot read", e);
        }
    }

    @Override
    public String toString() {
        return "Signer[" + id + "]";
    }
}
