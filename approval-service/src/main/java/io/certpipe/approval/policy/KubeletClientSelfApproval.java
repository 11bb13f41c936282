package io.certpipe.approval.policy;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.certpipe.common.csr.KeyUsages;
import io.certpipe.common.csr.SignerNames;
import io.certpipe.common.event.DecisionData;
import io.certpipe.common.csr.KubernetesIdentities;

/**
 * Kubernetes' built-in approval of a kubelet's own client certificate ({@code isSelfNodeClientCert} in
 * {@code pkg/controller/certificates/approver/sarapprove.go}): signer {@code kube-apiserver-client-kubelet}, subject
 * O exactly {@code system:nodes}, CN {@code system:node:<name>} equal to the user who asked, no subject alternative
 * names, and the kubelet client usages. The subject is read once ({@code SubjectName}): its one CN is the user the
 * certificate will log in as, and a subject with two never reaches this policy. Anything else gets no opinion.
 */
public class KubeletClientSelfApproval implements ApprovalPolicy {

    public static final String NAME = "kubelet-client-self-approval";
    public static final String MESSAGE = "Auto approving self kubelet client certificate after SubjectAccessReview.";


    /** Kubernetes accepts exactly one of these usage sets (key encipherment only matters to RSA keys). */
    private static final Set<String> REQUIRED_USAGES = Set.of(KeyUsages.DIGITAL_SIGNATURE, KeyUsages.CLIENT_AUTH);
    private static final Set<String> ALLOWED_USAGES = Set.of(KeyUsages.DIGITAL_SIGNATURE, KeyUsages.KEY_ENCIPHERMENT,
            KeyUsages.CLIENT_AUTH);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<DecisionData> evaluate(CandidateRequest request) {
        if (isSelfNodeClientCertificate(request)) {
            return Optional.of(autoApprove(MESSAGE));
        }
        return Optional.empty();
    }

    static boolean isSelfNodeClientCertificate(CandidateRequest request) {
        return isNodeClientCertificate(request)
                && request.parsed().subject().commonName().equals(request.csr().username());
    }

    static boolean isNodeClientCertificate(CandidateRequest request) {
        var parsed = request.parsed();
        return SignerNames.KUBE_APISERVER_CLIENT_KUBELET.equals(request.csr().signerName())
                && parsed.subject().organizations().equals(List.of(KubernetesIdentities.NODES_GROUP))
                && parsed.subject().commonName().startsWith(KubernetesIdentities.NODE_USER_PREFIX)
                && !parsed.hasSubjectAlternativeNames()
                && hasKubeletClientUsages(request.csr().usages());
    }

    private static boolean hasKubeletClientUsages(List<String> usages) {
        Set<String> requested = new HashSet<>(usages);
        return ALLOWED_USAGES.containsAll(requested) && requested.containsAll(REQUIRED_USAGES);
    }
}
