package io.certpipe.common.approval;

import java.util.List;
import java.util.Map;

import io.certpipe.common.csr.CertificationRequests;
import io.certpipe.common.csr.KeyUsages;
import io.certpipe.common.csr.KubernetesIdentities;
import io.certpipe.common.csr.SignerNames;
import io.certpipe.common.event.CsrSnapshot;

/**
 * A new request as the approval tests make it: by default a kubelet's serving request of node {@code n1}; each test
 * changes what it is about.
 */
record TestRequest(String signerName, String username, List<String> groups, List<String> usages,
        Integer expirationSeconds, String pem) {

    static final String NODE = KubernetesIdentities.NODE_USER_PREFIX + "n1";

    /** A kubelet serving request of node n1 with {@code pem}. */
    static TestRequest of(String pem) {
        return new TestRequest(SignerNames.KUBELET_SERVING, NODE,
                List.of(KubernetesIdentities.NODES_GROUP, "system:authenticated"),
                List.of(KeyUsages.DIGITAL_SIGNATURE, KeyUsages.SERVER_AUTH), null, pem);
    }

    TestRequest signer(String signerName) {
        return new TestRequest(signerName, username, groups, usages, expirationSeconds, pem);
    }

    TestRequest by(String username, String... groups) {
        return new TestRequest(signerName, username, List.of(groups), usages, expirationSeconds, pem);
    }

    TestRequest usages(String... usages) {
        return new TestRequest(signerName, username, groups, List.of(usages), expirationSeconds, pem);
    }

    TestRequest expirationSeconds(Integer expirationSeconds) {
        return new TestRequest(signerName, username, groups, usages, expirationSeconds, pem);
    }

    CsrSnapshot csr() {
        return new CsrSnapshot("test-cluster", "csr-1", "uid-1", 1, null, signerName, pem, usages,
                expirationSeconds, username, "user-uid-1", groups, Map.of(), List.of(), null);
    }

    CandidateRequest candidate() {
        return new CandidateRequest(csr(), CertificationRequests.parseAdmittedPem(pem));
    }
}
