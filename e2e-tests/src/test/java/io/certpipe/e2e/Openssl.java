package io.certpipe.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * The real {@code openssl}: keys and PKCS#10 requests as a user makes them, certificates as anyone holding a CA key can
 * sign them, and inspection of what certpipe issued.
 */
final class Openssl {

    /** The extensions of a client certificate, as the launcher's own PKI writes them. */
    private static final String CLIENT_EXTENSIONS = """
            basicConstraints = critical, CA:FALSE
            keyUsage = critical, digitalSignature
            extendedKeyUsage = clientAuth
            """;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Openssl() {
    }

    /** A new EC P-256 private key in {@code key}. */
    static Path newKey(Path key) {
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key.toString());
        return key;
    }

    /** A PKCS#10 request for {@code key} with subject {@code subject} (e.g. {@code /CN=alice/O=dev-team}), PEM. */
    static String newRequest(Path key, String subject) {
        return openssl("req", "-new", "-key", key.toString(), "-subj", subject).stdout();
    }

    /** A request as {@link #newRequest(Path, String)} makes it, asking for the DNS subject alternative names given. */
    static String newRequest(Path key, String subject, List<String> dnsNames) {
        return newRequestWithAlternativeNames(key, subject, dnsNames.stream().map(dnsName -> "DNS:" + dnsName)
                .toList());
    }

    /** A request asking for {@code alternativeNames} as openssl writes them: {@code DNS:n1}, {@code IP:10.0.0.5}. */
    static String newRequestWithAlternativeNames(Path key, String subject, List<String> alternativeNames) {
        return openssl("req", "-new", "-key", key.toString(), "-subj", subject, "-addext",
                "subjectAltName=" + String.join(",", alternativeNames)).stdout();
    }

    /** A fresh key in {@code directory} and a request for it. */
    static KeyAndRequest newKeyAndRequest(Path directory, String fileStem, String subject) {
        Path key = newKey(directory.resolve(fileStem + ".key"));
        return new KeyAndRequest(key, newRequest(key, subject));
    }

    record KeyAndRequest(Path key, String requestPem) {
    }

    /**
     * {@code openssl x509 -req}: a one-day client certificate for {@code requestPem}, its subject copied unchanged,
     * signed with {@code caKey} as the CA of {@code caCertificate}, bypassing every rule of certpipe's signers. PEM.
     */
    static String signClientCertificate(Path directory, Path caCertificate, Path caKey, String requestPem) {
        try {
            Path request = Files.writeString(Files.createTempFile(directory, "request", ".pem"), requestPem);
            Path extensions = Files.writeString(Files.createTempFile(directory, "client", ".ext"), CLIENT_EXTENSIONS);
            byte[] serial = new byte[16];
            RANDOM.nextBytes(serial);
            return openssl("x509", "-req", "-in", request.toString(), "-CA", caCertificate.toString(), "-CAkey",
                    caKey.toString(), "-set_serial", "0x" + HexFormat.of().formatHex(serial), "-days", "1",
                    "-extfile", extensions.toString()).stdout();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code openssl verify -CAfile ca certificate}; the result tells whether the chain verified. */
    static Command.Result verify(Path caCertificate, Path certificate) {
        return Command.run(List.of("openssl", "verify", "-CAfile", caCertificate.toString(), certificate.toString()));
    }

    /** {@code openssl x509 -text}: the certificate as a person reads it. */
    static String text(Path certificate) {
        return openssl("x509", "-in", certificate.toString(), "-noout", "-text").stdout();
    }

    /**
     * {@code openssl req -verify}: whether a PEM request's self-signature verifies. OpenSSL 3.0 exits 0 either way,
     * so the verdict is read from what it prints.
     */
    static boolean requestSignatureVerifies(Path directory, String requestPem) {
        try {
            Path pem = Files.writeString(Files.createTempFile(directory, "request", ".pem"), requestPem);
            Command.Result result = openssl("req", "-in", pem.toString(), "-noout", "-verify");
            return (result.stdout() + result.stderr()).contains("verify OK");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The DER bytes of a PEM request, through {@code openssl req -outform DER}. */
    static byte[] requestDer(Path directory, String requestPem) {
        try {
            Path pem = Files.writeString(Files.createTempFile(directory, "request", ".pem"), requestPem);
            Path der = directory.resolve(pem.getFileName() + ".der");
            openssl("req", "-in", pem.toString(), "-outform", "DER", "-out", der.toString());
            return Files.readAllBytes(der);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Command.Result openssl(String... args) {
        List<String> argv = new java.util.ArrayList<>();
        argv.add("openssl");
        argv.addAll(List.of(args));
        return Command.run(argv).requireSuccess("openssl " + args[0]);
    }
}
