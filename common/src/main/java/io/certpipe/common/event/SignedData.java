package io.certpipe.common.event;

import java.time.Instant;

/**
 * A certificate signing-service issued: the CA's issuance log entry. {@code certificate} is PEM; {@code serialNumber}
 * is lower-case hex; {@code caKeyId} is the hex SHA-256 of the CA public key that signed it.
 */
public record SignedData(Actor actor, String signerName, String certificate, String serialNumber, String caKeyId,
        Instant notBefore, Instant notAfter) implements EventData {
}
