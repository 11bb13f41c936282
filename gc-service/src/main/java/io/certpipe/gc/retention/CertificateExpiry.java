package io.certpipe.gc.retention;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;

import org.jboss.logging.Logger;

/** Reads when the certificate of an issued request stops being valid. */
public final class CertificateExpiry {

    private static final Logger LOG = Logger.getLogger(CertificateExpiry.class);

    private CertificateExpiry() {
    }

    /**
     * The earliest {@code notAfter} in the PEM chain: like Kubernetes' {@code isIssuedExpired}, the request is expired
     * as soon as any certificate in it is. Empty when the PEM holds no readable certificate.
     */
    public static Optional<Instant> earliestNotAfter(String pem) {
        try {
            var certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            return certificates.stream()
                    .map(certificate -> ((X509Certificate) certificate).getNotAfter().toInstant())
                    .min(Instant::compareTo);
        } catch (CertificateException | RuntimeException e) {
            LOG.warnf("cannot read the certificate of an issued request, its expiry is not tracked: %s", e.toString());
            return Optional.empty();
        }
    }
}
