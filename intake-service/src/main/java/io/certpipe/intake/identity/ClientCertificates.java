package io.certpipe.intake.identity;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import io.certpipe.common.csr.DistinguishedNames;

/**
 * Kubernetes' x509 authenticator: a verified client certificate names the user in its subject CN and the groups in its
 * O values. A certificate without a CN authenticates nobody.
 */
public final class ClientCertificates {

    private ClientCertificates() {
    }

    public static Optional<UserInfo> userOf(X509Certificate certificate) {
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        List<String> commonNames = DistinguishedNames.values(subject, BCStyle.CN);
        if (commonNames.isEmpty() || commonNames.getLast().isEmpty()) {
            return Optional.empty();
        }
        List<String> groups = new ArrayList<>(DistinguishedNames.values(subject, BCStyle.O));
        groups.add(UserInfo.AUTHENTICATED);
        // Go's pkix.Name keeps the last CN of a subject that has several; so does Kubernetes.
        return Optional.of(new UserInfo(commonNames.getLast(), "", groups, Map.of()));
    }

}
