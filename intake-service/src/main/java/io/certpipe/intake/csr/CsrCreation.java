package io.certpipe.intake.csr;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.certpipe.common.csr.CertificationRequests;
import io.certpipe.common.csr.InvalidRequestException;
import io.certpipe.common.csr.KeyUsages;
import io.certpipe.common.csr.ParsedRequest;
import io.certpipe.common.csr.SignerNames;
import io.certpipe.common.csr.KubernetesIdentities;
import io.certpipe.intake.identity.UserInfo;
import io.certpipe.kube.ApiException;
import io.certpipe.kube.FieldError;
import io.certpipe.kube.NameRules;
import io.certpipe.kube.ObjectMeta;
import io.certpipe.kube.ObjectMetaValidation;

/**
 * Turns a submitted CertificateSigningRequest into the request to store, validating it as
 * {@code pkg/apis/certificates/validation} does (all errors at once, its metadata's first) and as the
 * {@code CertificateSubjectRestriction} admission plugin does. Kubernetes lets a request have any name that is one
 * URL path segment. The requestor fields come from the caller's identity, never from the body; a submitted
 * status is dropped.
 */
public final class CsrCreation {

    private static final int MIN_EXPIRATION_SECONDS = 600;
    /** The DER tag every certificate, request and key starts with. */
    private static final byte DER_SEQUENCE = 0x30;

    private CsrCreation() {
    }

    /**
     * What the signer a request names can tell about it before it is stored: warnings, or a refusal (an
     * {@code ApiException}) for a key no CA may certify.
     */
    @FunctionalInterface
    public interface SignerReview {
        List<String> review(String cluster, String name, String signerName, ParsedRequest request,
                Collection<String> usages);
    }

    /** A request fit to store, and the warnings its creation answers with. */
    public record Admission(StoredCsr csr, List<String> warnings) {
    }

