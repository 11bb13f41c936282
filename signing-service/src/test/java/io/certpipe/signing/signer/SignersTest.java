package io.certpipe.signing.signer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.certpipe.common.csr.CertificationRequests;
import io.certpipe.common.csr.SignerNames;
import io.certpipe.common.csr.TestPki;
import io.certpipe.common.event.Actor;
import io.certpipe.common.event.CsrCondition;
import io.certpipe.common.event.CsrSnapshot;
import io.certpipe.common.event.SignerData;
import io.certpipe.common.signer.ApprovalRules;
import io.certpipe.common.signer.KeyMode;
import io.certpipe.common.signer.KubernetesSigners;
import io.certpipe.common.signer.Lifetime;
import io.certpipe.common.signer.SignerPolicy;
import io.certpipe.common.signer.Violation;
import io.certpipe.signing.ca.CaUnavailableException;
import io.certpipe.signing.ca.CertificateAuthorities;
import io.certpipe.signing.ca.SignerId;

class SignersTest {

    /** A person who approved through the approval subresource. */
    private static final Actor PERSON = Actor.user("bob", List.of("approvers"));

    private static final Actor ACTOR = Actor.service("signing-service");
    private static final SignerId CLIENT = new SignerId("default", SignerNames.KUBE_APISERVER_CLIENT);
    private static final SignerPolicy CLIENT_POLICY = KubernetesSigners.kubeApiserverClient(Duration.ofDays(30));

    @TempDir
    Path caRoot;

    private final KeyPair currentCaKey = TestPki.ecKey();
    private final KeyPair previousCaKey = TestPki.ecKey();

    @Test
    void publishesItsPolicyAndEveryCaCertificateOfARotationSigningCaFirst() throws Exception {
        Signer signer = rotatingClientSigner();

        SignerData published = signer.describe(ACTOR);

        assertEquals("default", published.cluster());
        assertEquals(SignerNames.KUBE_APISERVER_CLIENT, published.signerName());
        assertEquals(CLIENT_POLICY, published.policy());
        assertEquals(KeyMode.file, published.keyMode());
        assertTrue(published.caWorks());
        assertNull(published.caProblem());
        assertEquals(List.of("CN=current client CA", "CN=previous client CA"),
                certificates(published.trustBundle()).stream().map(c -> c.getSubject().toString()).toList());
    }

    @Test
    void refusesARequestCarryingTheKeyOfAnyOfItsCas() throws Exception {
        Signer signer = rotatingClientSigner();

        for (KeyPair caKey : List.of(currentCaKey, previousCaKey)) {
            List<Violation> violations = signer.check(CertificationRequests.parsePem(
                    TestPki.csr("O=dev,CN=alice").key(caKey).pem()), Set.of("client auth"));
            assertEquals(List.of(Violation.Reason.KEY_IS_A_CA_KEY), violations.stream().map(Violation::reason)
                    .toList());
        }
        assertEquals(List.of(), signer.check(CertificationRequests.parsePem(TestPki.csr("O=dev,CN=alice").pem()),
                Set.of("client auth")));
    }

    @Test
    void judgesTheKeyAndThePolicyTogether() throws Exception {
        Signer signer = rotatingClientSigner();

        List<Violation> violations = signer.check(CertificationRequests.parsePem(
                TestPki.fixture("short-rsa-key.csr")), Set.of("server auth"));

        assertEquals(List.of(Violation.Reason.KEY_TOO_SMALL, Violation.Reason.USAGE_NOT_PERMITTED,
                Violation.Reason.USAGE_REQUIRED), violations.stream().map(Violation::reason).toList());
    }

