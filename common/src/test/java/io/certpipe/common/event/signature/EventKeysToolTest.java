package io.certpipe.common.event.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.certpipe.common.event.Topics;

/** The key tool as the launcher runs it. */
class EventKeysToolTest {


    @TempDir
    Path home;

    @Test
    void ensureGivesEveryPublisherOneTrustedKeyAndChangesNothingTheSecondTime() throws Exception {
        EventKeyLayout layout = new EventKeyLayout(home);
        EventKeysTool.run("ensure", home.toString());
        String firstKey = Files.readString(layout.signingKey(Topics.SIGNING_SERVICE));

        EventKeysTool.run("ensure", home.toString());

        assertEquals(firstKey, Files.readString(layout.signingKey(Topics.SIGNING_SERVICE)));
        for (String service : Topics.publishers()) {
            String keyId = EventSignature.keyIdOf(EventKeyFiles.readSigningKey(layout.signingKey(service))
                    .getPublic());
            assertTrue(Files.exists(EventKeyLayout.trustedKey(layout.trustedKeys(), service, keyId)), service);
            try (var trusted = Files.list(layout.trustedKeys().resolve(service))) {
                assertEquals(1, trusted.count(), service);
            }
        }
    }

    @Test
    void aRetiredKeyIsTrustedNoMoreButKeptForAudits() throws Exception {
        EventKeyLayout layout = new EventKeyLayout(home);
        EventKeysTool.run("ensure", home.toString());
        String old = currentKeyId(layout, Topics.INTAKE_SERVICE);
        EventKeysTool.run("rotate", home.toString(), Topics.INTAKE_SERVICE);

        EventKeysTool.run("retire", home.toString(), Topics.INTAKE_SERVICE, old);

        TrustedKeys consumers = new TrustedKeys(layout.trustedKeys(), Duration.ZERO, Clock.systemUTC());
        assertTrue(consumers.find(old).isEmpty(), "a consumer no longer accepts " + old);
        TrustedKeys auditors = new TrustedKeys(List.of(layout.trustedKeys(), layout.retiredKeys()), Duration.ZERO,
                Clock.systemUTC());
        assertEquals(Topics.INTAKE_SERVICE, auditors.find(old).orElseThrow().service());
        assertTrue(auditors.find(currentKeyId(layout, Topics.INTAKE_SERVICE)).isPresent());
    }

    @Test
    void refusesToRetireTheKeyAServiceSignsWith() throws Exception {
        EventKeysTool.run("ensure", home.toString());
        String current = EventSignature.keyIdOf(EventKeyFiles.readSigningKey(
                new EventKeyLayout(home).signingKey(Topics.GC_SERVICE)).getPublic());

        assertThrows(IllegalStateException.class,
                () -> EventKeysTool.run("retire", home.toString(), Topics.GC_SERVICE, current));
    }

    @Test
    void refusesAServiceThatPublishesNothing() {
        assertThrows(IllegalArgumentException.class,
                () -> EventKeysTool.run("rotate", home.toString(), "kafka"));
    }

    private static String currentKeyId(EventKeyLayout layout, String service) throws Exception {
        return EventSignature.keyIdOf(EventKeyFiles.readSigningKey(layout.signingKey(service)).getPublic());
    }
}
