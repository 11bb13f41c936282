package io.certpipe.intake.csr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.certpipe.common.csr.SignerNames;
import io.certpipe.common.csr.TestPki;
import io.certpipe.intake.identity.UserInfo;
import io.certpipe.kube.ApiException;
import io.certpipe.kube.ObjectMeta;
import io.certpipe.kube.Status;
import org.junit.jupiter.api.Test;

class CsrCreationTest {

    private static final String CLIENT_SIGNER = "kubernetes.io/kube-apiserver-client";
    /** The signer knows nothing to say about any request. */
    private static final CsrCreation.SignerReview NO_SIGNER = (cluster, name, signerName, request, usages) -> List.of();

    @Test
    void acceptsAGoodRequestAndTakesTheRequestorFromTheCaller() {
        String pem = TestCsrs.pem("CN=alice,O=dev");
        var spec = new CertificateSigningRequest.Spec(base64(pem), CLIENT_SIGNER, 3600, List.of("client auth"),
                "mallory", "forged-uid", List.of("system:masters"), Map.of("x", List.of("y")));
        var submitted = new CertificateSigningRequest(CsrApi.KIND, CsrApi.GROUP_VERSION,
                new ObjectMeta("alice", null, "client-uid", "99", null, Map.of("team", "dev"), Map.of("a", "b")),
                spec, new CertificateSigningRequest.Status(List.of(new CertificateSigningRequest.Condition(
                        "Approved", "True", "Self", "sneaky", null, null)), "Zm9v"));

        StoredCsr stored = CsrCreation.validate("default", submitted, TestCsrs.ADMIN, TestCsrs.NOW, NO_SIGNER).csr();

        assertEquals("alice", stored.name());
        assertEquals(pem, stored.requestPem());
        assertEquals("certpipe-admin", stored.username());
        assertEquals(TestCsrs.ADMIN.groups(), stored.groups());
        assertEquals(Map.of(), stored.extra());
        assertEquals(Map.of("team", "dev"), stored.labels());
        assertEquals(3600, stored.expirationSeconds());
        assertEquals(TestCsrs.NOW, stored.creationTimestamp());
        assertTrue(stored.conditions().isEmpty(), "a submitted status is dropped");
        assertNull(stored.certificatePem());
    }

    @Test
    void aRequestNotStoredYetShowsItsUidAndCreationTimeButNoResourceVersion() {
        var submitted = submission(new ObjectMeta("dry", null, null, null, null, null, null), TestCsrs.pem("CN=d"),
                CLIENT_SIGNER, null, List.of("client auth"));

        ObjectMeta shown = CsrRepresentation.toWire(CsrCreation.validate("default", submitted, TestCsrs.ADMIN,
                TestCsrs.NOW, NO_SIGNER).csr()).metadata();

        assertNotNull(shown.uid(), "a dry-run create shows the uid the request would get");
        assertEquals(TestCsrs.NOW, shown.creationTimestamp());
        assertNull(shown.resourceVersion(), "only storing assigns a resourceVersion, as in Kubernetes");
    }

    @Test
    void generatesANameFromGenerateName() {
        var submitted = submission(new ObjectMeta(null, "node-csr-", null, null, null, null, null),
                TestCsrs.pem("CN=n"), CLIENT_SIGNER, null, List.of("client auth"));

        String name = CsrCreation.validate("default", submitted, TestCsrs.ADMIN, TestCsrs.NOW, NO_SIGNER).csr()
                .name();

        assertTrue(name.matches("node-csr-[bcdfghjklmnpqrstvwxz2456789]{5}"), name);
    }

    @Test
    void rejectsRequestThatIsNotPem() {
        Status.Cause cause = onlyCause(named("x", "not a pem at all", CLIENT_SIGNER, null, List.of("client auth")));

        assertEquals("spec.request", cause.field());
        assertEquals("FieldValueInvalid", cause.reason());
    }

    @Test
    void rejectsRequestWithInvalidSignature() {
        Status.Cause cause = onlyCause(named("x", TestCsrs.pemWithBrokenSignature("CN=x"), CLIENT_SIGNER, null,
                List.of("client auth")));

        assertEquals("spec.request", cause.field());
        assertTrue(cause.message().contains("signature"), cause.message());
    }