    @Test
    void admitsAnApprovedRequestOnlyWhenItKeepsEveryRule() throws Exception {
        Signer signer = rotatingClientSigner();

        assertEquals("alice", signer.admit(approved(TestPki.csr("O=dev,CN=alice").pem(), List.of("client auth"),
                null), PERSON).subject().commonName());
        RequestRefusedException serverAuth = assertThrows(RequestRefusedException.class, () -> signer.admit(approved(TestPki.csr("O=dev,CN=alice").pem(), List.of("server auth"), null), PERSON));
        RequestRefusedException tooShort = assertThrows(RequestRefusedException.class, () -> signer.admit(approved(TestPki.csr("O=dev,CN=alice").pem(), List.of("client auth"), 599), PERSON));
        RequestRefusedException unparseable = assertThrows(RequestRefusedException.class, () -> signer.admit(approved(TestPki.fixture("bad-signature.csr"), List.of("client auth"), null), PERSON));

        assertTrue(serverAuth.getMessage().startsWith(SignerNames.KUBE_APISERVER_CLIENT + " refuses this request: "),
                serverAuth.getMessage());
        assertTrue(tooShort.getMessage().contains("expirationSeconds 599"), tooShort.getMessage());
        assertTrue(unparseable.getMessage().contains("signature"), unparseable.getMessage());
    }

    @Test
    void aPersonsApprovalCountsOnlyWithEveryApproverTheSignerNeeds() throws Exception {
        writeCa("kubernetes.io:kube-apiserver-client", "CN=current client CA", currentCaKey);
        Signer fourEyes = assemble(definition(new ApprovalRules(2, false), List.of())).find(CLIENT).orElseThrow();
        String pem = TestPki.csr("O=dev,CN=alice").pem();

        RequestRefusedException alone = assertThrows(RequestRefusedException.class,
                () -> fourEyes.admit(approvedBy(pem, List.of("bob")), PERSON));
        RequestRefusedException withRequester = assertThrows(RequestRefusedException.class,
                () -> fourEyes.admit(approvedBy(pem, List.of("alice", "bob")), PERSON));

        assertTrue(alone.getMessage().contains("needs 2 distinct approvers, and the request records 1 [bob]"),
                alone.getMessage());
        assertTrue(withRequester.getMessage().contains("does not let the requester alice approve"),
                withRequester.getMessage());
        assertEquals("alice", fourEyes.admit(approvedBy(pem, List.of("bob", "carol")), PERSON).subject()
                .commonName());
        assertEquals("alice", fourEyes.admit(approvedBy(pem, List.of()), Actor.policy("team-clients")).subject()
                .commonName(), "an approval policy approves alone");
    }

    @Test
    void refusesAnApprovedRequestWhoseSubjectReadsMoreThanOneWay() throws Exception {
        Signer signer = rotatingClientSigner();

        for (String fixture : List.of("two-common-names-node.csr", "masters-in-multi-valued-rdn.csr")) {
            RequestRefusedException refused = assertThrows(RequestRefusedException.class,
                    () -> signer.admit(approved(TestPki.fixture(fixture), List.of("client auth"), null), PERSON), fixture);
            assertTrue(refused.getMessage().contains("subject"), refused.getMessage());
        }
    }

    @Test
    void grantsTheLifetimeOfItsPolicy() throws Exception {
        Signer signer = rotatingClientSigner();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        assertEquals(now.plus(Duration.ofDays(30)).minus(Validity.BACKDATE),
                signer.validity(now, null).notAfter());
        assertEquals(now.plusSeconds(Lifetime.MINIMUM.toSeconds()),
                signer.validity(now, (int) Lifetime.MINIMUM.toSeconds()).notAfter());
    }

    @Test
    void keepsASignerWhoseCaKeyIsMissingAndSaysWhy() throws Exception {
        writeCa("kubernetes.io:kube-apiserver-client", "CN=current client CA", currentCaKey);
        Files.delete(caRoot.resolve("default/kubernetes.io:kube-apiserver-client/ca.key"));

        Signer signer = assemble(definition(List.of())).find(CLIENT).orElseThrow();

        SignerData published = signer.describe(ACTOR);
        assertFalse(published.caWorks());
        assertTrue(published.caProblem().contains("ca.key is missing"), published.caProblem());
        assertThrows(CaUnavailableException.class, signer::ca);
    }

