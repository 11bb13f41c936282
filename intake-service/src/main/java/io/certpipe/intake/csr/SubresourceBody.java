package io.certpipe.intake.csr;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import io.certpipe.kube.ApiException;
import io.certpipe.kube.FieldError;
import io.certpipe.kube.FieldValidation;
import io.certpipe.kube.ProtobufEnvelope;
import io.certpipe.kube.RequestBodies;
import io.certpipe.kube.ResourceVersions;
import io.kubernetes.client.proto.V1Certificates;

/**
 * The body of {@code PUT .../approval} and {@code PUT .../status}: the whole object as the caller last saw it, with
 * the conditions (and, for status, the certificate) it wants. kubectl and client-go send it as Kubernetes protobuf
 * (the magic {@code k8s\0}, then a {@code runtime.Unknown} wrapping the object); other clients send JSON.
 * {@code certificatePem} is the PEM text, null when absent.
 */
public record SubresourceBody(String name, Long resourceVersion, List<CsrChange.RequestedCondition> conditions,
        String certificatePem) {

    /** Every condition names its type, as Kubernetes' validation of a request's conditions requires. */
    public SubresourceBody {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < conditions.size(); i++) {
            if (conditions.get(i).type() == null || conditions.get(i).type().isEmpty()) {
                errors.add(FieldError.required("status.conditions[" + i + "].type", ""));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(CsrApi.GROUP_KIND, name, errors);
        }
    }

    public static final String PROTOBUF = ProtobufEnvelope.MEDIA_TYPE;

    public static SubresourceBody decode(String contentType, byte[] body, FieldValidation validation,
            ObjectMapper json) {
        String mediaType = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase();
        return switch (mediaType) {
            case PROTOBUF -> fromProtobuf(body);
            case "application/json", "" -> fromJson(RequestBodies.decode(body, CertificateSigningRequest.class,
                    CsrApi.KIND, CsrSchema.CSR, validation, json, json).value());
            default -> throw ApiException.unsupportedMediaType(contentType, List.of("application/json", PROTOBUF));
        };
    }

    static SubresourceBody fromProtobuf(byte[] body) {
        try {
            V1Certificates.CertificateSigningRequest csr = V1Certificates.CertificateSigningRequest.parseFrom(
                    ProtobufEnvelope.unwrap(body, CsrApi.KIND));
            List<CsrChange.RequestedCondition> conditions = csr.getStatus().getConditionsList().stream()
                    .map(condition -> new CsrChange.RequestedCondition(condition.getType(), condition.getStatus(),
                            condition.getReason(), condition.getMessage()))
                    .toList();
            String certificate = csr.getStatus().getCertificate().isEmpty() ? null
                    : csr.getStatus().getCertificate().toStringUtf8();
            return new SubresourceBody(csr.getMetadata().getName(),
                    ResourceVersions.parse(csr.getMetadata().getResourceVersion()), conditions, certificate);
        } catch (InvalidProtocolBufferException e) {
            throw ApiException.badRequest("cannot decode the protobuf " + CsrApi.KIND + ": " + e.getMessage());
        }
    }

    static SubresourceBody fromJson(CertificateSigningRequest csr) {
        List<CsrChange.RequestedCondition> conditions = csr.status() == null || csr.status().conditions() == null
                ? List.of()
                : csr.status().conditions().stream()
                        // A null entry reads as Go reads it: a condition with every field empty.
                        .map(condition -> condition == null ? new CsrChange.RequestedCondition(null, null, null, null)
                                : new CsrChange.RequestedCondition(condition.type(), condition.status(),
                                        condition.reason(), condition.message()))
                        .toList();
        String name = csr.metadata() == null ? null : csr.metadata().name();
        String revision = csr.metadata() == null ? null : csr.metadata().resourceVersion();
        String certificate = csr.status() == null ? null : StatusCertificates.decode(csr.status().certificate());
        return new SubresourceBody(name, ResourceVersions.parse(revision), conditions, certificate);
    }

    /**
     * This body without its resourceVersion when it is {@code current}'s, the one a patch was applied to: the write
     * then goes to the request as it is by then, as kube-apiserver applies a patch to the latest object.
     */
    SubresourceBody conditionalOnlyIfChanged(StoredCsr current) {
        boolean unchanged = resourceVersion != null && resourceVersion == current.resourceVersion();
        return unchanged ? new SubresourceBody(name, null, conditions, certificatePem) : this;
    }

    /** Checks the body is about {@code urlName}, as Kubernetes requires of an update. */
    public SubresourceBody requireName(String urlName) {
        if (name != null && !name.isEmpty() && !name.equals(urlName)) {
            throw ApiException.badRequest("the name of the object (" + name
                    + ") does not match the name on the URL (" + urlName + ")");
        }
        return this;
    }
}
