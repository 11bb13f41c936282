package io.certpipe.common.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.certpipe.common.csr.TestPki;

/** {@code ${node}} in DNS name patterns: the requesting node's name, and nobody else's. */
class NodePlaceholderTest {

    private static final String NODE_NAMES = "{'dnsNames': {'allowed': ['${node}', '${node}.**']}}";

    @Test
    void permitsTheNodesOwnNameAndNamesBelowIt() {
        TestRequest request = TestRequest.of(TestPki.csr("CN=system:node:n1").dns("n1").dns("n1.example.com")
                .dns("n1.a.cluster.local").pem());

        assertEquals(List.of(), ConstraintsTest.broken(NODE_NAMES, request));
    }

    @Test
    void refusesAnotherNodesNameNamingTheSubstitutedPatterns() {
        TestRequest request = TestRequest.of(TestPki.csr("CN=system:node:n1").dns("n2.example.com").pem());

        assertEquals(List.of("spec.constraints.dnsNames.allowed: "
                + "DNS name \"n2.example.com\" is not permitted (permitted: n1, n1.**)"),
                ConstraintsTest.broken(NODE_NAMES, request));
    }

    @Test
    void refusesANameThatMerelyBeginsWithTheNodesName() {
        TestRequest request = TestRequest.of(TestPki.csr("CN=system:node:n1").dns("n10.example.com").pem());

        assertEquals(List.of("spec.constraints.dnsNames.allowed: "
                + "DNS name \"n10.example.com\" is not permitted (permitted: n1, n1.**)"),
                ConstraintsTest.broken(NODE_NAMES, request));
    }

    @Test
    void aRequesterThatIsNoNodeCannotMeetPatternsNamingTheNode() {
        TestRequest request = TestRequest.of(TestPki.csr("CN=alice").dns("alice.example.com").pem())
                .by("alice", "developers");

        assertEquals(List.of("spec.constraints.dnsNames.allowed: names the requesting node, "
                + "but the requester \"alice\" is no node (system:node:<name>)"),
                ConstraintsTest.broken(NODE_NAMES, request));
    }

    @Test
    void aRequesterThatIsNoNodeCannotMeetStartWithNode() {
        TestRequest request = TestRequest.of(TestPki.csr("CN=alice").pem()).by("alice", "developers");

        assertEquals(List.of("spec.constraints.dnsNames.startWithNode: names the requesting node, "
                + "but the requester \"alice\" is no node (system:node:<name>)"),
                ConstraintsTest.broken("{'dnsNames': {'startWithNode': true}}", request));
    }

    @Test
    void validatesPatternsWithTheNodeInThem() {
        assertEquals(List.of(), TestPolicies.spec("{'constraints': " + NODE_NAMES + "}").problems());
        assertEquals(List.of("spec.constraints.dnsNames.allowed[0]: 'node_1' has the label 'node_1': labels are "
                + "1 to 63 letters, digits or '-', and neither start nor end with '-'"),
                TestPolicies.spec("{'constraints': {'dnsNames': {'allowed': ['${node}_1']}}}").problems().stream()
                        .map(FieldProblem::toString).toList());
    }
}