    @Test
    void refusesToStartWithoutTheCertificateOfACaItShouldPublish() {
        writeCa("kubernetes.io:kube-apiserver-client", "CN=current client CA", currentCaKey);

        SignerConfigurationException refused = assertThrows(SignerConfigurationException.class,
                () -> assemble(definition(List.of("retired"))));

        assertTrue(refused.getMessage().contains("retired/ca.crt is missing"), refused.getMessage());
    }

    @Test
    void servesOnlyTheSignersItWasGiven() throws Exception {
        Signers signers = assemble(definitionWithCa());

        assertTrue(signers.find(CLIENT).isPresent());
        assertTrue(signers.find(new SignerId("default", SignerNames.KUBELET_SERVING)).isEmpty());
        assertTrue(signers.find(new SignerId("edge", SignerNames.KUBE_APISERVER_CLIENT)).isEmpty());
    }

    /** Alice's request for the client usages, approved by {@code approvers}. */
    private static CsrSnapshot approvedBy(String requestPem, List<String> approvers) {
        return new CsrSnapshot("default", "approved", "uid-1", 3, Instant.now(), SignerNames.KUBE_APISERVER_CLIENT,
                requestPem, List.of("client auth"), null, "alice", null, List.of(), null,
                List.of(new CsrCondition(CsrCondition.APPROVED, "True", "Test", "approved by a test", Instant.now(),
                        Instant.now())), null, approvers);
    }

    /** {@code requestPem} from the client signer as approval-service hands it over: approved, not yet issued. */
    private static CsrSnapshot approved(String requestPem, List<String> usages, Integer expirationSeconds) {
        return new CsrSnapshot("default", "approved", "uid-1", 3, Instant.now(), SignerNames.KUBE_APISERVER_CLIENT,
                requestPem, usages, expirationSeconds, "alice", null, List.of(), null,
                List.of(new CsrCondition(CsrCondition.APPROVED, "True", "Test", "approved by a test", Instant.now(),
                        Instant.now())), null);
    }

    private Signer rotatingClientSigner() {
        writeCa("previous", "CN=previous client CA", previousCaKey);
        writeCa("kubernetes.io:kube-apiserver-client", "CN=current client CA", currentCaKey);
        return assemble(definition(List.of("previous"))).find(CLIENT).orElseThrow();
    }

    private SignerDefinition definitionWithCa() {
        writeCa("kubernetes.io:kube-apiserver-client", "CN=current client CA", currentCaKey);
        return definition(List.of());
    }

    private SignerDefinition definition(List<String> alsoTrusted) {
        return definition(null, alsoTrusted);
    }

    private SignerDefinition definition(ApprovalRules approval, List<String> alsoTrusted) {
        Path cluster = caRoot.resolve("default");
        return new SignerDefinition(CLIENT, CLIENT_POLICY, approval, cluster.resolve(CLIENT.directoryName()),
                alsoTrusted.stream().map(cluster::resolve).toList());
    }

    private static Signers assemble(SignerDefinition definition) {
        return Signers.assemble(List.of(definition), CertificateAuthorities.loadPemFiles(
                Map.of(definition.id(), definition.caDirectory()), Optional.empty()));
    }

    private void writeCa(String directory, String subject, KeyPair key) {
        TestPki.writeCa(caRoot.resolve("default").resolve(directory),
                TestPki.caCertificate(key, subject, Instant.now().plus(Duration.ofDays(365))), key);
    }

    private static List<X509CertificateHolder> certificates(String pem) throws Exception {
        List<X509CertificateHolder> certificates = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                certificates.add((X509CertificateHolder) object);
            }
        }
        return certificates;
    }
}
