package io.certpipe.common.event;

import java.time.Instant;

/**
 * The CA's audit record written before it signs: the serial it reserved, the CA key about to sign, and the subject and
 * validity of the certificate that passed the pre-issuance lint. It is committed together with the serial, so a
 * certificate can only exist if this record does; {@code SIGNED} follows once the signature is made. {@code subject}
 * is the RFC 4514 string, {@code serialNumber} lower-case hex, {@code caKeyId} hex SHA-256 of the CA public key.
 */
public record ToBeSignedData(Actor actor, String signerName, String serialNumber, String caKeyId, String subject,
        Instant notBefore, Instant notAfter) implements EventData {
}
