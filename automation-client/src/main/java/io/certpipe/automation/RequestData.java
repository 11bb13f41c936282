package io.certpipe.automation;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code data} of a request: the client's idempotency key, the cluster, and the CertificateSigningRequest exactly
 * as one would POST it to {@code /clusters/<cluster>/apis/certificates.k8s.io/v1/certificatesigningrequests}.
 */
public record RequestData(String requestId, String cluster, ObjectNode object) {
}
