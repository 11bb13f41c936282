package io.certpipe.common.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What makes a policy's spec unusable, each problem named by the path of its field. */
class ValidationTest {

    private static final String LABEL_RULE = "labels are 1 to 63 letters, digits or '-', and neither start nor end "
            + "with '-'";

    static Stream<Arguments> specs() {
        return Stream.of(
                row("accepts an empty spec", "{}"),
                row("refuses a signer name that is neither domain/path nor domain/*",
                        "{'selector': {'signerNames': ['kubernetes.io/kubelet-serving', 'example']}}",
                        "spec.selector.signerNames[1]: must be a fully qualified domain and path of the form "
                                + "'example.com/signer-name', or '<domain>/*' for every signer of a domain"),
                row("refuses a domain/* whose domain is no DNS subdomain",
                        "{'selector': {'signerNames': ['example.com/*', 'Example.com/*']}}",
                        "spec.selector.signerNames[1]: the domain part must be a valid DNS-1123 subdomain "
                                + "(lower-case alphanumerics, '-' and '.')"),
                row("refuses a * inside a user name pattern", "{'selector': {'users': ['system:node:*', 'a*b']}}",
                        "spec.selector.users[1]: '*' may only end a user name pattern"),
                row("refuses an empty group", "{'selector': {'groups': ['']}}",
                        "spec.selector.groups[0]: must not be empty"),
                row("refuses an empty glob", "{'constraints': {'subject': {'commonName': {'patterns': ['']}, "
                                + "'organizations': {'allowed': ['system:*'], 'required': ['']}}}}",
                        "spec.constraints.subject.commonName.patterns[0]: must not be empty",
                        "spec.constraints.subject.organizations.required[0]: must not be empty"),
                row("refuses an invalid DNS name pattern",
                        "{'constraints': {'dnsNames': {'allowed': ['*.example.com', 'a_b.example.com']}}}",
                        "spec.constraints.dnsNames.allowed[1]: 'a_b.example.com' has the label 'a_b': " + LABEL_RULE),
                row("refuses a placeholder other than ${node}",
                        "{'constraints': {'dnsNames': {'allowed': ['${nodes}.example.com']}}}",
                        "spec.constraints.dnsNames.allowed[0]: '${nodes}.example.com' has the label '${nodes}': "
                                + LABEL_RULE),
                row("refuses ${node} outside DNS name patterns",
                        "{'constraints': {'uris': {'allowed': ['spiffe://${node}/kubelet']}}}",
                        "spec.constraints.uris.allowed[0]: ${node} stands for the node's name in dnsNames patterns "
                                + "only"),
                row("refuses an invalid CIDR",
                        "{'constraints': {'ipAddresses': {'allowed': ['10.0.0.0/8', '10.0.0.1/8', '10.0.0.0/33']}}}",
                        "spec.constraints.ipAddresses.allowed[1]: '10.0.0.1/8' has address bits set after its prefix; "
                                + "the block starts at another address",
                        "spec.constraints.ipAddresses.allowed[2]: '10.0.0.0/33' has a prefix length out of range"),
                row("refuses a negative count", "{'constraints': {'emailAddresses': {'maxCount': -1}, "
                                + "'subjectAlternativeNames': {'maxCount': -1}}}",
                        "spec.constraints.emailAddresses.maxCount: must not be negative",
                        "spec.constraints.subjectAlternativeNames.maxCount: must not be negative"),
                row("refuses a name required where none is permitted", "{'constraints': {"
                                + "'ipAddresses': {'allowed': [], 'required': true}, "
                                + "'subjectAlternativeNames': {'maxCount': 0, 'atLeastOne': true}}}",
                        "spec.constraints.ipAddresses.required: a name is required but none is permitted",
                        "spec.constraints.subjectAlternativeNames.atLeastOne: a name is required but maxCount "
                                + "permits none"),
                row("refuses an unknown usage and a required usage not allowed",
                        "{'constraints': {'usages': {'allowed': ['server-auth'], 'required': ['client auth']}}}",
                        "spec.constraints.usages.allowed[0]: \"server-auth\" is not a certificates.k8s.io/v1 usage",
                        "spec.constraints.usages.required[0]: \"client auth\" is required but not allowed"),
                row("refuses a lifetime that is not positive", "{'constraints': {'maxExpirationSeconds': 0}}",
                        "spec.constraints.maxExpirationSeconds: must be positive"),
                row("refuses unknown key algorithms and curves and sizes that contradict",
                        "{'constraints': {'keys': {'allowed': [{'algorithm': 'DSA'}, "
                                + "{'algorithm': 'ECDSA', 'curves': ['P-256', 'secp256k1']}, "
                                + "{'algorithm': 'RSA', 'minSize': 4096, 'maxSize': 2048}, "
                                + "{'algorithm': 'RSA', 'minSize': 0}, "
                                + "{'algorithm': 'Ed25519', 'curves': ['P-256']}, {'maxSize': 4096}]}}}",
                        "spec.constraints.keys.allowed[0].algorithm: \"DSA\" is not one of RSA, ECDSA, Ed25519",
                        "spec.constraints.keys.allowed[1].curves[1]: \"secp256k1\" is not one of P-256, P-384, P-521",
                        "spec.constraints.keys.allowed[2].minSize: 4096 is more than maxSize 2048",
                        "spec.constraints.keys.allowed[3].minSize: must be positive",
                        "spec.constraints.keys.allowed[4].curves: applies to ECDSA keys only",
                        "spec.constraints.keys.allowed[5].algorithm: required (one of RSA, ECDSA, Ed25519)",
                        "spec.constraints.keys.allowed[5].maxSize: applies to RSA keys only"),
                row("refuses a key constraint that permits no key", "{'constraints': {'keys': {'allowed': []}}}",
                        "spec.constraints.keys.allowed: permits no key at all; leave keys out to permit any"),
                row("refuses requester access without verb or resource",
                        "{'constraints': {'requesterAccess': [{'verb': 'get', 'resource': 'nodes'}, "
                                + "{'group': 'certificates.k8s.io', 'subresource': 'selfnodeclient'}]}}",
                        "spec.constraints.requesterAccess[1].verb: required",
                        "spec.constraints.requesterAccess[1].resource: required"),
                row("refuses an unknown onViolation", "{'onViolation': 'deny'}",
                        "spec.onViolation: \"deny\" is not one of Deny, Ignore"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void namesEachProblemByItsField(String behaviour, String spec, List<String> expected) {
        assertEquals(expected, TestPolicies.spec(spec).problems().stream().map(FieldProblem::toString).toList());
    }

    private static Arguments row(String behaviour, String spec, String... problems) {
        return Arguments.of(behaviour, spec, List.of(problems));
    }
}
