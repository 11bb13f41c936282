package io.certpipe.common.event.signature;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;

import io.certpipe.common.event.Topics;
import io.certpipe.common.event.signature.RejectedEventException.Reason;
import io.certpipe.common.event.signature.TrustedKeys.TrustedKey;
import io.certpipe.common.pki.Ecdsa;

/**
 * Checks that a record was sent, as it is, by the one service that publishes on its topic ({@link Topics#publisherOf}):
 * signed, with a trusted key, of that service, and the signature verifies over the value's bytes. Anything else is a
 * {@link RejectedEventException}. An approval-service key never makes a lifecycle record valid, however good its
 * signature. What is verified is the value as the consumer decodes it (its UTF-8 bytes), which are the bytes the
 * publisher signed whenever the signature verifies.
 *
 * <p>A record sent in a round of many carries the round's signature and its own inclusion proof ({@link BatchTree}):
 * its value and proof must lead to the statement the signature is over. The verifier remembers the statements whose
 * signatures it has checked, so the other records of a round cost two dozen hashes rather than an ECDSA verification.
 * Only what verified is remembered, and the key is looked up and matched to the topic for every record, so a retired
 * key stops counting at once.
 */
public final class EventVerifier {

    /** Enough for every round in flight many times over; past it the memory starts again, which only costs time. */
    static final int REMEMBERED_STATEMENTS = 4096;

    private final TrustedKeys trusted;
    private final Map<String, Boolean> verifiedStatements = new ConcurrentHashMap<>();
    /** Each trusted key as {@link Ecdsa} verifies with it, read once; a key id is the hash of its key. */
    private final Map<String, ECPublicKeyParameters> verifyingKeys = new ConcurrentHashMap<>();

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
        if (!verifies(key, signature, signedContent(record))) {
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

    /** What a signature must be over; a round's statement is shared by the records of that round. */
    private record SignedContent(byte[] bytes, boolean isRoundStatement) {
    }

    /** The statement the value and its proof lead to, or the value itself for a record without a proof. */
    private static SignedContent signedContent(ConsumerRecord<String, String> record) {
        byte[] value = record.value() == null ? new byte[0] : record.value().getBytes(StandardCharsets.UTF_8);
        String proof = header(record, EventSignature.PROOF_HEADER);
        if (proof == null) {
            return new SignedContent(value, false);
        }
        try {
            return new SignedContent(BatchTree.statementFor(value, Base64.getDecoder().decode(proof)), true);
        } catch (IllegalArgumentException malformed) {
            throw new RejectedEventException(Reason.BAD_SIGNATURE, "the inclusion proof is malformed: "
                    + malformed.getMessage());
        }
    }

    private boolean verifies(TrustedKey key, String signatureBase64, SignedContent signed) {
        String remembered = signed.isRoundStatement()
                ? key.keyId() + '/' + signatureBase64 + '/' + HexFormat.of().formatHex(signed.bytes()) : null;
        if (remembered != null && verifiedStatements.containsKey(remembered)) {
            return true;
        }
        try {
            byte[] der = Base64.getDecoder().decode(signatureBase64);
            ECPublicKeyParameters verifyingKey = verifyingKeys.computeIfAbsent(key.keyId(),
                    keyId -> Ecdsa.publicKey(key.key()));
            if (!Ecdsa.verifies(verifyingKey, signed.bytes(), der)) {
                return false;
            }
        } catch (IllegalArgumentException e) {
            // Not base64, or a trusted key that is no EC key: no better than a wrong signature.
            return false;
        }
        if (remembered != null) {
            if (verifiedStatements.size() >= REMEMBERED_STATEMENTS) {
                verifiedStatements.clear();
            }
            verifiedStatements.put(remembered, Boolean.TRUE);
        }
        return true;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null
                : new String(header.value(), StandardCharsets.US_ASCII);
    }

    private static String printable(String keyId) {
        return EventSignature.isKeyId(keyId) ? keyId : "(malformed)";
    }
}
