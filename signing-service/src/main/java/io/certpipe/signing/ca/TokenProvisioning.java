package io.certpipe.signing.ca;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509ExtensionUtils;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;

import io.certpipe.common.csr.CertificationRequests;
import io.certpipe.common.csr.InvalidRequestException;
import io.certpipe.common.csr.ParsedRequest;
import io.certpipe.common.csr.Pem;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The local stack's PKI in a PKCS#11 token, for {@code ./certpipe up --hsm}: CAs whose keys are generated inside the
 * token and whose self-signed certificates the token key signs, and the stack's own leaf certificates (the API's
 * serving certificate, each cluster's admin client certificate) issued by those keys, so that no CA private key is
 * ever on disk. The token is the one signing-service uses, configured the same way ({@code certpipe.signing.pkcs11.*},
 * here from the environment and system properties).
 *
 * <p>A CA's key is labelled after its certificate file: {@code <cluster>/<ca>} for {@code .../<cluster>/<ca>/ca.crt}
 * (the label signing-service looks up), the file name without {@code .crt} otherwise ({@code serving-ca}).
 */
public final class TokenProvisioning {

    private static final String USAGE = """
            usage: TokenProvisioning ca CERTIFICATE SUBJECT DAYS
                     a CA in the token, unless it is there: key generated inside the token, self-signed certificate
                     stored with it and written to CERTIFICATE; SUBJECT is its name, RDNs in the order the
                     certificate holds them: "O=certpipe,OU=default,CN=kubernetes.io/kube-apiserver-client CA"
                   TokenProvisioning issue CA_CERTIFICATE DAYS EXTENDED_USAGES [SUBJECT_ALT_NAMES] \
            <request.pem >certificate.pem
                     a leaf certificate for the PKCS#10 request on standard input, signed by the token key of the CA
                     of CA_CERTIFICATE; EXTENDED_USAGES and SUBJECT_ALT_NAMES as openssl writes them:
                     "serverAuth, clientAuth", "IP:127.0.0.1, DNS:localhost"
            """;
    private static final int USAGE_ERROR = 2;
    private static final int FAILURE = 1;
    private static final String CERTIFICATE_SUFFIX = ".crt";
    private static final Map<String, KeyPurposeId> EXTENDED_USAGES = Map.of(
            "serverAuth", KeyPurposeId.id_kp_serverAuth,
            "clientAuth", KeyPurposeId.id_kp_clientAuth);
    private static final X509ExtensionUtils EXTENSION_UTILS = new BcX509ExtensionUtils();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Pkcs11Token token;
    private final PrintStream log;

    TokenProvisioning(Pkcs11Token token, PrintStream log) {
        this.token = token;
        this.log = log;
    }

    public static void main(String[] args) {
        if (args.length < 1 || !(args[0].equals("ca") && args.length == 4
                || args[0].equals("issue") && (args.length == 4 || args.length == 5))) {
            System.err.print(USAGE);
            System.exit(USAGE_ERROR);
        }
        try {
            SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultSources()
                    .withMapping(Pkcs11Config.class).build();
            TokenProvisioning provisioning = new TokenProvisioning(
                    Pkcs11Token.open(Pkcs11Settings.of(config.getConfigMapping(Pkcs11Config.class))), System.err);
            if (args[0].equals("ca")) {
                provisioning.ensureCa(Path.of(args[1]), args[2], days(args[3]));
            } else {
                String request = new String(System.in.readAllBytes(), StandardCharsets.US_ASCII);
                System.out.print(Pem.encode(provisioning.issue(Path.of(args[1]), days(args[2]), args[3],
                        args.length == 5 ? args[4] : "", request)));
            }
        } catch (CaLoadException | IllegalArgumentException | InvalidRequestException e) {
            System.err.println("TokenProvisioning: " + e.getMessage());
            System.exit(FAILURE);
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            System.err.println("TokenProvisioning: " + e);
            System.exit(FAILURE);
        }
    }

