package io.certpipe.intake.csr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.certpipe.kube.ApiException;
import io.certpipe.kube.FieldValidation;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Runtime;
import io.kubernetes.client.proto.V1Certificates;
import org.junit.jupiter.api.Test;

class SubresourceBodyTest {

    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule()).build();

    @Test
    void decodesKubectlsProtobufApproval() {
        byte[] body = kubectlApproval("alice", "42");

        SubresourceBody approval = SubresourceBody.decode(SubresourceBody.PROTOBUF, body, FieldValidation.STRICT, JSON);

        assertEquals("alice", approval.name());
        assertEquals(42L, approval.resourceVersion());
        assertEquals(List.of(new CsrChange.RequestedCondition("Approved", "True", "KubectlApprove",
                "This CSR was approved by kubectl certificate approve.")), approval.conditions());
    }

    @Test
    void aPatchedBodyIsConditionalOnlyOnAResourceVersionThePatchChanged() {
        StoredCsr current = TestCsrs.pending("alice");
        SubresourceBody asRead = new SubresourceBody("alice", current.resourceVersion(), List.of(), null);
        SubresourceBody pinned = new SubresourceBody("alice", current.resourceVersion() - 1, List.of(), null);

        assertNull(asRead.conditionalOnlyIfChanged(current).resourceVersion());
        assertEquals(current.resourceVersion() - 1, pinned.conditionalOnlyIfChanged(current).resourceVersion());
    }

    @Test
    void decodesAJsonApproval() {
        String json = """
                {"apiVersion":"certificates.k8s.io/v1","kind":"CertificateSigningRequest",
                 "metadata":{"name":"alice","resourceVersion":"7"},
                 "status":{"conditions":[{"type":"Denied","status":"True","reason":"KubectlDeny",
                   "message":"This CSR was denied by kubectl certificate deny.",
                   "lastUpdateTime":"2025-01-01T00:00:00Z"}]}}""";

        SubresourceBody approval = SubresourceBody.decode("application/json", json.getBytes(StandardCharsets.UTF_8),
                FieldValidation.STRICT, JSON);

        assertEquals(7L, approval.resourceVersion());
        assertEquals("Denied", approval.conditions().getFirst().type());
    }

    @Test
    void refusesAConditionWithoutAType() {
        String json = """
                {"metadata":{"name":"alice"},"status":{"conditions":[{"type":"Approved","status":"True"},null]}}""";

        ApiException refusal = assertThrows(ApiException.class, () -> SubresourceBody.decode("application/json",
                json.getBytes(StandardCharsets.UTF_8), FieldValidation.STRICT, JSON));

        assertEquals(422, refusal.code());
        assertEquals("status.conditions[1].type", refusal.details().causes().getFirst().field());
    }

    @Test
    void refusesProtobufWithoutTheKubernetesMagic() {
        ApiException refusal = assertThrows(ApiException.class,
                () -> SubresourceBody.decode(SubresourceBody.PROTOBUF, new byte[] {1, 2, 3, 4, 5},
                        FieldValidation.STRICT, JSON));

        assertEquals(400, refusal.code());
    }

    @Test
    void refusesUnknownMediaTypes() {
        ApiException refusal = assertThrows(ApiException.class,
                () -> SubresourceBody.decode("text/plain", new byte[] {1}, FieldValidation.STRICT, JSON));

        assertEquals(415, refusal.code());
    }

    @Test
    void refusesABodyAboutAnotherRequest() {
        SubresourceBody approval = SubresourceBody.decode(SubresourceBody.PROTOBUF, kubectlApproval("bob", "1"),
                FieldValidation.STRICT, JSON);

        ApiException refusal = assertThrows(ApiException.class, () -> approval.requireName("alice"));

        assertEquals(400, refusal.code());
    }

    /** What kubectl 1.32 sends for {@code certificate approve}: magic, then runtime.Unknown around the object. */
    private static byte[] kubectlApproval(String name, String resourceVersion) {
        V1Certificates.CertificateSigningRequest csr = V1Certificates.CertificateSigningRequest.newBuilder()
                .setMetadata(Meta.ObjectMeta.newBuilder().setName(name).setResourceVersion(resourceVersion))
                .setStatus(V1Certificates.CertificateSigningRequestStatus.newBuilder()
                        .addConditions(V1Certificates.CertificateSigningRequestCondition.newBuilder()
                                .setType("Approved")
                                .setStatus("True")
                                .setReason("KubectlApprove")
                                .setMessage("This CSR was approved by kubectl certificate approve.")
                                .setLastUpdateTime(Meta.Time.newBuilder().setSeconds(1_700_000_000L))))
                .build();
        Runtime.Unknown envelope = Runtime.Unknown.newBuilder()
                .setTypeMeta(Runtime.TypeMeta.newBuilder().setApiVersion("certificates.k8s.io/v1")
                        .setKind("CertificateSigningRequest"))
                .setRaw(csr.toByteString())
                .build();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {'k', '8', 's', 0});
        body.writeBytes(envelope.toByteArray());
        return body.toByteArray();
    }
}
