package io.certpipe.common.event.signature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.event.EventCodec;
import io.certpipe.common.event.Topics;

/**
 * Throwaway event keys for tests: every publisher's key made fresh in a temporary home, as {@code ./certpipe up} makes
 * them, and records signed with them as the outbox relay signs. Nothing here is ever a key production could use.
 */
public final class TestEventKeys {

    private final EventKeyLayout layout;

    private TestEventKeys(EventKeyLayout layout) {
        this.layout = layout;
    }

    /** Every publisher's key in a new temporary home. */
    public static TestEventKeys create() {
        try {
            TestEventKeys keys = new TestEventKeys(new EventKeyLayout(Files.createTempDirectory("event-keys")));
            EventKeysTool.run("ensure", keys.layout.home().toString());
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public EventKeyLayout layout() {
        return layout;
    }

    /** The signer {@code service} publishes with. */
    public EventSigner signer(String service) {
        return new EventSigner(layout.signingKey(service), Clock.systemUTC());
    }

    /** A verifier of the trusted directory, read again on the first record after {@code refresh}. */
    public EventVerifier verifier(Duration refresh) {
        return new EventVerifier(new TrustedKeys(layout.trustedKeys(), refresh, Clock.systemUTC()));
    }

    public EventVerifier verifier() {
        return verifier(Duration.ofMinutes(1));
    }

    /** {@code event} as its publisher puts it on its topic. */
    public ConsumerRecord<String, String> published(CloudEvent event) {
        return signedBy(Topics.publisherOf(event.topic()), event.topic(), EventCodec.encode(event));
    }

    /** {@code value} on {@code topic}, signed by its publisher; any text, an event or not. */
    public ConsumerRecord<String, String> published(String topic, String value) {
        return signedBy(Topics.publisherOf(topic), topic, value);
    }

    /** {@code value} on {@code topic}, signed with {@code service}'s current key. */
    public ConsumerRecord<String, String> signedBy(String service, String topic, String value) {
        EventSignature signature = signer(service).sign(value.getBytes(StandardCharsets.UTF_8));
        return record(topic, value, Optional.of(signature));
    }

    /** {@code values} on {@code topic}, sent in one round by its publisher, as the outbox relay sends them. */
    public List<ConsumerRecord<String, String>> publishedInOneRound(String topic, List<String> values) {
        SignedRound round = SignedRound.sign(signer(Topics.publisherOf(topic)), values.stream()
                .map(value -> value.getBytes(StandardCharsets.UTF_8))
                .toList());
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            ConsumerRecord<String, String> record = record(topic, values.get(i), Optional.empty());
            round.addHeaders(i, record.headers());
            records.add(record);
        }
        return records;
    }

    /** {@code value} on {@code topic}, signed with {@code pair} whatever it is. */
    public static ConsumerRecord<String, String> signedWith(KeyPair pair, String topic, String value) {
        try {
            // A directory of its own: writing a key file makes its directory private (mode 700), and a file made
            // straight in /tmp would make /tmp private to root.
            Path directory = Files.createTempDirectory("stray-event-key");
            Path file = directory.resolve("signing-key.pem");
            try {
                EventKeyFiles.writeSigningKey(file, pair);
                EventSignature signature = new EventSigner(file, Clock.systemUTC())
                        .sign(value.getBytes(StandardCharsets.UTF_8));
                return record(topic, value, Optional.of(signature));
            } finally {
                Files.deleteIfExists(file);
                Files.delete(directory);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code value} on {@code topic} as anyone with access to the broker can produce it. */
    public static ConsumerRecord<String, String> unsigned(String topic, String value) {
        return record(topic, value, Optional.empty());
    }

    /** {@code value} on {@code topic} carrying {@code signature}, whoever made it. */
    public static ConsumerRecord<String, String> record(String topic, String value,
            Optional<EventSignature> signature) {
        RecordHeaders headers = new RecordHeaders();
        signature.ifPresent(present -> {
            headers.add(EventSignature.KEY_ID_HEADER, present.keyId().getBytes(StandardCharsets.US_ASCII));
            headers.add(EventSignature.SIGNATURE_HEADER, present.signature().getBytes(StandardCharsets.US_ASCII));
        });
        return new ConsumerRecord<>(topic, 0, 0L, ConsumerRecord.NO_TIMESTAMP, TimestampType.NO_TIMESTAMP_TYPE,
                ConsumerRecord.NULL_SIZE, ConsumerRecord.NULL_SIZE, null, value, headers, Optional.empty());
    }
}
