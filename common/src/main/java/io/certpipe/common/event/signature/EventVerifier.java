package io.certpipe.common.event.signature;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Base64;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import io.certpipe.common.event.Topics;
import io.certpipe.common.event.signature.RejectedEventException.Reason;
import io.certpipe.common.event.signature.TrustedKeys.TrustedKey;

/**
 * Checks that a record was sent, as it is, by the one service that publishes on its topic ({@link Topics#publisherOf}):
 * signed, with a trusted key, of that service, and the signature verifies over the value's bytes. Anything else is a
 * {@link RejectedEventException}. An approval-service key never makes a lifecycle record valid, however good its
 * signature. What is verified is the value as the consumer decodes it (its UTF-8 bytes), which are the bytes the
 * publisher signed whenever the signature verifies.
 */
public final class EventVerifier {

    private final TrustedKeys trusted;
    private final ThreadLocal<Signature> signatures = ThreadLocal.withInitial(EventVerifier::newSignature);

    public EventVerifier(TrustedKeys trusted) {
        this.trusted = trusted;
    }

    /** The key that signed {@code record}; a {@link RejectedEventException} if it does not verify. */
    public TrustedKey verify(ConsumerRecord<String, String> record) {
        String keyId = header(record, EventSignature.KEY_ID_HEADER);
        String signature = header(record, EventSignature.SIGNATURE_HEADER);
        if (keyId == null || signature == null) {
            throw new RejectedEventException(Reason.UNSIGNED, "no " + EventSignature.KEY_ID_HEADER + " and "
                    + EventSignature.SIGNATURE_HEADER + " headers");
        }
        TrustedKey key = (EventSignature.isKeyId(keyId) ? trusted.find(keyId) : Optional.<TrustedKey>empty())
                .orElseThrow(() -> new RejectedEventException(Reason.UNKNOWN_KEY, "no trusted key has id "
                        + printable(keyId)));
        String publisher = Topics.publisherOf(record.topic());
        if (!key.service().equals(publisher)) {
            throw new RejectedEventException(Reason.WRONG_PUBLISHER, "key " + keyId + " speaks for "
                    + key.service() + ", and only " + publisher + " publishes on " + record.topic());
        }
        if (!verifies(key, signature, record.value())) {
            throw new RejectedEventException(Reason.BAD_SIGNATURE, "the signature does not verify under key "
                    + keyId + " of " + key.service());
        }
        return key;
    }

    /** The key id a record names, fit for a log line: what an attacker wrote there is not repeated as it is. */
    public static String namedKeyId(ConsumerRecord<String, String> record) {
        String keyId = header(record, EventSignature.KEY_ID_HEADER);
        return keyId == null ? "none" : printable(keyId);
    }

    private boolean verifies(TrustedKey key, String signatureBase64, String value) {
        Signature signature = signatures.get();
        try {
            byte[] der = Base64.getDecoder().decode(signatureBase64);
            signature.initVerify(key.key());
            signature.update(value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8));
            return signature.verify(der);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            // Not base64, or not a DER ECDSA signature: no better than a wrong one.
            return false;
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null
                : new String(header.value(), StandardCharsets.US_ASCII);
    }

    private static String printable(String keyId) {
        return EventSignature.isKeyId(keyId) ? keyId : "(malformed)";
    }

    private static Signature newSignature() {
        try {
            return Signature.getInstance(EventSignature.ALGORITHM);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no " + EventSignature.ALGORITHM, e);
        }
    }
}
