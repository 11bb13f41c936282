package io.certpipe.common.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.certpipe.common.csr.TestPki;

/**
 * Every constraint, met and broken, on the request of node n1 unless a row says otherwise; a broken constraint is
 * named by its field path.
 */
class ConstraintsTest {

    private static final String N1 = "O=system:nodes,CN=system:node:n1";
    private static final String KEYS = "{'keys': {'allowed': [{'algorithm': 'ECDSA', 'curves': ['P-256', 'P-384']},"
            + " {'algorithm': 'RSA', 'minSize': 2048, 'maxSize': 4096}, {'algorithm': 'Ed25519'}]}}";
    private static final String PERMITTED_KEYS = "(permitted: ECDSA P-256 or P-384, RSA of 2048-4096 bits, Ed25519)";

    static Stream<Arguments> constraints() {
        return Stream.of(
                row("permits a common name matching a pattern",
                        "{'subject': {'commonName': {'patterns': ['system:node:*']}}}", TestPki.csr(N1).pem()),
                row("refuses a common name matching no pattern",
                        "{'subject': {'commonName': {'patterns': ['system:node:*', 'web-?']}}}",
                        TestPki.csr("CN=alice").pem(), "spec.constraints.subject.commonName.patterns: "
                                + "common name \"alice\" is not permitted (permitted: system:node:*, web-?)"),
                row("permits a common name that is the requester",
                        "{'subject': {'commonName': {'equalsRequester': true}}}", TestPki.csr(N1).pem()),
                row("refuses a common name that is another user than the requester",
                        "{'subject': {'commonName': {'equalsRequester': true}}}",
                        TestPki.csr("CN=system:node:n2").pem(), "spec.constraints.subject.commonName.equalsRequester: "
                                + "common name \"system:node:n2\" is not the requesting user \"system:node:n1\""),
                row("permits organizations matching the allowed patterns",
                        "{'subject': {'organizations': {'allowed': ['system:*'], 'required': ['system:nodes']}}}",
                        TestPki.csr("O=system:nodes,O=system:bootstrappers,CN=system:node:n1").pem()),
                row("refuses an organization matching no allowed pattern",
                        "{'subject': {'organizations': {'allowed': ['system:nodes']}}}",
                        TestPki.csr("O=system:nodes,O=system:masters,CN=system:node:n1").pem(),
                        "spec.constraints.subject.organizations.allowed: "
                                + "organization \"system:masters\" is not permitted (permitted: system:nodes)"),
                row("refuses a subject without a required organization",
                        "{'subject': {'organizations': {'required': ['system:nodes']}}}",
                        TestPki.csr("CN=system:node:n1").pem(), "spec.constraints.subject.organizations.required: "
                                + "organization \"system:nodes\" is required"),
                row("permits DNS names the patterns cover",
                        "{'dnsNames': {'allowed': ['n1', '*.nodes.example.com', '**.cluster.local']}}",
                        TestPki.csr(N1).dns("n1").dns("a.nodes.example.com").dns("n1.x.cluster.local").pem()),
                row("refuses a DNS name no pattern covers",
                        "{'dnsNames': {'allowed': ['*.nodes.example.com']}}",
                        TestPki.csr(N1).dns("a.b.nodes.example.com").pem(), "spec.constraints.dnsNames.allowed: DNS "
                                + "name \"a.b.nodes.example.com\" is not permitted (permitted: *.nodes.example.com)"),
                row("leaves DNS names free when allowed is absent", "{'dnsNames': {'maxCount': 1}}",
                        TestPki.csr(N1).dns("anything.example.org").pem()),
                row("refuses every DNS name when allowed is empty", "{'dnsNames': {'allowed': []}}",
                        TestPki.csr(N1).dns("n1").pem(), "spec.constraints.dnsNames.allowed: "
                                + "DNS name \"n1\" is not permitted (this policy permits none)"),
                row("refuses more DNS names than maxCount", "{'dnsNames': {'maxCount': 2}}",
                        TestPki.csr(N1).dns("a.example.com").dns("b.example.com").dns("c.example.com").pem(),
                        "spec.constraints.dnsNames.maxCount: 3 DNS names requested, at most 2 permitted"),
                row("refuses a request without a required DNS name", "{'dnsNames': {'required': true}}",
                        TestPki.csr(N1).ip("10.0.0.1").pem(),
                        "spec.constraints.dnsNames.required: at least one DNS name is required"),
                row("permits DNS names that start with the node's name", "{'dnsNames': {'startWithNode': true}}",
                        TestPki.csr(N1).dns("n1").dns("n1.example.com").pem()),
                row("refuses a DNS name that starts with the node's name but another label",
                        "{'dnsNames': {'startWithNode': true}}", TestPki.csr(N1).dns("n10.example.com").pem(),
                        "spec.constraints.dnsNames.startWithNode: "
                                + "DNS name \"n10.example.com\" does not start with the node's name \"n1\""),
                row("permits IP addresses inside the ranges",
                        "{'ipAddresses': {'allowed': ['10.0.0.0/8', 'fd00::/8']}}",
                        TestPki.csr(N1).ip("10.1.2.3").ip("fd00::5").pem()),
                row("refuses an IP address outside the ranges", "{'ipAddresses': {'allowed': ['10.0.0.0/8']}}",
                        TestPki.csr(N1).ip("8.8.8.8").pem(), "spec.constraints.ipAddresses.allowed: "
                                + "IP address \"8.8.8.8\" is not permitted (permitted: 10.0.0.0/8)"),
                row("refuses more IP addresses than maxCount", "{'ipAddresses': {'maxCount': 1}}",
                        TestPki.csr(N1).ip("10.0.0.1").ip("10.0.0.2").pem(),
                        "spec.constraints.ipAddresses.maxCount: 2 IP addresses requested, at most 1 permitted"),
                row("refuses a request without a required IP address", "{'ipAddresses': {'required': true}}",
                        TestPki.csr(N1).dns("n1").pem(),
                        "spec.constraints.ipAddresses.required: at least one IP address is required"),
                row("permits e-mail addresses matching a glob", "{'emailAddresses': {'allowed': ['*@example.com']}}",
                        TestPki.csr("CN=alice").email("alice@example.com").pem()),
                row("refuses an e-mail address matching no glob",
                        "{'emailAddresses': {'allowed': ['*@example.com']}}",
                        TestPki.csr("CN=alice").email("alice@example.com.evil.org").pem(),
                        "spec.constraints.emailAddresses.allowed: email address \"alice@example.com.evil.org\" "
                                + "is not permitted (permitted: *@example.com)"),
                row("refuses more e-mail addresses than maxCount", "{'emailAddresses': {'maxCount': 1}}",
                        TestPki.csr("CN=alice").email("a@example.com").email("b@example.com").pem(),
                        "spec.constraints.emailAddresses.maxCount: 2 email addresses requested, at most 1 permitted"),
                row("refuses a request without a required e-mail address", "{'emailAddresses': {'required': true}}",
                        TestPki.csr("CN=alice").pem(),
                        "spec.constraints.emailAddresses.required: at least one email address is required"),
                row("permits a URI matching a glob", "{'uris': {'allowed': ['spiffe://example.org/ns/*/sa/*']}}",
                        TestPki.csr("CN=web").uri("spiffe://example.org/ns/shop/sa/web").pem()),
                row("refuses a URI matching no glob", "{'uris': {'allowed': ['spiffe://example.org/ns/*/sa/*']}}",
                        TestPki.csr("CN=web").uri("spiffe://example.net/ns/shop/sa/web").pem(),
                        "spec.constraints.uris.allowed: URI \"spiffe://example.net/ns/shop/sa/web\" "
                                + "is not permitted (permitted: spiffe://example.org/ns/*/sa/*)"),
                row("refuses more URIs than maxCount", "{'uris': {'maxCount': 1}}",
                        TestPki.csr("CN=web").uri("spiffe://a/x").uri("spiffe://b/y").pem(),
                        "spec.constraints.uris.maxCount: 2 URIs requested, at most 1 permitted"),
                row("refuses a request without a required URI", "{'uris': {'required': true}}",
                        TestPki.csr("CN=web").pem(), "spec.constraints.uris.required: at least one URI is required"),
                row("permits as many names of all kinds as maxCount", "{'subjectAlternativeNames': {'maxCount': 3}}",
                        TestPki.csr(N1).dns("n1").ip("10.0.0.1").uri("spiffe://a/b").pem()),
                row("refuses more names of all kinds together than maxCount",
                        "{'subjectAlternativeNames': {'maxCount': 2}}",
                        TestPki.csr(N1).dns("n1").ip("10.0.0.1").email("n1@example.com").pem(),
                        "spec.constraints.subjectAlternativeNames.maxCount: "
                                + "3 subject alternative names requested, at most 2 permitted"),
                row("refuses a request without any name when one is required",
                        "{'subjectAlternativeNames': {'atLeastOne': true}}", TestPki.csr(N1).pem(),
                        "spec.constraints.subjectAlternativeNames.atLeastOne: "
                                + "at least one subject alternative name is required"),
                row("permits the allowed usages with the required ones",
                        "{'usages': {'allowed': ['digital signature', 'key encipherment', 'server auth'], "
                                + "'required': ['server auth']}}", TestPki.csr(N1).pem()),
                row("refuses a usage not allowed", "{'usages': {'allowed': ['digital signature', 'server auth']}}",
                        TestPki.csr(N1).pem(),
                        request -> request.usages("digital signature", "client auth", "server auth"),
                        "spec.constraints.usages.allowed: usage \"client auth\" is not permitted "
                                + "(permitted: digital signature, server auth)"),
                row("refuses a request without a required usage", "{'usages': {'required': ['client auth']}}",
                        TestPki.csr(N1).pem(), "spec.constraints.usages.required: usage \"client auth\" is required"),
                row("permits a lifetime up to maxExpirationSeconds", "{'maxExpirationSeconds': 86400}",
                        TestPki.csr(N1).pem(), request -> request.expirationSeconds(86400)),
                row("refuses a lifetime longer than maxExpirationSeconds", "{'maxExpirationSeconds': 86400}",
                        TestPki.csr(N1).pem(), request -> request.expirationSeconds(172800),
                        "spec.constraints.maxExpirationSeconds: expirationSeconds 172800 is more than 86400"),
                row("leaves a request for the signer's default lifetime to the signer",
                        "{'maxExpirationSeconds': 600}", TestPki.csr(N1).pem()),
                row("permits an ECDSA key on an allowed curve", KEYS, TestPki.csr(N1).pem()),
                row("refuses an ECDSA key on another curve", KEYS, TestPki.fixture("p521-key.csr"),
                        "spec.constraints.keys.allowed: ECDSA key on curve P-521 is not permitted " + PERMITTED_KEYS),
                row("permits an RSA key of an allowed size", KEYS,
                        TestPki.csr(N1).key(TestPki.rsaKey(2048)).pem()),
                row("refuses an RSA key below minSize", KEYS, TestPki.fixture("short-rsa-key.csr"),
                        "spec.constraints.keys.allowed: RSA key of 1024 bits is not permitted " + PERMITTED_KEYS),
                row("permits an Ed25519 key when Ed25519 is allowed", KEYS,
                        TestPki.csr(N1).key(TestPki.ed25519Key()).pem()),
                row("refuses an Ed25519 key when only ECDSA is allowed",
                        "{'keys': {'allowed': [{'algorithm': 'ECDSA'}]}}",
                        TestPki.csr(N1).key(TestPki.ed25519Key()).pem(), "spec.constraints.keys.allowed: "
                                + "Ed25519 key is not permitted (permitted: ECDSA P-256 or P-384 or P-521)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("constraints")
    void judgesEveryConstraint(String behaviour, String constraints, TestRequest request, List<String> expected) {
        assertEquals(expected, broken(constraints, request));
    }

    /** The constraints {@code request} breaks of a policy with {@code constraints}; empty when it permits it. */
    static List<String> broken(String constraints, TestRequest request) {
        PolicyEvaluation evaluation = TestPolicies.constraining(constraints).evaluate(request.candidate(),
                AccessAnswers.NONE);
        return switch (evaluation) {
            case PolicyEvaluation.Permitted permitted -> List.of();
            case PolicyEvaluation.Violated violated -> violated.broken().stream().map(BrokenConstraint::toString)
                    .toList();
            default -> throw new AssertionError(evaluation.explanation());
        };
    }

    private static Arguments row(String behaviour, String constraints, String pem, String... broken) {
        return row(behaviour, constraints, pem, request -> request, broken);
    }

    private static Arguments row(String behaviour, String constraints, String pem,
            UnaryOperator<TestRequest> change, String... broken) {
        return Arguments.of(behaviour, constraints, change.apply(TestRequest.of(pem)), List.of(broken));
    }
}
