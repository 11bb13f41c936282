package io.certpipe.signing.issue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.x509.TBSCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.certpipe.common.csr.CertificationRequests;
import io.certpipe.common.csr.ParsedRequest;
import io.certpipe.common.csr.TestPki;
import io.certpipe.common.pki.SoftHsm;
import io.certpipe.common.signer.KubernetesSigners;
import io.certpipe.common.signer.SignerPolicy;
import io.certpipe.signing.ca.CertificateAuthority;
import io.certpipe.signing.ca.SignerId;
import io.certpipe.signing.ca.TokenCas;
import io.certpipe.signing.lint.PreIssuanceLint;
import io.certpipe.signing.signer.Validity;

/** The issuance path is the same whatever holds the CA key: profile, lint, then a signature made in the token. */
class TokenCaIssuanceTest {

    private static final SignerPolicy SERVING = KubernetesSigners.kubeletServing(Duration.ofDays(365));

    @TempDir
    Path caRoot;

    @Test
    void issuesALintCleanCertificateSignedInTheToken() throws Exception {
        CertificateAuthority ca = TokenCas.tokenCa(caRoot,
                new SignerId(SoftHsm.uniqueCluster(), "kubernetes.io/kubelet-serving"));
        ParsedRequest request = CertificationRequests.parsePem(TestPki.csr("O=system:nodes,CN=system:node:worker-1")
                .dns("worker-1.example.com").ip("10.0.0.7").pem());
        Validity validity = Validity.of(Instant.now(), Duration.ofDays(1), ca.certificate().getNotBefore().toInstant(),
                ca.certificate().getNotAfter().toInstant());

        TBSCertificate tbs = CertificateBuilder.toBeSigned(ca, SERVING, request,
                Set.of("digital signature", "server auth"), validity, SerialNumbers.random());

        assertEquals(List.of(), PreIssuanceLint.check(tbs, ca.certificate(), SERVING));
        X509Certificate issued = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(ca.sign(tbs).getEncoded()));
        issued.verify(CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(ca.certificate().getEncoded())).getPublicKey());
        assertEquals("SHA256withECDSA", issued.getSigAlgName());
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), issued.getExtendedKeyUsage());
    }
}
