package io.certpipe.signing.profile;

import java.util.List;

import io.certpipe.common.csr.ParsedRequest;
import io.certpipe.common.csr.KubernetesIdentities;

/**
 * Both kubelet signers: the subject is a node, {@code O=system:nodes} and nothing else, and
 * {@code CN=system:node:<name>}.
 */
final class KubeletSubjectRule {


    private KubeletSubjectRule() {
    }

    static void check(ParsedRequest request, String signerName) {
        if (!request.organizations().equals(List.of(KubernetesIdentities.NODES_GROUP))) {
            throw new SignerRuleViolation("organization must be exactly \"" + KubernetesIdentities.NODES_GROUP + "\" for " + signerName
                    + ", not " + request.organizations());
        }
        if (!request.commonName().startsWith(KubernetesIdentities.NODE_USER_PREFIX)
                || request.commonName().length() == KubernetesIdentities.NODE_USER_PREFIX.length()) {
            throw new SignerRuleViolation("common name must be \"" + KubernetesIdentities.NODE_USER_PREFIX + "<node name>\" for "
                    + signerName + ", not \"" + request.commonName() + "\"");
        }
    }
}
