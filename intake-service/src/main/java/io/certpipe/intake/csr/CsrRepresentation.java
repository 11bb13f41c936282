package io.certpipe.intake.csr;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.certpipe.common.event.CsrCondition;
import io.certpipe.kube.ObjectMeta;

/** How a stored request looks on the wire. */
public final class CsrRepresentation {

    private CsrRepresentation() {
    }

    public static CertificateSigningRequest toWire(StoredCsr csr) {
        var spec = new CertificateSigningRequest.Spec(base64(csr.requestPem()), csr.signerName(),
                csr.expirationSeconds(), csr.usages(), csr.username(), emptyToNull(csr.userUid()), csr.groups(),
                csr.extra());
        var status = new CertificateSigningRequest.Status(
                csr.conditions().stream().map(CsrRepresentation::toWire).toList(),
                csr.isIssued() ? base64(csr.certificatePem()) : null);
        return new CertificateSigningRequest(CsrApi.KIND, CsrApi.GROUP_VERSION, metadataOf(csr), spec, status);
    }

    /** A request not stored yet has no resourceVersion, as a dry-run create shows it in Kubernetes. */
    public static ObjectMeta metadataOf(StoredCsr csr) {
        String resourceVersion = csr.resourceVersion() == StoredCsr.NOT_STORED ? null
                : String.valueOf(csr.resourceVersion());
        return new ObjectMeta(csr.name(), null, csr.uid().toString(), resourceVersion, csr.creationTimestamp(),
                csr.labels(), csr.annotations());
    }

    private static CertificateSigningRequest.Condition toWire(CsrCondition condition) {
        return new CertificateSigningRequest.Condition(condition.type(), condition.status(), condition.reason(),
                condition.message(), condition.lastUpdateTime(), condition.lastTransitionTime());
    }

    private static String base64(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8));
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
