package io.certpipe.common.csr;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.AlgorithmNameFinder;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcECContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

import io.certpipe.common.pki.Ecdsa;

/**
 * Reads a PEM {@code CERTIFICATE REQUEST} and verifies its self-signature. Intake, approval and signing all call it:
 * each trusts nothing it did not parse itself. The signature is verified where a request enters (intake's admission)
 * and where it is signed (signing-service); in between, a request read from intake's records is read as admitted.
 */
public final class CertificationRequests {

    private static final String CSR_PEM_TYPE = "CERTIFICATE REQUEST";
    private static final String LEGACY_CSR_PEM_TYPE = "NEW CERTIFICATE REQUEST";
    private static final AlgorithmNameFinder ALGORITHM_NAMES = new DefaultAlgorithmNameFinder();
    private static final DefaultDigestAlgorithmIdentifierFinder DIGESTS = new DefaultDigestAlgorithmIdentifierFinder();

    private CertificationRequests() {
    }

    /** Reads a request as it arrives: one PEM block of PKCS#10 whose self-signature verifies. */
    public static ParsedRequest parsePem(String pem) {
        PKCS10CertificationRequest request = readRequest(pem);
        verifySignature(request);
        return describeChecked(request);
    }

    /**
     * Reads a request that was admitted by {@link #parsePem} before, and reached this service from that admission's
     * own records (intake's store, or an event intake signed): everything {@link #parsePem} reads, without paying
     * for the verification of its self-signature again. signing-service, which trusts nothing before it signs, uses
     * {@link #parsePem}.
     */
    public static ParsedRequest parseAdmittedPem(String pem) {
        return describeChecked(readRequest(pem));
    }

    private static PKCS10CertificationRequest readRequest(String pem) {
        PemObject pemObject = readSinglePemBlock(pem);
        String pemType = pemObject.getType();
        if (pemType.contains("PRIVATE KEY")) {
            throw new InvalidRequestException("spec.request holds a PRIVATE KEY, not a certificate request. "
                    + "Never send a private key anywhere: it was refused and not stored. "
                    + "Send the CSR made from it (openssl req -new -key KEY) and keep the key to yourself");
        }
        if (!pemType.equals(CSR_PEM_TYPE) && !pemType.equals(LEGACY_CSR_PEM_TYPE)) {
            throw new InvalidRequestException("spec.request holds a PEM block of type '" + pemType
                    + "'; a CertificateSigningRequest needs a 'CERTIFICATE REQUEST' block");
        }
        try {
            return new PKCS10CertificationRequest(pemObject.getContent());
        } catch (IOException | RuntimeException e) {
            throw new InvalidRequestException("the CERTIFICATE REQUEST block is not valid PKCS#10 DER", e);
        }
    }

    private static ParsedRequest describeChecked(PKCS10CertificationRequest request) {
        try {
            return describe(request);
        } catch (InvalidRequestException invalid) {
            throw invalid;
        } catch (RuntimeException malformedExtensions) {
            throw new InvalidRequestException("the certificate request's extensions are malformed: "
                    + malformedExtensions.getMessage(), malformedExtensions);
        }
    }

