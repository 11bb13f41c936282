package io.certpipe.intake.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApprovalPolicyFilesTest {

    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule()).build();
    private static final ApprovalPolicyKind KIND = new ApprovalPolicyKind(JSON);
    private static final String POLICY = """
            apiVersion: certpipe.io/v1
            kind: ApprovalPolicy
            metadata:
              name: office
            spec:
              selector:
                signerNames: ["example.com/*"]
              constraints:
                ipAddresses:
                  allowed: ["10.0.0.0/8"]
              onViolation: Deny
            """;

    @TempDir
    Path work;

    @Test
    void theLocalStacksSeedFileHoldsValidPolicies() {
        List<ApprovalPolicyObject> policies = ApprovalPolicyFiles.read(Path.of("../deploy/approval-policies.yaml"),
                KIND, JSON);

        assertEquals(List.of("automation-example-serving"), policies.stream()
                .map(policy -> policy.metadata().name()).toList());
    }

    @Test
    void theExampleOfDocsApprovalIsAValidPolicy() throws IOException {
        Path file = Files.writeString(work.resolve("example.yaml"), DocsExample.policyYaml());

        assertEquals(1, ApprovalPolicyFiles.read(file, KIND, JSON).size());
    }

    @Test
    void readsEveryObjectOfAFileInOrder() throws IOException {
        Path file = Files.writeString(work.resolve("two.yaml"), POLICY + "---\n"
                + POLICY.replace("name: office", "name: lab"));

        assertEquals(List.of("office", "lab"), ApprovalPolicyFiles.read(file, KIND, JSON).stream()
                .map(policy -> policy.metadata().name()).toList());
    }

    @Test
    void anInvalidValueNamesTheFileTheObjectAndTheField() throws IOException {
        Path file = Files.writeString(work.resolve("bad.yaml"), POLICY + "---\n"
                + POLICY.replace("name: office", "name: lab").replace("10.0.0.0/8", "10.300.0.0"));

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> ApprovalPolicyFiles.read(file, KIND, JSON));

        assertTrue(refused.getMessage().startsWith(file + ", object 2 (lab) is invalid: "
                + "spec.constraints.ipAddresses.allowed[0]"), refused.getMessage());
    }

    @Test
    void anUnknownFieldIsRefusedRatherThanIgnored() throws IOException {
        Path file = Files.writeString(work.resolve("misspelt.yaml"), POLICY.replace("allowed:", "alowed:"));

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> ApprovalPolicyFiles.read(file, KIND, JSON));

        assertEquals(file + ", object 1: unknown field spec.constraints.ipAddresses.alowed", refused.getMessage());
    }

    @Test
    void anObjectOfAnotherKindIsRefused() throws IOException {
        Path file = Files.writeString(work.resolve("role.yaml"), """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: reader}
                """);

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> ApprovalPolicyFiles.read(file, KIND, JSON));

        assertTrue(refused.getMessage().contains("is a rbac.authorization.k8s.io/v1 ClusterRole, not a "
                + "certpipe.io/v1 ApprovalPolicy"), refused.getMessage());
    }
}
