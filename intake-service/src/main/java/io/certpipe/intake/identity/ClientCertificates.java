package io.certpipe.intake.identity;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bouncycastle.asn1.x500.X500Name;
import org.jboss.logging.Logger;

import io.certpipe.common.csr.AmbiguousSubjectException;
import io.certpipe.common.csr.SubjectName;

/**
 * Kubernetes' x509 authenticator: a verified client certificate names the user in its subject CN and the groups in its
 * O values, read as every certpipe service reads a subject ({@link SubjectName}). A certificate without a CN, or whose
 * subject reads more than one way (two CNs, a CN or O in a multi-valued RDN), authenticates nobody: the CN a signer
 * judged must be the user who logs in.
 */
public final class ClientCertificates {

    private static final Logger LOG = Logger.getLogger(ClientCertificates.class);

    private ClientCertificates() {
    }

    public static Optional<UserInfo> userOf(X509Certificate certificate) {
        SubjectName subject;
        try {
            subject = SubjectName.read(X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()));
        } catch (AmbiguousSubjectException ambiguous) {
            // A trusted CA signed a subject certpipe refuses to issue: worth an operator's look.
            LOG.warnf("refused the client certificate serial %x from %s: %s", certificate.getSerialNumber(),
                    certificate.getIssuerX500Principal().getName(), ambiguous.getMessage());
            return Optional.empty();
        }
        if (subject.commonName().isEmpty()) {
            return Optional.empty();
        }
        List<String> groups = new ArrayList<>(subject.organizations());
        groups.add(UserInfo.AUTHENTICATED);
        return Optional.of(new UserInfo(subject.commonName(), "", groups, Map.of()));
    }
}