    @Test
    void refusesAPastedPrivateKeyWithoutEchoingIt() {
        String key = TestCsrs.privateKeyPem();
        ApiException refusal = assertThrows(ApiException.class, () -> CsrCreation.validate("default",
                named("x", key, CLIENT_SIGNER, null, List.of("client auth")), TestCsrs.ADMIN, TestCsrs.NOW, NO_SIGNER));

        assertEquals(422, refusal.code());
        assertTrue(refusal.getMessage().contains("PRIVATE KEY"), refusal.getMessage());
        String keyBody = key.lines().skip(1).findFirst().orElseThrow();
        assertTrue(!refusal.getMessage().contains(keyBody), "the key is never repeated back");
    }

    @Test
    void rejectsMissingSignerName() {
        Status.Cause cause = onlyCause(named("x", TestCsrs.pem("CN=x"), null, null, List.of("client auth")));

        assertEquals("spec.signerName", cause.field());
        assertEquals("FieldValueRequired", cause.reason());
    }

    @Test
    void rejectsMalformedSignerName() {
        Status.Cause cause = onlyCause(named("x", TestCsrs.pem("CN=x"), "no-slash", null, List.of("client auth")));

        assertEquals("spec.signerName", cause.field());
        assertEquals("FieldValueInvalid", cause.reason());
    }

    @Test
    void rejectsExpirationBelowTenMinutesInKubernetesWords() {
        ApiException refusal = assertThrows(ApiException.class, () -> CsrCreation.validate("default",
                named("short", TestCsrs.pem("CN=x"), CLIENT_SIGNER, 599, List.of("client auth")), TestCsrs.ADMIN,
                TestCsrs.NOW, NO_SIGNER));

        assertEquals("CertificateSigningRequest.certificates.k8s.io \"short\" is invalid: spec.expirationSeconds: "
                + "Invalid value: 599: may not specify a duration less than 600 seconds (10 minutes)",
                refusal.getMessage());
        assertEquals("Invalid", refusal.reason());
    }

    @Test
    void rejectsUnknownAndDuplicateUsages() {
        ApiException refusal = assertThrows(ApiException.class, () -> CsrCreation.validate("default",
                named("x", TestCsrs.pem("CN=x"), CLIENT_SIGNER, null,
                        List.of("client auth", "teleportation", "client auth")),
                TestCsrs.ADMIN, TestCsrs.NOW, NO_SIGNER));

        List<Status.Cause> causes = refusal.details().causes();
        assertEquals("spec.usages[1]", causes.get(0).field());
        assertEquals("FieldValueNotSupported", causes.get(0).reason());
        assertEquals("spec.usages[2]", causes.get(1).field());
        assertEquals("FieldValueDuplicate", causes.get(1).reason());
    }

    @Test
    void rejectsMissingUsages() {
        Status.Cause cause = onlyCause(named("x", TestCsrs.pem("CN=x"), CLIENT_SIGNER, null, List.of()));

        assertEquals("spec.usages", cause.field());
        assertEquals("FieldValueRequired", cause.reason());
    }

    @Test
    void rejectsMissingName() {
        Status.Cause cause = onlyCause(submission(new ObjectMeta(null, null, null, null, null, null, null),
                TestCsrs.pem("CN=x"), CLIENT_SIGNER, null, List.of("client auth")));

        assertEquals("metadata.name", cause.field());
        assertEquals("FieldValueRequired", cause.reason());
    }

    @Test
    void acceptsAnyNameThatIsOnePathSegment() {
        StoredCsr stored = CsrCreation.validate("default", named("Node CSR: n1.example (renewal #2)",
                TestCsrs.pem("CN=x"), CLIENT_SIGNER, null, List.of("client auth")), TestCsrs.ADMIN, TestCsrs.NOW,
                NO_SIGNER).csr();

        assertEquals("Node CSR: n1.example (renewal #2)", stored.name());
    }

    @Test
    void rejectsABadLabelWithKubernetesWordsAndNothingElse() {
        var submitted = submission(new ObjectMeta("x", null, null, null, null, Map.of("bad key!", "v".repeat(100)),
                null), TestCsrs.pem("CN=x"), CLIENT_SIGNER, null, List.of("client auth"));

        ApiException refusal = assertThrows(ApiException.class,
                () -> CsrCreation.validate("default", submitted, TestCsrs.ADMIN, TestCsrs.NOW, NO_SIGNER));

        assertEquals(422, refusal.code());
        assertEquals(List.of("metadata.labels", "metadata.labels"),
                refusal.details().causes().stream().map(Status.Cause::field).toList());
        assertTrue(refusal.getMessage().startsWith("CertificateSigningRequest.certificates.k8s.io \"x\" is invalid: "
                + "[metadata.labels: Invalid value: \"bad key!\": name part must consist of alphanumeric characters, "
                + "'-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or "
                + "'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]'), "
                + "metadata.labels: Invalid value: \"" + "v".repeat(100) + "\": must be no more than 63 characters"),
                refusal.getMessage());
    }

