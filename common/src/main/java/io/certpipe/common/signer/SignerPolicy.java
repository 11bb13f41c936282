package io.certpipe.common.signer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;

import io.certpipe.common.csr.KeyUsages;
import io.certpipe.common.csr.ParsedRequest;

/**
 * What one signer accepts and issues, declared as data: Kubernetes' built-in signers are values of it
 * ({@link KubernetesSigners}), operators declare their own in signing-service's signers file, and signing-service
 * publishes each on {@code certpipe.signing.signers.v1}. {@link #check} is the one judgement of a request against it:
 * signing-service refuses what it finds, intake warns about it at create time.
 *
 * <p>The certificate's content is the profile's, never the request's: subject and alternative names are copied once
 * the rules allow them, key usages come from {@code spec.usages}, validity from {@link #lifetime}, the CA bit from
 * {@link #intermediateCa}. Of the other extensions a request asks for, only those listed in
 * {@link #honouredExtensions} (by OID) are copied; the rest are dropped.
 */
public record SignerPolicy(
        SubjectRules subject,
        AlternativeNameRules subjectAlternativeNames,
        UsageRules usages,
        Lifetime lifetime,
        IntermediateCa intermediateCa,
        List<String> honouredExtensions) {

    /** Extensions the profile itself writes; a request can never supply them. */
    public static final Set<ASN1ObjectIdentifier> PROFILE_EXTENSIONS = Set.of(Extension.basicConstraints,
            Extension.keyUsage, Extension.extendedKeyUsage, Extension.subjectAlternativeName,
            Extension.subjectKeyIdentifier, Extension.authorityKeyIdentifier);

    private static final Set<String> CA_USAGES = Set.of(KeyUsages.CERT_SIGN, KeyUsages.CRL_SIGN);

    public SignerPolicy {
        subject = subject == null ? SubjectRules.ANY : subject;
        subjectAlternativeNames = subjectAlternativeNames == null ? AlternativeNameRules.NONE
                : subjectAlternativeNames;
        usages = usages == null ? new UsageRules(List.of(), List.of()) : usages;
        honouredExtensions = honouredExtensions == null ? List.of() : List.copyOf(honouredExtensions);
    }

    /**
     * Every rule of this signer that {@code request} with {@code usages} breaks; empty when the signer will issue it.
     * The key is judged separately, by {@link KeyPolicy}.
     */
    public List<Violation> check(ParsedRequest request, Collection<String> usages) {
        List<Violation> violations = new ArrayList<>();
        subject.check(request.subject(), violations);
        subjectAlternativeNames.check(request, violations);
        this.usages.check(usages, violations);
        if (intermediateCa == null && asksToBeACa(request)) {
            violations.add(new Violation(Violation.Reason.CA_NOT_PERMITTED, "the request asks to be a CA "
                    + "(basicConstraints CA:TRUE); this signer issues leaf certificates only"));
        }
        return List.copyOf(violations);
    }

    /** Whether this profile issues subordinate CA certificates (derived, so never serialised). */
    @JsonIgnore
    public boolean issuesCaCertificates() {
        return intermediateCa != null;
    }

    /** Whether a requested extension with this OID is copied into the certificate. */
    public boolean honours(ASN1ObjectIdentifier extension) {
        return honouredExtensions.contains(extension.getId());
    }

    /** What is wrong with this policy as configuration; empty when it is usable. */
    @JsonIgnore
    public List<String> problems() {
        List<String> problems = new ArrayList<>(subject.problems());
        problems.addAll(subjectAlternativeNames.problems());
        problems.addAll(usages.problems());
        problems.addAll(lifetime == null ? List.of("lifetime: required") : lifetime.problems());
        if (intermediateCa == null) {
            usages.allowed().stream().filter(CA_USAGES::contains).forEach(usage -> problems.add("usages.allowed: \""
                    + usage + "\" belongs to CA certificates; declare intermediateCa to issue them"));
        } else {
            if (intermediateCa.pathLength() < 0) {
                problems.add("intermediateCa.pathLength: must be 0 or more");
            }
            if (!usages.required().contains(KeyUsages.CERT_SIGN)) {
                problems.add("usages.required: an intermediate-CA profile must require \"cert sign\"");
            }
        }
        for (String oid : honouredExtensions) {
            ASN1ObjectIdentifier extension = ASN1ObjectIdentifier.tryFromID(oid);
            if (extension == null) {
                problems.add("honouredExtensions: \"" + oid + "\" is not an object identifier");
            } else if (PROFILE_EXTENSIONS.contains(extension)) {
                problems.add("honouredExtensions: " + oid + " is written by the profile and cannot be requested");
            }
        }
        return problems;
    }

    private static boolean asksToBeACa(ParsedRequest request) {
        BasicConstraints constraints = BasicConstraints.fromExtensions(request.requestedExtensions());
        return constraints != null && constraints.isCA();
    }
}
