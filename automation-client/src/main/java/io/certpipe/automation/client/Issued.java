package io.certpipe.automation.client;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A request that ended with a certificate: the request's name and uid in its cluster, the {@code certificate} (PEM,
 * leaf first, as in {@code status.certificate}), the signer's {@code caBundle} (PEM) to trust it by, and the
 * CertificateSigningRequest {@code object} as the API shows it.
 */
public record Issued(String requestId, String cluster, String name, String uid, String certificate, String caBundle,
        ObjectNode object) {

    static Issued from(Reply reply) {
        var data = reply.data();
        return new Issued(data.requestId(), data.cluster(), data.name(), data.uid(), data.certificate(),
                data.caBundle(), data.object());
    }
}
