package io.certpipe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./certpipe cluster add} takes every DNS label as a cluster name, the longest included, and refuses anything
 * else before it writes a thing.
 */
class ClusterNamesIT {

    /** The most a DNS label holds: the CA names of a cluster so named must still fit X.509's 64-character limits. */
    private static final int LONGEST_NAME = 63;

    @TempDir
    static Path work;

    /** The test stack declares a cluster with the longest name before it starts (./certpipe test). */
    @Test
    void aClusterWithTheLongestNameIssuesCertificatesThatLogIn() {
        String longest = Stack.certpipe("cluster", "list").stdout().lines()
                .max(Comparator.comparingInt(String::length)).orElseThrow();
        assertEquals(LONGEST_NAME, longest.length(), longest);

        Identities.Identity user = Identities.issueInCluster(work, longest, "longest-cluster-user", "dev-team");

        Command.Result whoami = user.kubectl().run("auth", "whoami");
        assertTrue(whoami.succeeded() && whoami.stdout().contains("longest-cluster-user"),
                whoami.stdout() + whoami.stderr());
        String text = Openssl.text(user.certificate());
        assertTrue(text.contains("Issuer: O = certpipe, OU = " + longest + ", CN = "), text);
    }

    @Test
    void anInvalidNameIsRefusedAndTheHomeIsUnchanged() throws Exception {
        Path clustersFile = Stack.home().resolve("clusters.yaml");
        String before = Files.readString(clustersFile);

        for (String invalid : List.of("Upper", "under_score", "-leading", "trailing-", "dotted.name",
                "x".repeat(LONGEST_NAME + 1))) {
            Command.Result refused = Stack.runCertpipe("cluster", "add", invalid);
            assertFalse(refused.succeeded(), invalid);
            assertTrue(refused.stderr().contains("must be a DNS label"), refused.stderr());
            assertFalse(Files.exists(Stack.home().resolve("kubeconfig-" + invalid)), invalid);
        }

        assertEquals(before, Files.readString(clustersFile));
    }
}