    /**
     * Makes sure the token holds the CA of {@code certificateFile} and the file holds its certificate: creates both
     * when neither exists, writes the file from the token when only the key exists.
     *
     * @throws CaLoadException when the file exists without its key in the token (a CA of another token, or of a key
     *         file): the token never adopts a certificate it has no key for
     */
    void ensureCa(Path certificateFile, String subject, Duration lifetime) throws CaLoadException,
            GeneralSecurityException, IOException, OperatorCreationException {
        String label = labelOf(certificateFile);
        Optional<Pkcs11Token.Entry> existing = token.entry(label);
        if (existing.isPresent()) {
            if (Files.exists(certificateFile)) {
                requireSameKey(existing.get(), CaCertificateFile.read(certificateFile), label, certificateFile);
            } else {
                write(certificateFile, existing.get().certificate());
                log.println("wrote " + certificateFile + " from the token's CA \"" + label + "\"");
            }
            return;
        }
        if (Files.exists(certificateFile)) {
            throw new CaLoadException(certificateFile + " exists but " + token + " holds no key labelled \"" + label
                    + "\": that CA's key is elsewhere; remove the certificate to create a new CA in the token");
        }
        KeyPair key = token.generateCaKeyPair();
        X509CertificateHolder certificate = selfSignedCa(key, new X500Name(BCStyle.INSTANCE, subject), lifetime);
        token.store(label, key.getPrivate(), certificate);
        write(certificateFile, certificate);
        log.println("created CA \"" + subject + "\": key generated in the token, labelled \"" + label + "\"");
    }

