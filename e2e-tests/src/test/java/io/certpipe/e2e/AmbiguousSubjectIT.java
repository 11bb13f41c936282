package io.certpipe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.certpipe.common.csr.SignerNames;

/**
 * A subject that reads as two identities: a node that names another user after its own CN gets no certificate, and a
 * certificate the cluster's client CA signed for such a subject logs in as nobody.
 */
class AmbiguousSubjectIT {

    /** Node n1's own subject with alice's CN after it: Kubernetes' authenticator reads the last CN. */
    private static final String NODE_THEN_ALICE = "/CN=system:node:n1/O=system:nodes/CN=alice";
    /** system:masters beside alice's CN in one multi-valued RDN. */
    private static final String ALICE_WITH_MASTERS = "/CN=alice+O=system:masters";

    @TempDir
    static Path work;

    private static Identities.Identity node;

    @BeforeAll
    static void bootstrapNode() {
        node = Identities.bootstrapNode(work);
    }

    @Test
    void nodesClientRequestThatAlsoNamesAliceIsRefusedAtCreate() {
        String name = Csrs.uniqueName("node-n1-and-alice");
        Openssl.KeyAndRequest request = Openssl.newKeyAndRequest(work, name, NODE_THEN_ALICE);

        ApiClient.Response created = node.api().create(Csrs.Manifest.of(name, request.requestPem(),
                SignerNames.KUBE_APISERVER_CLIENT_KUBELET, Csrs.KUBELET_CLIENT_USAGES).json().toString());

        assertEquals(422, created.code(), created.body().toString());
        assertEquals("Invalid", created.reason());
        JsonNode cause = created.body().path("details").path("causes").path(0);
        assertEquals("spec.request", cause.path("field").asText(), created.body().toString());
        assertTrue(cause.path("message").asText().contains("CN=system:node:n1, CN=alice"), cause.toString());
        assertTrue(node.kubectl().find(name).isEmpty(), "never stored, so neither approved nor issued");
    }

    @Test
    void certificateFromTheClientCaWhoseSubjectReadsTwoWaysDoesNotLogIn() {
        Command.Result alice = Identities.signedByClientCa(work, "alice", "/CN=alice").kubectl()
                .run("auth", "whoami").requireSuccess("kubectl auth whoami with a certificate of the client CA");
        assertTrue(alice.stdout().matches("(?s).*Username\\s+alice\\s.*"), "the same CA's plain certificate logs in: "
                + alice);

        for (String subject : List.of(NODE_THEN_ALICE, ALICE_WITH_MASTERS)) {
            Identities.Identity ambiguous = Identities.signedByClientCa(work, "alice", subject);

            ApiClient.Response response = ambiguous.api().get(Csrs.uniqueName("any"));
            Command.Result whoami = ambiguous.kubectl().run("auth", "whoami");

            assertEquals(401, response.code(), subject + ": " + response.body());
            assertFalse(whoami.succeeded(), subject + " logged in: " + whoami.stdout());
            assertTrue(whoami.stderr().contains("Unauthorized"), subject + ": " + whoami.stderr());
        }
    }
}
