package io.certpipe.intake.csr;

import java.util.List;

import io.certpipe.kube.ListMeta;

/** {@code CertificateSigningRequestList}; {@code items} is always present, even when empty. */
public record CertificateSigningRequestList(String kind, String apiVersion, ListMeta metadata,
        List<CertificateSigningRequest> items) {

    public static CertificateSigningRequestList of(List<CertificateSigningRequest> items, long resourceVersion) {
        return new CertificateSigningRequestList(CsrApi.LIST_KIND, CsrApi.GROUP_VERSION,
                new ListMeta(String.valueOf(resourceVersion)), items);
    }
}