    @Test
    void rejectsAGenerateNameThatCannotStartAPathSegmentAndTheNameMadeOfIt() {
        var submitted = submission(new ObjectMeta(null, "team/", null, null, null, null, null),
                TestCsrs.pem("CN=x"), CLIENT_SIGNER, null, List.of("client auth"));

        ApiException refusal = assertThrows(ApiException.class,
                () -> CsrCreation.validate("default", submitted, TestCsrs.ADMIN, TestCsrs.NOW, NO_SIGNER));

        Status.Cause generateName = refusal.details().causes().getFirst();
        assertEquals("metadata.generateName", generateName.field());
        assertEquals("Invalid value: \"team/\": may not contain '/'", generateName.message());
        assertEquals("metadata.name", refusal.details().causes().get(1).field());
    }

    @Test
    void rejectsRequestThatIsNotBase64AsABadRequest() {
        var spec = new CertificateSigningRequest.Spec("!!! not base64 !!!", CLIENT_SIGNER, null,
                List.of("client auth"), null, null, null, null);
        var submitted = new CertificateSigningRequest(CsrApi.KIND, CsrApi.GROUP_VERSION,
                new ObjectMeta("x", null, null, null, null, null, null), spec, null);

        ApiException refusal = assertThrows(ApiException.class,
                () -> CsrCreation.validate("default", submitted, TestCsrs.ADMIN, TestCsrs.NOW, NO_SIGNER));

        assertEquals(400, refusal.code());
        assertEquals("BadRequest", refusal.reason());
    }

    @Test
    void acceptsBase64WithLineBreaksAsKubernetesDoes() {
        String pem = TestCsrs.pem("CN=wrapped");
        String wrapped = base64(pem).replaceAll("(.{76})", "$1\n");
        var spec = new CertificateSigningRequest.Spec(wrapped, CLIENT_SIGNER, null, List.of("client auth"), null,
                null, null, null);

        StoredCsr stored = CsrCreation.validate("default", new CertificateSigningRequest(CsrApi.KIND,
                CsrApi.GROUP_VERSION, new ObjectMeta("w", null, null, null, null, null, null), spec, null),
                TestCsrs.ADMIN, TestCsrs.NOW, NO_SIGNER).csr();

        assertEquals(pem, stored.requestPem());
    }

    @Test
    void damagedPaddingSaysHowToEncode() {
        String damaged = base64(TestCsrs.pem("CN=damaged"));
        damaged = damaged.substring(0, damaged.length() - 1);
        var spec = new CertificateSigningRequest.Spec(damaged, CLIENT_SIGNER, null, List.of("client auth"), null,
                null, null, null);

        ApiException refusal = assertThrows(ApiException.class, () -> CsrCreation.validate("default",
                new CertificateSigningRequest(CsrApi.KIND, CsrApi.GROUP_VERSION,
                        new ObjectMeta("d", null, null, null, null, null, null), spec, null),
                TestCsrs.ADMIN, TestCsrs.NOW, NO_SIGNER));

        assertEquals(400, refusal.code());
        assertTrue(refusal.getMessage().contains("spec.request: illegal base64 data")
                && refusal.getMessage().contains("base64 -w0"), refusal.getMessage());
    }

    @Test
    void pemTextWithoutBase64IsExplained() {
        var spec = new CertificateSigningRequest.Spec(TestCsrs.pem("CN=raw"), CLIENT_SIGNER, null,
                List.of("client auth"), null, null, null, null);

        ApiException refusal = assertThrows(ApiException.class, () -> CsrCreation.validate("default",
                new CertificateSigningRequest(CsrApi.KIND, CsrApi.GROUP_VERSION,
                        new ObjectMeta("r", null, null, null, null, null, null), spec, null),
                TestCsrs.ADMIN, TestCsrs.NOW, NO_SIGNER));

        assertTrue(refusal.getMessage().contains("not the PEM text itself"), refusal.getMessage());
    }

    @Test
    void derWhereAPemRequestBelongsIsExplained() {
        var spec = new CertificateSigningRequest.Spec(Base64.getEncoder().encodeToString(new byte[] {0x30, 1, 0}),
                CLIENT_SIGNER, null, List.of("client auth"), null, null, null, null);

        Status.Cause cause = onlyCause(new CertificateSigningRequest(CsrApi.KIND, CsrApi.GROUP_VERSION,
                new ObjectMeta("der", null, null, null, null, null, null), spec, null));

        assertEquals("spec.request", cause.field());
        assertTrue(cause.message().contains("DER") && cause.message().contains("-inform DER"), cause.message());
    }

