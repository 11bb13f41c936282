package io.certpipe.common.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.junit.jupiter.api.Test;

/** The spec as it is stored and sent: JSON, read strictly, in the fixtures under {@code /approval/}. */
class ApprovalPolicyJsonTest {

    @Test
    void readsEveryFieldOfAPolicy() throws IOException {
        ApprovalPolicySpec spec = readSpec("every-field.json");

        assertEquals(List.of(), spec.problems());
        assertEquals(new Selector(List.of("kubernetes.io/kubelet-serving", "example.com/*"),
                List.of("system:node:*", "alice"), List.of("system:nodes")), spec.selector());
        Constraints constraints = spec.constraints();
        assertEquals(new SubjectConstraint(new CommonNameConstraint(List.of("system:node:*"), true),
                OrganizationConstraint.exactly(List.of("system:nodes"))), constraints.subject());
        assertEquals(new DnsNameConstraint(List.of("${node}", "${node}.**"), 5, false, false),
                constraints.dnsNames());
        assertEquals(new NameConstraint(List.of("spiffe://example.org/ns/*/sa/*"), 1, false), constraints.uris());
        assertEquals(new SubjectAlternativeNamesConstraint(5, true), constraints.subjectAlternativeNames());
        assertEquals(2592000, constraints.maxExpirationSeconds());
        assertEquals(new KeyConstraint(List.of(new KeyRule("ECDSA", List.of("P-256", "P-384"), null, null),
                new KeyRule("RSA", null, 2048, 4096), new KeyRule("Ed25519", null, null, null))), constraints.keys());
        assertEquals(List.of(new AccessRule("create", "certificates.k8s.io", "certificatesigningrequests",
                "selfnodeclient")), constraints.requesterAccess());
        assertTrue(spec.deniesViolations());
    }

    @Test
    void refusesAnUnknownFieldNamingItAndWhereItIs() {
        UnrecognizedPropertyException unknown = assertThrows(UnrecognizedPropertyException.class,
                () -> readSpec("misspelt-field.json"));

        assertEquals("startsWithNode", unknown.getPropertyName());
        assertEquals("constraints.dnsNames.startsWithNode", unknown.getPath().stream()
                .map(JsonMappingException.Reference::getFieldName).collect(Collectors.joining(".")));
    }

    @Test
    void ignoresViolationsUnlessTheSpecSaysDeny() {
        ApprovalPolicySpec spec = TestPolicies.spec("{}");

        assertEquals(ApprovalPolicySpec.IGNORE, spec.onViolation());
        assertFalse(spec.deniesViolations());
    }

    @Test
    void theBuiltInPoliciesRoundTripThroughJson() throws IOException {
        for (ApprovalPolicy policy : BuiltInApprovalPolicies.all()) {
            String json = TestPolicies.STRICT.writeValueAsString(policy.spec());

            assertEquals(policy.spec(), TestPolicies.STRICT.readValue(json, ApprovalPolicySpec.class), json);
        }
    }

    private static ApprovalPolicySpec readSpec(String fixture) throws IOException {
        try (InputStream in = ApprovalPolicyJsonTest.class.getResourceAsStream("/approval/" + fixture)) {
            return TestPolicies.STRICT.treeToValue(TestPolicies.STRICT.readTree(in).get("spec"),
                    ApprovalPolicySpec.class);
        }
    }
}
