package io.certpipe.signing.signer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.certpipe.common.csr.CertificationRequests;
import io.certpipe.common.csr.SignerNames;
import io.certpipe.common.csr.TestPki;
import io.certpipe.common.signer.ApprovalRules;
import io.certpipe.common.signer.KubernetesSigners;
import io.certpipe.common.signer.SignerPolicy;
import io.certpipe.signing.ca.SignerId;

class SignerDefinitionsTest {

    private static final Duration YEAR = Duration.ofDays(365);
    /** The seed ./certpipe copies into every new local stack. */
    private static final Path SHIPPED_SIGNERS_FILE = Path.of("..", "deploy", "signers.yaml");

    @TempDir
    Path caRoot;

    @Test
    void servesABuiltInSignerInEachClusterThatHasItsCaDirectory() throws IOException {
        Files.createDirectories(caRoot.resolve("default/kubernetes.io:kube-apiserver-client"));
        Files.createDirectories(caRoot.resolve("edge/kubernetes.io:kubelet-serving"));

        List<SignerDefinition> definitions = SignerDefinitions.resolve(caRoot, Optional.empty(), YEAR);

        assertEquals(List.of(new SignerId("default", SignerNames.KUBE_APISERVER_CLIENT),
                new SignerId("edge", SignerNames.KUBELET_SERVING)), ids(definitions));
        assertEquals(KubernetesSigners.kubeApiserverClient(YEAR), definitions.get(0).policy());
        assertEquals(caRoot.resolve("edge/kubernetes.io:kubelet-serving"), definitions.get(1).caDirectory());
    }

    @Test
    void servesNothingWithoutCaDirectory() {
        assertEquals(List.of(), SignerDefinitions.resolve(caRoot.resolve("absent"), Optional.empty(), YEAR));
    }

    @Test
    void addsTheSignersOfTheFileWithTheirCas() throws IOException {
        Path file = write("""
                clusters:
                  default:
                    - name: example.com/serving
                      policy:
                        subjectAlternativeNames:
                          dnsNames: ["**.example.com"]
                        usages:
                          allowed: [digital signature, server auth]
                        lifetime:
                          maximum: 720h
                          default: 1d
                    - name: example.com/rotated
                      ca: example-2027
                      additionalTrustedCas: [example-2026]
                      policy:
                        subjectAlternativeNames:
                          dnsNames: ["**.example.com"]
                        usages:
                          allowed: [digital signature, server auth]
                        lifetime:
                          maximum: PT720H
                """);

        List<SignerDefinition> definitions = SignerDefinitions.resolve(caRoot, Optional.of(file), YEAR);

        assertEquals(List.of(new SignerId("default", "example.com/rotated"),
                new SignerId("default", "example.com/serving")), ids(definitions));
        SignerDefinition rotated = definitions.get(0);
        assertEquals(caRoot.resolve("default/example-2027"), rotated.caDirectory());
        assertEquals(Duration.ofHours(720), rotated.policy().lifetime().defaultLifetime());
        assertEquals(List.of(caRoot.resolve("default/example-2026")), rotated.additionalTrustedCaDirectories());
        SignerDefinition serving = definitions.get(1);
        assertEquals(caRoot.resolve("default/example.com:serving"), serving.caDirectory());
        assertEquals(Duration.ofHours(720), serving.policy().lifetime().maximum());
        assertEquals(Duration.ofDays(1), serving.policy().lifetime().defaultLifetime());
    }

    @Test
    void letsTheFileNameTheCaOfABuiltInSignerButKeepsKubernetesRules() throws IOException {
        Path file = write("""
                clusters:
                  default:
                    - name: kubernetes.io/kube-apiserver-client
                      ca: client-2027
                      additionalTrustedCas: [kubernetes.io:kube-apiserver-client]
                """);

        SignerDefinition client = SignerDefinitions.resolve(caRoot, Optional.of(file), YEAR).get(0);

        assertEquals(caRoot.resolve("default/client-2027"), client.caDirectory());
        assertEquals(KubernetesSigners.kubeApiserverClient(YEAR), client.policy());
    }

