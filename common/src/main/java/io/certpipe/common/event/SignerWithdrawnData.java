package io.certpipe.common.event;

/**
 * A signer signing-service published before and serves no longer (taken out of its configuration). The latest record
 * of the signer's key on {@link Topics#SIGNERS}, so a consumer that reads the compacted topic forgets it.
 */
public record SignerWithdrawnData(Actor actor, String cluster, String signerName) implements EventData {
}
