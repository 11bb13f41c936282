package io.certpipe.intake.csr;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whether a full object sent to update a request ({@code kubectl replace}, server-side apply) tries to change its
 * immutable spec. A field left out keeps its value, so a manifest without the requestor fields the server filled in
 * is not a change.
 */
final class SubmittedSpec {

    private SubmittedSpec() {
    }

    static boolean changes(StoredCsr current, CertificateSigningRequest.Spec spec) {
        if (spec == null) {
            return false;
        }
        return differs(spec.request() == null ? null : decode(spec.request()), current.requestPem())
                || differs(spec.signerName(), current.signerName())
                || differs(spec.expirationSeconds(), current.expirationSeconds())
                || differs(emptyToNull(spec.usages()), current.usages())
                || differs(spec.username(), current.username())
                || differs(spec.uid(), current.userUid())
                || differs(emptyToNull(spec.groups()), current.groups())
                || differs(emptyToNull(spec.extra()), current.extra());
    }

    private static boolean differs(Object submitted, Object stored) {
        return submitted != null && !Objects.equals(submitted, stored);
    }

    private static String decode(String base64) {
        try {
            return new String(Base64.getMimeDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw CsrCreation.illegalBase64("spec.request", e);
        }
    }

    private static <T> List<T> emptyToNull(List<T> list) {
        return list == null || list.isEmpty() ? null : list;
    }

    private static <K, V> Map<K, V> emptyToNull(Map<K, V> map) {
        return map == null || map.isEmpty() ? null : map;
    }
}
