package io.certpipe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.certpipe.common.csr.SignerNames;
import io.certpipe.common.event.EventType;

/** The transactional outbox: the API keeps accepting requests while Kafka is down and publishes them afterwards. */
class BrokerOutageIT {

    @TempDir
    static Path work;

    private final Kubectl admin = Kubectl.admin();

    @Test
    void requestCreatedWhileTheBrokerIsDownIsPublishedOnceItIsBack() {
        String name = Csrs.uniqueName("created-during-outage");
        Openssl.KeyAndRequest request = Openssl.newKeyAndRequest(work, name, "/CN=frank/O=dev-team");
        String manifest = Csrs.Manifest.of(name, request.requestPem(), SignerNames.KUBE_APISERVER_CLIENT,
                Csrs.CLIENT_USAGES).yaml();

        Stack.certpipe("stop", "kafka");
        try {
            admin.create(manifest);
            assertEquals("Pending", admin.tableRow(name).cell("CONDITION"));
        } finally {
            Stack.certpipe("up", "--no-build");
        }

        admin.approve(name);
        Csrs.awaitCertificate(admin, name);
        String uid = admin.get(name).path("metadata").path("uid").asText();
        assertEquals(1, KafkaTopics.events(EventType.CREATED, uid).size(), "the created event, published once");
    }
}