    @Test
    void answersWithWhatTheSignerSaysAndPassesItTheParsedRequest() {
        CsrCreation.SignerReview review = (cluster, name, signerName, request, usages) -> List.of(
                cluster + "/" + name + " " + signerName + " " + request.subject().commonName() + " " + usages);

        CsrCreation.Admission admission = CsrCreation.validate("edge", named("w1", TestCsrs.pem("CN=bob"),
                CLIENT_SIGNER, null, List.of("client auth")), TestCsrs.ADMIN, TestCsrs.NOW, review);

        assertEquals(List.of("edge/w1 kubernetes.io/kube-apiserver-client bob [client auth]"), admission.warnings());
    }

    @Test
    void forbidsSystemMastersFromTheApiServerClientSigner() {
        ApiException refusal = assertThrows(ApiException.class, () -> CsrCreation.validate("default",
                named("evil", TestCsrs.pem("CN=evil,O=system:masters"), CLIENT_SIGNER, null,
                        List.of("client auth")),
                TestCsrs.ADMIN, TestCsrs.NOW, NO_SIGNER));

        assertEquals(403, refusal.code());
        assertTrue(refusal.getMessage().endsWith("use of kubernetes.io/kube-apiserver-client signer with "
                + "system:masters group is not allowed"), refusal.getMessage());
    }

    @Test
    void refusesANodesRequestWhoseSubjectAlsoNamesAnotherUser() {
        UserInfo node = new UserInfo("system:node:n1", "", List.of("system:nodes", UserInfo.AUTHENTICATED), Map.of());
        CertificateSigningRequest twoUsers = named("n1-client", TestPki.fixture("two-common-names-node.csr"),
                SignerNames.KUBE_APISERVER_CLIENT_KUBELET, null, List.of("digital signature", "client auth"));

        ApiException refusal = assertThrows(ApiException.class,
                () -> CsrCreation.validate("default", twoUsers, node, TestCsrs.NOW, NO_SIGNER));

        assertEquals(422, refusal.code());
        assertEquals("Invalid", refusal.reason());
        Status.Cause cause = refusal.details().causes().getFirst();
        assertEquals("spec.request", cause.field());
        assertTrue(cause.message().contains("CN=system:node:n1") && cause.message().contains("CN=alice"),
                cause.message());
    }

    @Test
    void refusesSystemMastersHiddenInAMultiValuedRdn() {
        Status.Cause cause = onlyCause(named("hidden", TestPki.fixture("masters-in-multi-valued-rdn.csr"),
                CLIENT_SIGNER, null, List.of("client auth")));

        assertEquals("spec.request", cause.field());
        assertTrue(cause.message().contains("multi-valued"), cause.message());
    }

    @Test
    void allowsSystemMastersInTheSubjectForOtherSigners() {
        StoredCsr stored = CsrCreation.validate("default", named("ok", TestCsrs.pem("CN=x,O=system:masters"),
                "example.com/custom", null, List.of("client auth")), TestCsrs.ADMIN, TestCsrs.NOW, NO_SIGNER).csr();

        assertEquals("example.com/custom", stored.signerName());
    }

    private static Status.Cause onlyCause(CertificateSigningRequest submitted) {
        ApiException refusal = assertThrows(ApiException.class,
                () -> CsrCreation.validate("default", submitted, TestCsrs.ADMIN, TestCsrs.NOW, NO_SIGNER));
        assertEquals(422, refusal.code());
        assertEquals(1, refusal.details().causes().size(), refusal.getMessage());
        return refusal.details().causes().getFirst();
    }

    private static CertificateSigningRequest named(String name, String requestPem, String signerName,
            Integer expirationSeconds, List<String> usages) {
        return submission(new ObjectMeta(name, null, null, null, null, null, null), requestPem, signerName,
                expirationSeconds, usages);
    }

    private static CertificateSigningRequest submission(ObjectMeta metadata, String requestPem, String signerName,
            Integer expirationSeconds, List<String> usages) {
        var spec = new CertificateSigningRequest.Spec(base64(requestPem), signerName, expirationSeconds, usages, null,
                null, null, null);
        return new CertificateSigningRequest(CsrApi.KIND, CsrApi.GROUP_VERSION, metadata, spec, null);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
