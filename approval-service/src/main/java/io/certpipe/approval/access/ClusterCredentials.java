package io.certpipe.approval.access;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Optional;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import io.certpipe.approval.ApprovalConfig;
import io.certpipe.common.pki.CaLoadException;
import io.certpipe.common.pki.PemPrivateKeys;

/**
 * approval-service's login to one cluster's API: the client certificate and key ./certpipe issued it there, and
 * intake's serving CA as the only trust. Kept in memory only; the key file is read, never written.
 */
final class ClusterCredentials {

    private static final String STEM = "approval-service";
    private static final char[] IN_MEMORY = new char[0];

    private ClusterCredentials() {
    }

    /** {@code cluster}'s credentials are missing or cannot be used; the message says which files and why. */
    static final class UnusableException extends Exception {

        private UnusableException(String message) {
            super(message);
        }
    }

    /**
     * An HTTP client that logs in to {@code cluster}; the caller says what its absence means, since that is not the
     * same for one access question as for all of a cluster's policies.
     */
    static HttpClient clientFor(ApprovalConfig.Intake intake, String cluster) throws UnusableException {
        Path directory = intake.credentials().resolve(cluster);
        Path certificate = directory.resolve(STEM + ".crt");
        Path key = directory.resolve(STEM + ".key");
        if (!Files.isReadable(certificate) || !Files.isReadable(key)) {
            throw new UnusableException("approval-service has no credentials for cluster " + cluster + " ("
                    + certificate + ", " + key + ")");
        }
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keyManagers(PemPrivateKeys.read(key, Optional.empty()), certificates(certificate)),
                    trustManagers(certificates(intake.trustedCa())), null);
            return HttpClient.newBuilder().sslContext(tls).connectTimeout(intake.timeout()).build();
        } catch (IOException | GeneralSecurityException | CaLoadException e) {
            throw new UnusableException("the credentials of approval-service for cluster " + cluster
                    + " cannot be used: " + e);
        }
    }

    private static Certificate[] certificates(Path pem) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in).toArray(Certificate[]::new);
        }
    }

    private static KeyManager[] keyManagers(PrivateKey key, Certificate[] chain)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(STEM, key, IN_MEMORY, chain);
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, IN_MEMORY);
        return factory.getKeyManagers();
    }

    private static TrustManager[] trustManagers(Certificate[] cas)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        for (int i = 0; i < cas.length; i++) {
            store.setCertificateEntry("ca-" + i, cas[i]);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }
}