    /**
     * A leaf certificate for {@code requestPem}, issued by the token key of the CA whose certificate is
     * {@code caCertificateFile}, as the file PKI's openssl profile issues it: digital signature, the extended usages
     * ({@code serverAuth} and/or {@code clientAuth}, comma-separated),
     * the given subject alternative names, never outliving its CA.
     */
    X509CertificateHolder issue(Path caCertificateFile, Duration lifetime, String extendedUsages,
            String subjectAlternativeNames, String requestPem) throws CaLoadException, IOException,
            GeneralSecurityException, OperatorCreationException {
        KeyPurposeId[] purposes = Arrays.stream(extendedUsages.split(","))
                .map(String::strip)
                .map(usage -> {
                    KeyPurposeId purpose = EXTENDED_USAGES.get(usage);
                    if (purpose == null) {
                        throw new IllegalArgumentException("unknown extended usage " + usage + "; one of "
                                + EXTENDED_USAGES.keySet());
                    }
                    return purpose;
                })
                .toArray(KeyPurposeId[]::new);
        GeneralNames alternativeNames = parseAlternativeNames(subjectAlternativeNames);
        X509CertificateHolder caCertificate = CaCertificateFile.read(caCertificateFile);
        String label = labelOf(caCertificateFile);
        Pkcs11Token.Entry ca = token.entry(label).orElseThrow(() -> new CaLoadException(token
                + " holds no key labelled \"" + label + "\" for " + caCertificateFile));
        requireSameKey(ca, caCertificate, label, caCertificateFile);
        ParsedRequest request = CertificationRequests.parsePem(requestPem);
        Instant notBefore = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant notAfter = notBefore.plus(lifetime);
        if (notAfter.isAfter(caCertificate.getNotAfter().toInstant())) {
            notAfter = caCertificate.getNotAfter().toInstant();
        }
        SubjectPublicKeyInfo subjectKey = request.request().getSubjectPublicKeyInfo();
        X509v3CertificateBuilder leaf = new X509v3CertificateBuilder(caCertificate.getSubject(), serial(),
                Date.from(notBefore), Date.from(notAfter), request.subject().name(), subjectKey)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes))
                .addExtension(Extension.subjectKeyIdentifier, false,
                        EXTENSION_UTILS.createSubjectKeyIdentifier(subjectKey))
                .addExtension(Extension.authorityKeyIdentifier, false,
                        EXTENSION_UTILS.createAuthorityKeyIdentifier(caCertificate.getSubjectPublicKeyInfo()));
        if (alternativeNames != null) {
            leaf.addExtension(Extension.subjectAlternativeName, false, alternativeNames);
        }
        return leaf.build(signerFor(ca.key()));
    }

    private X509CertificateHolder selfSignedCa(KeyPair key, X500Name subject, Duration lifetime)
            throws CaLoadException, CertIOException, OperatorCreationException {
        Instant notBefore = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        SubjectPublicKeyInfo publicKey = SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded());
        return new X509v3CertificateBuilder(subject, serial(), Date.from(notBefore),
                Date.from(notBefore.plus(lifetime)), subject, publicKey)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                .addExtension(Extension.subjectKeyIdentifier, false,
                        EXTENSION_UTILS.createSubjectKeyIdentifier(publicKey))
                .build(signerFor(key.getPrivate()));
    }

    private ContentSigner signerFor(PrivateKey key) throws CaLoadException,
            OperatorCreationException {
        return JcaCertificateAuthority.contentSigner(
                JcaCertificateAuthority.signatureAlgorithmFor(key, "the token key"), key, token.provider());
    }

    private void requireSameKey(Pkcs11Token.Entry entry, X509CertificateHolder certificate, String label,
            Path certificateFile) throws CaLoadException {
        if (!entry.certificate().getSubjectPublicKeyInfo().equals(certificate.getSubjectPublicKeyInfo())) {
            throw new CaLoadException("the key labelled \"" + label + "\" in " + token + " belongs to another "
                    + "certificate than " + certificateFile);
        }
    }

    /** The token label of the CA whose certificate is {@code certificateFile}; see the class comment. */
    static String labelOf(Path certificateFile) {
        Path absolute = certificateFile.toAbsolutePath().normalize();
        String name = absolute.getFileName().toString();
        if (name.equals(CaCertificateFile.NAME)) {
            return Pkcs11CertificateAuthority.tokenLabel(absolute.getParent());
        }
        if (!name.endsWith(CERTIFICATE_SUFFIX)) {
            throw new IllegalArgumentException(certificateFile + ": a CA certificate file name ends with "
                    + CERTIFICATE_SUFFIX);
        }
        return name.substring(0, name.length() - CERTIFICATE_SUFFIX.length());
    }

    /** openssl's {@code subjectAltName} syntax, limited to what the local stack uses: DNS names and IP addresses. */
    static GeneralNames parseAlternativeNames(String text) {
        List<GeneralName> names = new ArrayList<>();
        for (String entry : text.split(",")) {
            String name = entry.strip();
            if (name.isEmpty()) {
                continue;
            }
            if (name.startsWith("DNS:")) {
                names.add(new GeneralName(GeneralName.dNSName, name.substring("DNS:".length())));
            } else if (name.startsWith("IP:")) {
                names.add(new GeneralName(GeneralName.iPAddress, name.substring("IP:".length())));
            } else {
                throw new IllegalArgumentException("subject alternative name \"" + name
                        + "\" is neither DNS:<name> nor IP:<address>");
            }
        }
        return names.isEmpty() ? null : new GeneralNames(names.toArray(GeneralName[]::new));
    }

    private static BigInteger serial() {
        // 127 random bits, one more than zero: positive, at most 16 octets, as the issuance path's serials.
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }

    private static Duration days(String text) {
        try {
            return Duration.ofDays(Integer.parseUnsignedInt(text));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("DAYS must be a whole number of days, not \"" + text + "\"");
        }
    }

    private static void write(Path file, X509CertificateHolder certificate) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, file.getFileName().toString(), ".tmp");
        Files.writeString(temporary, Pem.encode(certificate), StandardCharsets.US_ASCII);
        // A certificate is public; the temporary file was created readable by its owner only.
        Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    }
}
