package io.certpipe.common.approval;

import java.util.Optional;

import io.certpipe.common.csr.KubernetesIdentities;
import io.certpipe.common.csr.ParsedRequest;
import io.certpipe.common.event.CsrSnapshot;

/**
 * A request as the policies judge it: the stored object (signer, usages, lifetime, the requester and their groups)
 * and its PKCS#10, parsed by the service that judges it and its subject read the one way every service reads it.
 */
public record CandidateRequest(CsrSnapshot csr, ParsedRequest parsed) {

    /** The node whose kubelet asks ({@code system:node:<name>}); empty when the requester is no node. */
    public Optional<String> nodeName() {
        return KubernetesIdentities.nodeName(csr.username());
    }
}
