package io.certpipe.common.signer;

import static io.certpipe.common.signer.Violation.Reason.ALTERNATIVE_NAME_REQUIRED;
import static io.certpipe.common.signer.Violation.Reason.CA_NOT_PERMITTED;
import static io.certpipe.common.signer.Violation.Reason.COMMON_NAME_NOT_PERMITTED;
import static io.certpipe.common.signer.Violation.Reason.DNS_NAME_NOT_PERMITTED;
import static io.certpipe.common.signer.Violation.Reason.EMAIL_ADDRESS_NOT_PERMITTED;
import static io.certpipe.common.signer.Violation.Reason.IP_ADDRESS_NOT_PERMITTED;
import static io.certpipe.common.signer.Violation.Reason.ORGANIZATION_FORBIDDEN;
import static io.certpipe.common.signer.Violation.Reason.ORGANIZATION_NOT_PERMITTED;
import static io.certpipe.common.signer.Violation.Reason.ORGANIZATION_REQUIRED;
import static io.certpipe.common.signer.Violation.Reason.URI_NOT_PERMITTED;
import static io.certpipe.common.signer.Violation.Reason.USAGE_NOT_PERMITTED;
import static io.certpipe.common.signer.Violation.Reason.USAGE_REQUIRED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.certpipe.common.csr.CertificationRequests;
import io.certpipe.common.csr.SignerNames;
import io.certpipe.common.csr.TestPki;

/** Kubernetes' rules for its three built-in signers, one row per case; no reason means the request is signed. */
class KubernetesSignersTest {

    private static final String NODE = "O=system:nodes,CN=system:node:n1";
    private static final Set<String> CLIENT = Set.of("digital signature", "key encipherment", "client auth");
    private static final Set<String> KUBELET_CLIENT = Set.of("digital signature", "client auth");
    private static final Set<String> SERVING = Set.of("digital signature", "key encipherment", "server auth");
    private static final String ALICE = "O=developers,CN=alice";

    static Stream<Arguments> kubeApiserverClient() {
        return Stream.of(
                row("accepts all three allowed usages", TestPki.csr(ALICE).pem(), CLIENT),
                row("accepts client auth alone", TestPki.csr(ALICE).pem(), Set.of("client auth")),
                row("accepts names of every kind", TestPki.csr(ALICE).dns("alice.example").ip("10.1.2.3")
                        .ip("2001:db8::1").email("alice@example.com").uri("spiffe://cluster/alice").pem(), CLIENT),
                row("accepts any organization but system:masters", TestPki.csr("O=a,O=b,CN=carol").pem(), CLIENT),
                row("refuses server auth", TestPki.csr(ALICE).pem(), Set.of("client auth", "server auth"),
                        USAGE_NOT_PERMITTED),
                row("refuses a request without client auth", TestPki.csr(ALICE).pem(), Set.of("digital signature"),
                        USAGE_REQUIRED),
                row("refuses system:masters", TestPki.csr("O=system:masters,CN=mallory").pem(), CLIENT,
                        ORGANIZATION_FORBIDDEN),
                row("refuses system:masters among other groups",
                        TestPki.csr("O=developers,O=system:masters,CN=mallory").pem(), CLIENT, ORGANIZATION_FORBIDDEN),
                row("refuses a request to be a CA", TestPki.fixture("ca-requested.csr"), CLIENT, CA_NOT_PERMITTED),
                row("reports every broken rule at once", TestPki.csr("O=system:masters,CN=mallory").pem(),
                        Set.of("server auth"), ORGANIZATION_FORBIDDEN, USAGE_NOT_PERMITTED, USAGE_REQUIRED));
    }

    static Stream<Arguments> kubeletClient() {
        return Stream.of(
                row("accepts a node with the minimal usages", TestPki.csr(NODE).pem(), KUBELET_CLIENT),
                row("accepts key encipherment as well", TestPki.csr(NODE).pem(), CLIENT),
                row("refuses a DNS SAN", TestPki.csr(NODE).dns("n1.example").pem(), KUBELET_CLIENT,
                        DNS_NAME_NOT_PERMITTED),
                row("refuses an IP SAN", TestPki.csr(NODE).ip("10.0.0.1").pem(), KUBELET_CLIENT,
                        IP_ADDRESS_NOT_PERMITTED),
                row("refuses a wrong organization", TestPki.fixture("wrong-organization-node.csr"), KUBELET_CLIENT,
                        ORGANIZATION_NOT_PERMITTED, ORGANIZATION_REQUIRED),
                row("refuses a second organization", TestPki.csr("O=system:nodes,O=admins,CN=system:node:n1").pem(),
                        KUBELET_CLIENT, ORGANIZATION_NOT_PERMITTED),
                row("refuses a missing organization", TestPki.csr("CN=system:node:n1").pem(), KUBELET_CLIENT,
                        ORGANIZATION_REQUIRED),
                row("refuses a non-node common name", TestPki.csr("O=system:nodes,CN=alice").pem(), KUBELET_CLIENT,
                        COMMON_NAME_NOT_PERMITTED),
                row("refuses an empty node name", TestPki.csr("O=system:nodes,CN=system:node:").pem(),
                        KUBELET_CLIENT, COMMON_NAME_NOT_PERMITTED),
                row("refuses a missing digital signature", TestPki.csr(NODE).pem(), Set.of("client auth"),
                        USAGE_REQUIRED),
                row("refuses server auth", TestPki.csr(NODE).pem(),
                        Set.of("digital signature", "client auth", "server auth"), USAGE_NOT_PERMITTED));
    }