    public static Admission validate(String cluster, CertificateSigningRequest submitted, UserInfo requestor,
            Instant now, SignerReview signerReview) {
        requireKind(submitted);
        ObjectMeta metadata = (submitted.metadata() == null ? ObjectMeta.none() : submitted.metadata())
                .withGeneratedName();
        CertificateSigningRequest.Spec spec = submitted.spec() == null
                ? new CertificateSigningRequest.Spec(null, null, null, null, null, null, null, null)
                : submitted.spec();
        String name = metadata.name() == null ? "" : metadata.name();
        byte[] request = decodeRequest(spec.request());
        String requestPem = new String(request, StandardCharsets.UTF_8);

        List<FieldError> errors = new ArrayList<>(ObjectMetaValidation.validate(metadata, NameRules.PATH_SEGMENT));
        ParsedRequest parsed = null;
        if (request.length == 0) {
            errors.add(FieldError.required("spec.request", ""));
        } else if (request[0] == DER_SEQUENCE) {
            errors.add(FieldError.invalidOmittingValue("spec.request", "holds DER (binary) data; it must be a PEM "
                    + "CERTIFICATE REQUEST: convert it with openssl req -inform DER -in request.der -out request.csr, "
                    + "then base64-encode the PEM file"));
        } else {
            try {
                parsed = CertificationRequests.parsePem(requestPem);
            } catch (InvalidRequestException e) {
                errors.add(FieldError.invalidOmittingValue("spec.request", e.getMessage()));
            }
        }
        errors.addAll(validateUsages(spec.usages()));
        errors.addAll(validateSignerName(spec.signerName()));
        if (spec.expirationSeconds() != null && spec.expirationSeconds() < MIN_EXPIRATION_SECONDS) {
            errors.add(FieldError.invalid("spec.expirationSeconds", spec.expirationSeconds(),
                    "may not specify a duration less than 600 seconds (10 minutes)"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(CsrApi.GROUP_KIND, name, errors);
        }
        refuseMastersForApiServerClient(name, spec.signerName(), parsed);
        List<String> warnings = signerReview.review(cluster, name, spec.signerName(), parsed, spec.usages());
        return new Admission(new StoredCsr(cluster, name, UUID.randomUUID(), StoredCsr.NOT_STORED, now, metadata.labels(),
                metadata.annotations(), spec.signerName(), requestPem, spec.usages(), spec.expirationSeconds(),
                requestor.username(), requestor.uid(), requestor.groups(), requestor.extra(), List.of(), null,
                List.of()),
                warnings);
    }

    private static void requireKind(CertificateSigningRequest submitted) {
        if (submitted.kind() != null && !submitted.kind().isEmpty() && !CsrApi.KIND.equals(submitted.kind())) {
            throw ApiException.badRequest("the body is a " + submitted.kind() + ", not a " + CsrApi.KIND);
        }
        if (submitted.apiVersion() != null && !submitted.apiVersion().isEmpty()
                && !CsrApi.GROUP_VERSION.equals(submitted.apiVersion())) {
            throw ApiException.badRequest("the body is of apiVersion " + submitted.apiVersion() + "; this endpoint "
                    + "serves " + CsrApi.GROUP_VERSION);
        }
    }

    /**
     * spec.request is a byte field: JSON carries it as base64 (line breaks allowed, as Go's decoder allows them), and
     * bad base64 is a decoding error, as in Kubernetes. The mistakes tutorials warn about get a message saying what
     * to do instead: PEM text or a key pasted without base64, and DER where PEM belongs.
     */
    private static byte[] decodeRequest(String base64) {
        if (base64 == null) {
            return new byte[0];
        }
        if (base64.stripLeading().startsWith("-----BEGIN")) {
            if (base64.contains("PRIVATE KEY")) {
                throw ApiException.badRequest(cannotHandle() + "spec.request holds a PRIVATE KEY. Never send a "
                        + "private key anywhere: it was refused and not stored. Send the base64 of the CSR made from "
                        + "it (openssl req -new -key KEY | base64 -w0) and keep the key to yourself");
            }
            throw ApiException.badRequest(cannotHandle() + "spec.request must be the base64 encoding of the PEM "
                    + "file, not the PEM text itself: use $(base64 -w0 < request.csr)");
        }
        try {
            return Base64.getMimeDecoder().decode(strictPadding(base64));
        } catch (IllegalArgumentException e) {
            throw illegalBase64("spec.request", e);
        }
    }

    /**
     * The MIME decoder skips line breaks but also ignores other stray characters and tolerates missing padding; a
     * value whose length (without line breaks) is not a multiple of four has lost characters or its padding.
     */
    private static String strictPadding(String base64) {
        String compact = base64.replace("\n", "").replace("\r", "");
        if (compact.length() % 4 != 0 || !compact.matches("[A-Za-z0-9+/]*={0,2}")) {
            throw illegalBase64("spec.request", new IllegalArgumentException("the value is damaged (its length "
                    + compact.length() + " is not a multiple of 4, or it holds characters outside base64)"));
        }
        return compact;
    }

    /** A byte field that is not base64, worded as Kubernetes' decoder does, with what to do about it. */
    static ApiException illegalBase64(String field, IllegalArgumentException cause) {
        return ApiException.badRequest(cannotHandle() + field + ": illegal base64 data (" + cause.getMessage()
                + "); encode the PEM file with base64 -w0 (or base64 | tr -d '\\n')");
    }

    private static String cannotHandle() {
        return CsrApi.KIND + " in version \"" + CsrApi.VERSION + "\" cannot be handled as a " + CsrApi.KIND + ": ";
    }

    private static List<FieldError> validateUsages(List<String> usages) {
        if (usages == null || usages.isEmpty()) {
            return List.of(FieldError.required("spec.usages", ""));
        }
        List<FieldError> errors = new ArrayList<>();
        List<String> known = List.copyOf(KeyUsages.known());
        for (int i = 0; i < usages.size(); i++) {
            if (!KeyUsages.isKnown(usages.get(i))) {
                errors.add(FieldError.notSupported("spec.usages[" + i + "]", usages.get(i), known));
            }
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < usages.size(); i++) {
            if (!seen.add(usages.get(i))) {
                errors.add(FieldError.duplicate("spec.usages[" + i + "]", usages.get(i)));
            }
        }
        return errors;
    }

    private static List<FieldError> validateSignerName(String signerName) {
        if (signerName == null || signerName.isEmpty()) {
            return List.of(FieldError.required("spec.signerName", ""));
        }
        if (SignerNames.LEGACY_UNKNOWN.equals(signerName)) {
            return List.of(FieldError.invalid("spec.signerName", signerName,
                    "the legacy signerName is not allowed via this API version"));
        }
        String problem = SignerNames.problemWith(signerName);
        return problem == null ? List.of() : List.of(FieldError.invalid("spec.signerName", signerName, problem));
    }

    /**
     * Kubernetes' {@code CertificateSubjectRestriction} admission: nobody obtains a {@code system:masters} client
     * certificate through the API. Like the admission plugin, this is a Forbidden refusal, not a validation error.
     */
    private static void refuseMastersForApiServerClient(String name, String signerName, ParsedRequest parsed) {
        if (SignerNames.KUBE_APISERVER_CLIENT.equals(signerName)
                && parsed.subject().organizations().contains(KubernetesIdentities.MASTERS_GROUP)) {
            throw ApiException.forbidden(CsrApi.GROUP_RESOURCE, name, "use of " + signerName + " signer with "
                    + KubernetesIdentities.MASTERS_GROUP + " group is not allowed");
        }
    }
}