    @Test
    void refusesAFileWithEveryProblemListed() throws IOException {
        Path file = write("""
                clusters:
                  default:
                    - name: no-domain
                    - name: kubernetes.io/legacy-unknown
                    - name: kubernetes.io/kubelet-serving
                      policy:
                        usages: {allowed: [server auth]}
                        lifetime: {maximum: 1h}
                    - name: example.com/no-policy
                    - name: example.com/escaping
                      ca: ../../etc
                      policy:
                        usages: {allowed: [server auth]}
                        lifetime: {maximum: 1h}
                    - name: example.com/loose
                      policy:
                        usages: {allowed: [server auth, cert sign]}
                        lifetime: {maximum: 1h}
                """);

        SignerConfigurationException refused = assertThrows(SignerConfigurationException.class,
                () -> SignerDefinitions.resolve(caRoot, Optional.of(file), YEAR));

        for (String problem : List.of("signer name \"no-domain\"",
                "default/kubernetes.io/legacy-unknown: kubernetes.io signers are Kubernetes' own",
                "default/kubernetes.io/kubelet-serving: the rules of Kubernetes' built-in signers are fixed", "default/example.com/no-policy: policy is required",
                "default/example.com/escaping: \"../../etc\" is not a directory name",
                "default/example.com/loose: usages.allowed: \"cert sign\" belongs to CA certificates")) {
            assertTrue(refused.getMessage().contains(problem), problem + " in " + refused.getMessage());
        }
    }

    @Test
    void refusesAMisspeltRuleInsteadOfIgnoringIt() throws IOException {
        Path file = write("""
                clusters:
                  default:
                    - name: example.com/serving
                      policy:
                        subjectAlternativeNames:
                          dnsName: ["**"]
                        usages: {allowed: [server auth]}
                        lifetime: {maximum: 1h}
                """);

        SignerConfigurationException refused = assertThrows(SignerConfigurationException.class,
                () -> SignerDefinitions.resolve(caRoot, Optional.of(file), YEAR));

        assertTrue(refused.getMessage().contains("at clusters.default[0].policy.subjectAlternativeNames.dnsName: "
                + "Unrecognized field \"dnsName\""), refused.getMessage());
    }

    @Test
    void refusesAConfiguredFileThatIsMissing() {
        assertThrows(SignerConfigurationException.class,
                () -> SignerDefinitions.resolve(caRoot, Optional.of(caRoot.resolve("signers.yaml")), YEAR));
    }

    @Test
    void theShippedSeedIssuesTheRequestOfKubernetesServingTutorial() {
        List<SignerDefinition> definitions = SignerDefinitions.resolve(caRoot, Optional.of(SHIPPED_SIGNERS_FILE),
                YEAR);

        SignerPolicy serving = definitions.stream()
                .filter(definition -> definition.id().equals(new SignerId("default", "example.com/serving")))
                .findFirst().orElseThrow().policy();
        assertEquals(List.of(), serving.problems());
        assertEquals(List.of(), serving.check(CertificationRequests.parsePem(TestPki.fixture("tutorial-serving.csr")),
                Set.of("digital signature", "key encipherment", "server auth")));
    }

    @Test
    void theShippedSeedsPrivilegedClientSignerNeedsTwoApproversOtherThanTheRequester() {
        List<SignerDefinition> definitions = SignerDefinitions.resolve(caRoot, Optional.of(SHIPPED_SIGNERS_FILE),
                YEAR);

        ApprovalRules rules = definitions.stream()
                .filter(definition -> definition.id().equals(new SignerId("default", "example.com/privileged-client")))
                .findFirst().orElseThrow().approval();
        assertEquals(new ApprovalRules(2, false), rules);
    }

    @Test
    void aSignerWithoutApprovalRulesHasKubernetesOnes() {
        List<SignerDefinition> definitions = SignerDefinitions.resolve(caRoot, Optional.of(SHIPPED_SIGNERS_FILE),
                YEAR);

        assertEquals(ApprovalRules.KUBERNETES, definitions.stream()
                .filter(definition -> definition.id().equals(new SignerId("default", "example.com/serving")))
                .findFirst().orElseThrow().approval());
    }

    @Test
    void refusesASignerThatNeedsNoApprover() throws IOException {
        Path file = write("""
                clusters:
                  default:
                    - name: kubernetes.io/kube-apiserver-client
                      approval: {approvers: 0}
                """);

        SignerConfigurationException refused = assertThrows(SignerConfigurationException.class,
                () -> SignerDefinitions.resolve(caRoot, Optional.of(file), YEAR));

        assertTrue(refused.getMessage().contains("approval.approvers: must be 1 to 10"), refused.getMessage());
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(caRoot.resolve("signers.yaml"), yaml);
    }

    private static List<SignerId> ids(List<SignerDefinition> definitions) {
        return definitions.stream().map(SignerDefinition::id).toList();
    }
}