    static Stream<Arguments> kubeletServing() {
        return Stream.of(
                row("accepts a DNS name", TestPki.csr(NODE).dns("n1.example").pem(), SERVING),
                row("accepts an IP address alone", TestPki.csr(NODE).ip("10.0.0.1").pem(),
                        Set.of("digital signature", "server auth")),
                row("accepts an IPv6 address", TestPki.csr(NODE).ip("fd00::1").pem(), SERVING),
                row("refuses no SAN", TestPki.csr(NODE).pem(), SERVING, ALTERNATIVE_NAME_REQUIRED),
                row("refuses an email SAN", TestPki.fixture("email-san-node-serving.csr"), SERVING,
                        EMAIL_ADDRESS_NOT_PERMITTED),
                row("refuses a URI SAN", TestPki.csr(NODE).dns("n1.example").uri("spiffe://cluster/n1").pem(),
                        SERVING, URI_NOT_PERMITTED),
                row("refuses a malformed DNS name", TestPki.csr(NODE).dns("n1_.example").pem(), SERVING,
                        DNS_NAME_NOT_PERMITTED),
                row("refuses a wrong organization", TestPki.csr("O=nodes,CN=system:node:n1").dns("n1").pem(),
                        SERVING, ORGANIZATION_NOT_PERMITTED, ORGANIZATION_REQUIRED),
                row("refuses client auth", TestPki.csr(NODE).dns("n1.example").pem(),
                        Set.of("digital signature", "server auth", "client auth"), USAGE_NOT_PERMITTED),
                row("refuses a missing server auth", TestPki.csr(NODE).dns("n1.example").pem(),
                        Set.of("digital signature"), USAGE_REQUIRED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kubeApiserverClient")
    void kubeApiserverClientRules(String rule, String csr, Set<String> usages, List<Violation.Reason> expected) {
        assertViolations(SignerNames.KUBE_APISERVER_CLIENT, csr, usages, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kubeletClient")
    void kubeletClientRules(String rule, String csr, Set<String> usages, List<Violation.Reason> expected) {
        assertViolations(SignerNames.KUBE_APISERVER_CLIENT_KUBELET, csr, usages, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kubeletServing")
    void kubeletServingRules(String rule, String csr, Set<String> usages, List<Violation.Reason> expected) {
        assertViolations(SignerNames.KUBELET_SERVING, csr, usages, expected);
    }

    @Test
    void namesTheBrokenRuleInWordsTheRequesterUnderstands() {
        List<Violation> violations = policy(SignerNames.KUBE_APISERVER_CLIENT).check(
                CertificationRequests.parsePem(TestPki.csr("O=system:masters,CN=mallory").pem()),
                Set.of("client auth", "server auth"));

        assertEquals(List.of("organization \"system:masters\" is not allowed", "usage \"server auth\" is not allowed"),
                violations.stream().map(Violation::message).toList());
    }

    @Test
    void coversExactlyTheBuiltInSignersThatIssue() {
        assertEquals(Set.copyOf(SignerNames.BUILT_IN),
                KubernetesSigners.policies(KubernetesSigners.DEFAULT_SIGNING_DURATION).keySet());
    }

    @Test
    void isValidConfigurationWithTheClusterSigningDurationAsLifetime() {
        Duration thirtyDays = Duration.ofDays(30);
        KubernetesSigners.policies(thirtyDays).forEach((name, policy) -> {
            assertEquals(List.of(), policy.problems(), name);
            assertEquals(thirtyDays, policy.lifetime().maximum(), name);
            assertEquals(thirtyDays, policy.lifetime().grantedFor(null), name);
        });
    }

    private static void assertViolations(String signerName, String csr, Set<String> usages,
            List<Violation.Reason> expected) {
        List<Violation> violations = policy(signerName).check(CertificationRequests.parsePem(csr), usages);

        assertEquals(expected, violations.stream().map(Violation::reason).toList(), violations.toString());
        violations.forEach(violation -> assertTrue(!violation.message().isBlank(), violation.reason().toString()));
    }

    private static SignerPolicy policy(String signerName) {
        return KubernetesSigners.policies(KubernetesSigners.DEFAULT_SIGNING_DURATION).get(signerName);
    }

    private static Arguments row(String rule, String csr, Set<String> usages, Violation.Reason... expected) {
        return Arguments.of(rule, csr, usages, List.of(expected));
    }
}
