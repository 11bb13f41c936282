package io.certpipe.common.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.certpipe.common.csr.SignerNames;
import io.certpipe.common.signer.KeyMode;
import io.certpipe.common.signer.KubernetesSigners;

class EventCodecTest {

    private static CsrSnapshot snapshot() {
        return new CsrSnapshot("default", "my-csr", "uid-1", 7, Instant.parse("2026-11-22T10:00:00Z"),
                "kubernetes.io/kube-apiserver-client", "-----BEGIN CERTIFICATE REQUEST-----\n...",
                List.of("client auth"), 3600, "alice", "", List.of("dev"), Map.of(), List.of(), null);
    }

    @Test
    void roundTripsALifecycleEventWithItsTypedData() {
        CloudEvent event = CloudEvent.of(EventType.APPROVED, "/certpipe/intake-service", "default", "my-csr", "uid-1",
                new LifecycleData(Actor.user("admin", List.of("system:masters")), snapshot(), "KubectlApprove",
                        "approved"));

        CloudEvent decoded = EventCodec.decode(EventCodec.encode(event));

        assertEquals(event, decoded);
        LifecycleData data = assertInstanceOf(LifecycleData.class, decoded.data());
        assertEquals(Actor.Kind.user, data.actor().kind());
        assertEquals("default/uid-1", decoded.key());
        assertEquals(Topics.LIFECYCLE, decoded.topic());
    }

    @Test
    void writesTheStructuredCloudEventsEnvelope() {
        CloudEvent event = CloudEvent.of(EventType.DECIDED, "/certpipe/approval-service", "default", "my-csr", "uid-1",
                new DecisionData(Actor.policy("kubelet-client"), DecisionData.Verdict.APPROVE, "AutoApproved", "ok"));

        String json = EventCodec.encode(event);

        assertTrue(json.contains("\"specversion\":\"1.0\""), json);
        assertTrue(json.contains("\"type\":\"io.certpipe.csr.decided.v1\""), json);
        assertTrue(json.contains("\"cluster\":\"default\""), json);
        assertTrue(json.contains("\"csruid\":\"uid-1\""), json);
        assertTrue(json.contains("\"subject\":\"my-csr\""), json);
        assertTrue(json.contains("\"actor\":{\"kind\":\"policy\""), json);
    }

    @Test
    void rejectsRecordsThatAreNotCertpipeEvents() {
        assertThrows(MalformedEventException.class, () -> EventCodec.decode("not json"));
        assertThrows(MalformedEventException.class, () -> EventCodec.decode("[1,2]"));
        assertThrows(MalformedEventException.class, () -> EventCodec.decode("{\"hello\":\"world\"}"));
        assertThrows(MalformedEventException.class, () -> EventCodec.decode(
                "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"x\",\"type\":\"io.other.v1\",\"data\":{}}"));
        assertThrows(MalformedEventException.class, () -> EventCodec.decode(
                "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"x\",\"type\":\"io.certpipe.csr.decided.v1\","
                        + "\"cluster\":\"default\",\"csruid\":\"u\",\"data\":{\"verdict\":\"APPROVE\"}}"));
        assertThrows(MalformedEventException.class, () -> EventCodec.decode(""));
    }

    @Test
    void refusesDataOfTheWrongClassForTheType() {
        assertThrows(IllegalArgumentException.class, () -> CloudEvent.of(EventType.SIGNED, "/x", "default", "n", "u",
                new ExpirationData(Actor.service("gc-service"), "PendingPastDeadline", "late", 3)));
    }

    @Test
    void roundTripsASignerWithItsPolicyKeyedByClusterAndSignerName() {
        SignerData signer = new SignerData(Actor.service("signing-service"), "default",
                SignerNames.KUBELET_SERVING, KubernetesSigners.kubeletServing(Duration.ofDays(30)),
                "-----BEGIN CERTIFICATE-----\n...", KeyMode.file, true, null, null);
        CloudEvent event = CloudEvent.aboutSigner(EventType.SIGNER_PUBLISHED, "/certpipe/signing-service", "default",
                SignerNames.KUBELET_SERVING, signer);

        String json = EventCodec.encode(event);
        CloudEvent decoded = EventCodec.decode(json);

        assertEquals(event, decoded);
        assertEquals("default/kubernetes.io/kubelet-serving", decoded.key());
        assertEquals(Topics.SIGNERS, decoded.topic());
        assertFalse(json.contains("csruid"), json);
        assertTrue(json.contains("\"maximum\":\"PT720H\""), json);
        assertTrue(json.contains("\"keyMode\":\"file\""), json);
    }

    @Test
    void anEventAboutASignerNamesNoRequestAndAnEventAboutARequestNamesOne() {
        SignerWithdrawnData withdrawn = new SignerWithdrawnData(Actor.service("signing-service"), "default",
                "example.com/gone");
        assertThrows(IllegalArgumentException.class, () -> new CloudEvent(CloudEvent.SPEC_VERSION, "1", "/x",
                EventType.SIGNER_WITHDRAWN.type(), null, "example.com/gone", null, "default", "uid-1", null, null,
                withdrawn));
        assertThrows(NullPointerException.class, () -> CloudEvent.aboutSigner(EventType.SIGNER_WITHDRAWN, "/x",
                "default", null, withdrawn));
        assertThrows(NullPointerException.class, () -> CloudEvent.of(EventType.SIGNED, "/x", "default", "n", null,
                new SignedData(Actor.service("signing-service"), "s", "pem", "1", "k", null, null)));
        assertThrows(MalformedEventException.class, () -> EventCodec.decode(
                "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"x\",\"type\":\"io.certpipe.signer.withdrawn.v1\","
                        + "\"cluster\":\"default\",\"data\":{\"actor\":{\"kind\":\"service\"}}}"));
    }

    @Test
    void auditsTheCertificateToBeSignedOnTheSigningResultsTopic() {
        CloudEvent event = CloudEvent.of(EventType.TO_BE_SIGNED, "/certpipe/signing-service", "default", "my-csr",
                "uid-1", new ToBeSignedData(Actor.service("signing-service"), SignerNames.KUBE_APISERVER_CLIENT,
                        "7f3a", "ab12", "CN=alice,O=dev", Instant.parse("2026-11-22T10:00:00Z"),
                        Instant.parse("2026-11-23T10:00:00Z")));

        assertEquals(event, EventCodec.decode(EventCodec.encode(event)));
        assertEquals(Topics.SIGNING_RESULTS, event.topic());
        assertEquals("default/uid-1", event.key());
    }

    @Test
    void listsEveryTopicOnceWithSixPartitionsForEventTopics() {
        var names = Topics.all().stream().map(Topics.Topic::name).toList();
        assertEquals(names.size(), names.stream().distinct().count());
        assertEquals(6, Topics.all().stream().filter(t -> t.name().equals(Topics.LIFECYCLE)).findFirst()
                .orElseThrow().partitions());
        for (EventType type : EventType.values()) {
            assertTrue(names.contains(type.topic()), type + " travels on an undeclared topic");
        }
    }

    @Test
    void compactsOnlyTheTopicsOfLatestStates() {
        assertEquals(List.of(Topics.SIGNERS, Topics.EVENT_SIGNING_KEYS), Topics.all().stream()
                .filter(topic -> topic.cleanup() == Topics.Cleanup.COMPACT).map(Topics.Topic::name).toList());
    }
}
