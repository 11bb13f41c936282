package io.certpipe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./certpipe cluster add} takes every DNS label as a cluster name, the longest included, and refuses anything
 * else before it writes a thing.
 */
class ClusterNamesIT {

    /** 63 characters, the most a DNS label holds: its CAs' names must still fit X.509's 64-character limits. */
    private static final String LONGEST_NAME = "a-cluster-name-as-long-as-a-dns-label-may-be-sixty-three-chars9";

    @TempDir
    static Path work;

    @Test
    void aClusterWithTheLongestNameIssuesCertificatesThatLogIn() {
        assertEquals(63, LONGEST_NAME.length());
        Stack.certpipe("cluster", "add", LONGEST_NAME);

        Identities.Identity user = Identities.issueInCluster(work, LONGEST_NAME, "longest-cluster-user", "dev-team");

        Command.Result whoami = user.kubectl().run("auth", "whoami");
        assertTrue(whoami.succeeded() && whoami.stdout().contains("longest-cluster-user"),
                whoami.stdout() + whoami.stderr());
        String text = Openssl.text(user.certificate());
        assertTrue(text.contains("Issuer: O = certpipe, OU = " + LONGEST_NAME + ", CN = "), text);
    }

    @Test
    void anInvalidNameIsRefusedAndTheHomeIsUnchanged() throws Exception {
        Path clustersFile = Stack.home().resolve("clusters.yaml");
        String before = Files.readString(clustersFile);

        for (String invalid : List.of("Upper", "under_score", "-leading", "trailing-", "dotted.name",
                LONGEST_NAME + "x")) {
            Command.Result refused = Stack.runCertpipe("cluster", "add", invalid);
            assertFalse(refused.succeeded(), invalid);
            assertTrue(refused.stderr().contains("must be a DNS label"), refused.stderr());
            assertFalse(Files.exists(Stack.home().resolve("kubeconfig-" + invalid)), invalid);
        }

        assertEquals(before, Files.readString(clustersFile));
    }
}
