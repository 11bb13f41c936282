package io.certpipe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.certpipe.common.csr.KeyUsages;
import io.certpipe.common.csr.SignerNames;
import io.certpipe.common.event.CsrCondition;
import io.certpipe.common.event.EventType;
import io.certpipe.common.event.SigningFailedData;

/** A user's request through kubectl, from create to approve or deny, as Kubernetes' CSR API behaves. */
class CsrLifecycleIT {

    /**
     * Kubernetes backdates notBefore by five minutes and, for a TTL of 8 h or more, shortens notAfter as much; certpipe
     * never starts a certificate before its CA, which on a fresh stack is younger than five minutes.
     */
    private static final Duration BACKDATE = Duration.ofMinutes(5);
    private static final Duration CLOCK_SLACK = Duration.ofSeconds(2);
    /** A serial of 64 random bits is shorter than this once in 65,536 draws; a counter never reaches it. */
    private static final int MIN_SERIAL_BITS = 48;

    @TempDir
    static Path work;

    private final Kubectl admin = Kubectl.admin();

    @Test
    void approvedClientRequestIsIssuedAVerifiableCertificateThatLogsIn() throws Exception {
        String name = Csrs.uniqueName("alice");
        Openssl.KeyAndRequest alice = Openssl.newKeyAndRequest(work, name, "/CN=alice/O=dev-team");
        admin.create(Csrs.Manifest.of(name, alice.requestPem(), SignerNames.KUBE_APISERVER_CLIENT,
                Csrs.CLIENT_USAGES).yaml());

        Kubectl.TableRow pending = admin.tableRow(name);
        assertEquals(name, pending.cell("NAME"));
        assertEquals(SignerNames.KUBE_APISERVER_CLIENT, pending.cell("SIGNERNAME"));
        assertEquals("certpipe-admin", pending.cell("REQUESTOR"));
        assertEquals("24h", pending.cell("REQUESTEDDURATION"));
        assertEquals("Pending", pending.cell("CONDITION"));
        assertTrue(admin.get(name).path("status").path("conditions").isMissingNode(),
                "a pending request has no conditions field: " + admin.get(name));

        Instant approvedAt = Instant.now();
        admin.approve(name);
        String certificatePem = Csrs.awaitCertificate(admin, name);
        Instant issuedBy = Instant.now();
        Identities.Identity identity = Identities.write(work, name, "alice", alice.key(), certificatePem);

        Command.Result verify = Openssl.verify(Stack.signerCa(SignerNames.KUBE_APISERVER_CLIENT),
                identity.certificate());
        assertTrue(verify.succeeded() && verify.stdout().contains(": OK"), "openssl verify: " + verify);

        String text = Openssl.text(identity.certificate());
        String subject = text.lines().filter(line -> line.trim().startsWith("Subject:")).findFirst().orElseThrow();
        assertTrue(subject.contains("CN = alice") && subject.contains("O = dev-team"), subject);
        assertTrue(text.contains("TLS Web Client Authentication"), text);
        assertFalse(text.contains("TLS Web Server Authentication"), text);
        // The request asks for key encipherment too, but an EC key cannot encrypt: the signer leaves it out.
        assertTrue(text.contains("Digital Signature") && !text.contains("Key Encipherment"), text);
        assertTrue(text.contains("CA:FALSE"), text);
        assertFalse(text.contains("Subject Alternative Name"), "no SANs were requested:\n" + text);

        X509Certificate certificate = parse(certificatePem);
        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        assertEquals(Duration.ofSeconds(Csrs.ONE_DAY_SECONDS), Duration.between(notBefore, notAfter),
                "a 24 h request: notBefore = now - 5 min, notAfter = now + 24 h - 5 min");
        Instant caNotBefore = parse(Files.readString(Stack.signerCa(SignerNames.KUBE_APISERVER_CLIENT)))
                .getNotBefore().toInstant();
        Instant latestNotBefore = issuedBy.minus(BACKDATE).isAfter(caNotBefore) ? issuedBy.minus(BACKDATE)
                : caNotBefore;
        assertTrue(!notBefore.isBefore(approvedAt.minus(BACKDATE).minus(CLOCK_SLACK))
                && !notBefore.isAfter(latestNotBefore.plus(CLOCK_SLACK)),
                "notBefore " + notBefore + " is five minutes before signing (never before the CA, " + caNotBefore
                        + "), signed between " + approvedAt + " and " + issuedBy);
        assertTrue(certificate.getSerialNumber().bitLength() >= MIN_SERIAL_BITS,
                "serial " + certificate.getSerialNumber().toString(16) + " has too few random bits");

        assertEquals("Approved,Issued", admin.tableRow(name).cell("CONDITION"));

        Command.Result whoami = identity.kubectl().run("auth", "whoami").requireSuccess("kubectl auth whoami");
        assertTrue(whoami.stdout().matches("(?s).*Username\\s+alice\\s.*"), "the certificate logs in: " + whoami);
        Command.Result asAlice = identity.kubectl().run("get", "csr");
        assertFalse(asAlice.succeeded(), "alice is no admin: " + asAlice);
        assertTrue(asAlice.stderr().contains("Forbidden") && asAlice.stderr().contains("\"alice\"")
                && !asAlice.stderr().contains("Unauthorized"),
                "authenticated as alice by the issued certificate, then refused: " + asAlice.stderr());
    }

