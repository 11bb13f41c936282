package io.certpipe.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Base64;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import io.certpipe.common.event.Topics;
import io.certpipe.common.event.signature.EventKeyFiles;
import io.certpipe.common.event.signature.EventKeyLayout;
import io.certpipe.common.event.signature.EventSignature;

/**
 * Signature headers as a publisher puts them on a record (docs/events.md, Signatures), made here with the JDK alone:
 * with the stack's own keys from its home, to play a genuine publisher, or with any key pair, to play a forger.
 */
final class PublisherKeys {

    private PublisherKeys() {
    }

    /** The headers {@code topic}'s publisher puts on {@code value}, signed with its key in the stack's home. */
    static Headers ofPublisher(String topic, String value) {
        return signedWith(stackKey(Topics.publisherOf(topic)), value);
    }

    /** The key {@code service} of the running stack signs its events with. */
    static KeyPair stackKey(String service) {
        try {
            return EventKeyFiles.readSigningKey(new EventKeyLayout(Stack.home()).signingKey(service));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Signature headers over {@code value} made with {@code pair}, whoever holds it. */
    static Headers signedWith(KeyPair pair, String value) {
        try {
            Signature signature = Signature.getInstance(EventSignature.ALGORITHM);
            signature.initSign(pair.getPrivate());
            signature.update(value.getBytes(StandardCharsets.UTF_8));
            RecordHeaders headers = new RecordHeaders();
            headers.add(EventSignature.KEY_ID_HEADER,
                    EventSignature.keyIdOf(pair.getPublic()).getBytes(StandardCharsets.US_ASCII));
            headers.add(EventSignature.SIGNATURE_HEADER,
                    Base64.getEncoder().encode(signature.sign()));
            return headers;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
