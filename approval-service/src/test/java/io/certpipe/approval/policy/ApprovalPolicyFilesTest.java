package io.certpipe.approval.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.certpipe.automation.AutomationContract;
import io.certpipe.common.approval.ApprovalPolicy;

class ApprovalPolicyFilesTest {

    private static final Path FIXTURES = Path.of("src/test/resources/approval-policies");

    @Test
    void readsEveryPolicyOfAFileInOrder() {
        List<ApprovalPolicy> policies = ApprovalPolicyFiles.read(FIXTURES.resolve("team-clients.yaml"));

        assertEquals(List.of("team-clients", "office-servers"), policies.stream().map(ApprovalPolicy::name).toList());
    }

    @Test
    void refusesAnUnknownFieldNamingWhereItIs() {
        PolicyConfigurationException refused = assertThrows(PolicyConfigurationException.class,
                () -> ApprovalPolicyFiles.read(FIXTURES.resolve("misspelt-constraint.yaml")));

        assertTrue(refused.getMessage().contains("spec.constraints.dnsNames") && refused.getMessage().contains("allowd"),
                refused.getMessage());
    }

    @Test
    void refusesAnInvalidPolicyNamingThePolicyAndTheField() {
        PolicyConfigurationException refused = assertThrows(PolicyConfigurationException.class,
                () -> ApprovalPolicyFiles.read(FIXTURES.resolve("bad-cidr.yaml")));

        assertTrue(refused.getMessage().contains("bad-cidr")
                && refused.getMessage().contains("spec.constraints.ipAddresses.allowed[1]"), refused.getMessage());
    }

    @Test
    void refusesAnObjectOfAnotherKind() {
        PolicyConfigurationException refused = assertThrows(PolicyConfigurationException.class,
                () -> ApprovalPolicyFiles.read(FIXTURES.resolve("not-a-policy.yaml")));

        assertTrue(refused.getMessage().contains("CertificateSigningRequest"), refused.getMessage());
    }

    @Test
    void refusesAMissingFile() {
        assertThrows(PolicyConfigurationException.class,
                () -> ApprovalPolicyFiles.read(FIXTURES.resolve("absent.yaml")));
    }

    @Test
    void theExampleOfDocsApprovalIsAValidPolicy(@TempDir Path work) throws IOException {
        String docs = Files.readString(Path.of("../docs/approval.md"));
        int section = docs.indexOf("## An ApprovalPolicy");
        int start = docs.indexOf("```yaml\n", section) + "```yaml\n".length();
        String example = docs.substring(start, docs.indexOf("```", start));

        List<ApprovalPolicy> policies = ApprovalPolicyFiles.read(Files.writeString(work.resolve("example.yaml"),
                example));

        assertEquals(List.of("team-web-servers"), policies.stream().map(ApprovalPolicy::name).toList());
    }

    @Test
    void theLocalStacksSeedSelectsWhatAutomationClientsAskOfExampleServing() {
        List<ApprovalPolicy> seed = ApprovalPolicyFiles.read(Path.of("../deploy/approval-policies.yaml"));

        ApprovalPolicy automation = seed.stream().filter(policy -> policy.spec().selector().groups()
                .contains(AutomationContract.KUBERNETES_GROUP)).findFirst().orElseThrow(
                        () -> new AssertionError("no seed policy selects group " + AutomationContract.KUBERNETES_GROUP));
        assertEquals(List.of("example.com/serving"), automation.spec().selector().signerNames());
    }
}
