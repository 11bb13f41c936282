package io.certpipe.common.event.signature;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.apache.kafka.common.header.Headers;

/**
 * The records a publisher sends in one round, signed once: the signature of their {@link BatchTree}'s statement, which
 * every record carries with its own inclusion proof ({@link EventSignature} names the headers).
 */
public final class SignedRound {

    private final BatchTree tree;
    private final byte[] keyId;
    private final byte[] signature;

    private SignedRound(BatchTree tree, EventSignature signature) {
        this.tree = tree;
        this.keyId = signature.keyId().getBytes(StandardCharsets.US_ASCII);
        this.signature = signature.signature().getBytes(StandardCharsets.US_ASCII);
    }

    /** Signs {@code values}, the record values of the round exactly as they go on the wire, with {@code signer}. */
    public static SignedRound sign(EventSigner signer, List<byte[]> values) {
        BatchTree tree = BatchTree.of(values);
        return new SignedRound(tree, signer.sign(tree.statement()));
    }

    /** Adds the signature headers of the {@code index}-th record of the round to {@code headers}. */
    public void addHeaders(int index, Headers headers) {
        headers.add(EventSignature.KEY_ID_HEADER, keyId);
        headers.add(EventSignature.SIGNATURE_HEADER, signature);
        headers.add(EventSignature.PROOF_HEADER, Base64.getEncoder().encode(tree.proof(index)));
    }
}
