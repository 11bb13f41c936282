package io.certpipe.signing.profile;

import java.util.List;

import io.certpipe.common.csr.ParsedRequest;

/**
 * Both kubelet signers: the subject is a node, {@code O=system:nodes} and nothing else, and
 * {@code CN=system:node:<name>}.
 */
final class KubeletSubjectRule {

    static final String NODES_GROUP = "system:nodes";
    static final String NODE_USER_PREFIX = "system:node:";

    private KubeletSubjectRule() {
    }

    static void check(ParsedRequest request, String signerName) {
        if (!request.organizations().equals(List.of(NODES_GROUP))) {
            throw new SignerRuleViolation("organization must be exactly \"" + NODES_GROUP + "\" for " + signerName
                    + ", not " + request.organizations());
        }
        if (!request.commonName().startsWith(NODE_USER_PREFIX)
                || request.commonName().length() == NODE_USER_PREFIX.length()) {
            throw new SignerRuleViolation("common name must be \"" + NODE_USER_PREFIX + "<node name>\" for "
                    + signerName + ", not \"" + request.commonName() + "\"");
        }
    }
}
