package io.certpipe.common.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.certpipe.common.csr.TestPki;

/** Which requests a policy selects, on the kubelet serving request of node n1 (groups system:nodes, authenticated). */
class SelectorTest {

    private static final TestRequest N1 = TestRequest.of(TestPki.csr("O=system:nodes,CN=system:node:n1").pem());

    static Stream<Arguments> selectors() {
        return Stream.of(
                Arguments.of("an absent selector selects every request", "{}", N1, true),
                Arguments.of("empty lists select every request",
                        "{'signerNames': [], 'users': [], 'groups': []}", N1, true),
                Arguments.of("an exact signer name selects its signer",
                        "{'signerNames': ['kubernetes.io/kubelet-serving']}", N1, true),
                Arguments.of("an exact signer name selects no other signer",
                        "{'signerNames': ['kubernetes.io/kube-apiserver-client-kubelet']}", N1, false),
                Arguments.of("domain/* selects every signer of the domain", "{'signerNames': ['example.com/*']}",
                        N1.signer("example.com/serving"), true),
                Arguments.of("domain/* selects no signer of a longer domain", "{'signerNames': ['example.com/*']}",
                        N1.signer("example.com.evil.org/serving"), false),
                Arguments.of("an exact user selects that user", "{'users': ['alice', 'system:node:n1']}", N1, true),
                Arguments.of("an exact user selects no user it prefixes", "{'users': ['system:node:n']}", N1, false),
                Arguments.of("a trailing * selects every user with the prefix", "{'users': ['system:node:*']}", N1,
                        true),
                Arguments.of("a trailing * selects no user without the prefix", "{'users': ['system:node:*']}",
                        N1.by("system:serviceaccount:kube-system:node-controller", "system:serviceaccounts"), false),
                Arguments.of("groups select a requester in any of them",
                        "{'groups': ['system:masters', 'system:nodes']}", N1, true),
                Arguments.of("groups select no requester in none of them", "{'groups': ['system:masters']}", N1,
                        false),
                Arguments.of("every list given must match",
                        "{'signerNames': ['kubernetes.io/kubelet-serving'], 'users': ['system:node:*'], "
                                + "'groups': ['system:masters']}", N1, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("selectors")
    void selectsByEveryListGiven(String behaviour, String selector, TestRequest request, boolean selected) {
        ApprovalPolicy policy = TestPolicies.policy("p", "{'selector': " + selector + "}");

        assertEquals(selected, policy.selects(request.csr()));
    }
}