    private static PemObject readSinglePemBlock(String pem) {
        try (PemReader reader = new PemReader(new StringReader(pem))) {
            PemObject first = reader.readPemObject();
            if (first == null) {
                throw new InvalidRequestException("spec.request must be PEM ('-----BEGIN CERTIFICATE REQUEST-----')");
            }
            if (reader.readPemObject() != null) {
                throw new InvalidRequestException("spec.request must hold exactly one PEM block");
            }
            return first;
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidRequestException invalid) {
                throw invalid;
            }
            throw new InvalidRequestException("spec.request is not well-formed PEM: " + e.getMessage(), e);
        }
    }

    private static void verifySignature(PKCS10CertificationRequest request) {
        try {
            PublicKey publicKey = new JcaPKCS10CertificationRequest(request).getPublicKey();
            boolean valid = Ecdsa.isEc(publicKey) ? ecdsaSignatureVerifies(request, publicKey)
                    : request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(publicKey));
            if (!valid) {
                throw new InvalidRequestException("the certificate request's signature does not verify "
                        + "with its own public key");
            }
        } catch (OperatorCreationException | PKCSException | java.security.GeneralSecurityException
                | RuntimeException e) {
            if (e instanceof InvalidRequestException invalid) {
                throw invalid;
            }
            throw new InvalidRequestException("cannot verify the certificate request's signature: " + e.getMessage(),
                    e);
        }
    }

    /**
     * Verifies the signature of a request with an EC key through {@link Ecdsa}'s library, Bouncy Castle's lightweight
     * API: several times the JDK's speed at P-256, and one verification where Bouncy Castle's JCA content verifiers
     * make two (a raw verifier beside the digesting one, for the sake of PKCS#11 sessions). The algorithm must be
     * ECDSA, as the key is.
     */
    private static boolean ecdsaSignatureVerifies(PKCS10CertificationRequest request, PublicKey publicKey)
            throws OperatorCreationException, PKCSException {
        String algorithm = ALGORITHM_NAMES.getAlgorithmName(request.getSignatureAlgorithm());
        if (!algorithm.toUpperCase(Locale.ROOT).endsWith("WITHECDSA")) {
            throw new InvalidRequestException("the certificate request has an EC public key but is signed with "
                    + algorithm + ", not ECDSA");
        }
        return request.isSignatureValid(new BcECContentVerifierProviderBuilder(DIGESTS)
                .build(Ecdsa.publicKey(publicKey)));
    }

    private static ParsedRequest describe(PKCS10CertificationRequest request) {
        SubjectName subject;
        try {
            subject = SubjectName.read(request.getSubject());
        } catch (AmbiguousSubjectException ambiguous) {
            throw new InvalidRequestException(ambiguous.getMessage(), ambiguous);
        }
        List<String> dns = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        List<String> uris = new ArrayList<>();
        for (GeneralName name : requestedAlternativeNames(request)) {
            switch (name.getTagNo()) {
                case GeneralName.dNSName -> dns.add(DERIA5String.getInstance(name.getName()).getString());
                case GeneralName.rfc822Name -> emails.add(DERIA5String.getInstance(name.getName()).getString());
                case GeneralName.uniformResourceIdentifier ->
                        uris.add(DERIA5String.getInstance(name.getName()).getString());
                case GeneralName.iPAddress -> ips.add(ipAddressText(name));
                default -> throw new InvalidRequestException("unsupported subject alternative name type "
                        + name.getTagNo());
            }
        }
        try {
            PublicKey publicKey = new JcaPKCS10CertificationRequest(request).getPublicKey();
            return new ParsedRequest(request, publicKey, subject, dns, ips, emails, uris);
        } catch (java.security.GeneralSecurityException e) {
            throw new InvalidRequestException("unsupported public key: " + e.getMessage(), e);
        }
    }

    private static List<GeneralName> requestedAlternativeNames(PKCS10CertificationRequest request) {
        GeneralNames sans = GeneralNames.fromExtensions(requestedExtensions(request), Extension.subjectAlternativeName);
        return sans == null ? List.of() : Arrays.asList(sans.getNames());
    }

    /**
     * The extensions {@code request} asks for, from every PKCS#9 extensionRequest attribute together; null when it
     * asks for none (as Bouncy Castle's own accessors, whose static helpers accept null).
     *
     * @throws IllegalArgumentException when the attributes are malformed or name one extension twice
     */
    static Extensions requestedExtensions(PKCS10CertificationRequest request) {
        List<Extension> requested = new ArrayList<>();
        for (var attribute : request.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
            for (var value : attribute.getAttributeValues()) {
                Extensions extensions = Extensions.getInstance(value);
                for (var oid : extensions.getExtensionOIDs()) {
                    requested.add(extensions.getExtension(oid));
                }
            }
        }
        return requested.isEmpty() ? null : new Extensions(requested.toArray(Extension[]::new));
    }

    private static String ipAddressText(GeneralName name) {
        byte[] octets = ASN1OctetString.getInstance(name.getName()).getOctets();
        try {
            return InetAddress.getByAddress(octets).getHostAddress();
        } catch (UnknownHostException e) {
            throw new InvalidRequestException("malformed IP address in subject alternative names", e);
        }
    }
}