    @Test
    void deniedRequestNeverGetsACertificate() {
        String denied = Csrs.uniqueName("denied");
        String approved = Csrs.uniqueName("approved-after-denial");
        createClientRequest(denied, "/CN=mallory/O=dev-team");
        createClientRequest(approved, "/CN=carol/O=dev-team");

        admin.deny(denied);
        admin.approve(approved);
        Csrs.awaitCertificate(admin, approved);
        KafkaTopics.awaitConsumed("signing-service", EventType.APPROVED.topic());

        JsonNode csr = admin.get(denied);
        String uid = csr.path("metadata").path("uid").asText();
        JsonNode condition = Csrs.condition(csr, CsrCondition.DENIED).orElseThrow(
                () -> new AssertionError("no Denied condition: " + csr));
        assertEquals("True", condition.path("status").asText());
        assertFalse(Csrs.condition(csr, CsrCondition.APPROVED).isPresent(), "denied, not approved: " + csr);
        assertEquals("", admin.certificateField(denied));
        assertEquals("Denied", admin.tableRow(denied).cell("CONDITION"));
        assertEquals(1, KafkaTopics.events(EventType.DENIED, uid).size(), "one denied event");
        assertEquals(List.of(), KafkaTopics.events(EventType.APPROVED, uid));
        assertEquals(List.of(), KafkaTopics.events(EventType.SIGNED, uid));
    }

    @Test
    void requestWhoseUsagesTheSignerForbidsFailsAfterApproval() {
        String name = Csrs.uniqueName("server-auth-from-client-signer");
        Openssl.KeyAndRequest request = Openssl.newKeyAndRequest(work, name, "/CN=dave/O=dev-team");
        admin.create(Csrs.Manifest.of(name, request.requestPem(), SignerNames.KUBE_APISERVER_CLIENT,
                List.of(KeyUsages.DIGITAL_SIGNATURE, KeyUsages.SERVER_AUTH)).yaml());
        admin.approve(name);

        JsonNode failed = Csrs.awaitCondition(admin, name, CsrCondition.FAILED);
        assertEquals(SigningFailedData.SIGNER_VALIDATION_FAILURE, failed.path("reason").asText(), failed.toString());
        assertFalse(failed.path("message").asText().isBlank(), "the broken rule is named: " + failed);
        assertEquals("Approved,Failed", admin.tableRow(name).cell("CONDITION"));
        assertEquals("", admin.certificateField(name));
    }

    @Test
    void deletedRequestIsGoneAndItsDeletionPublished() {
        String name = Csrs.uniqueName("deleted");
        createClientRequest(name, "/CN=erin/O=dev-team");
        String uid = admin.get(name).path("metadata").path("uid").asText();

        admin.delete(name);

        assertTrue(admin.find(name).isEmpty(), "kubectl get csr " + name + " answers NotFound after delete");
        KafkaTopics.awaitEvents(EventType.DELETED, uid, 1);
    }

    private void createClientRequest(String name, String subject) {
        Openssl.KeyAndRequest request = Openssl.newKeyAndRequest(work, name, subject);
        admin.create(Csrs.Manifest.of(name, request.requestPem(), SignerNames.KUBE_APISERVER_CLIENT,
                Csrs.CLIENT_USAGES).yaml());
    }

    private static X509Certificate parse(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }
}
