package io.certpipe.signing.issue;

import static io.certpipe.signing.SigningService.ACTOR;
import static io.certpipe.signing.SigningService.SOURCE;

import java.math.BigInteger;

import org.bouncycastle.asn1.x509.TBSCertificate;

import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.event.EventType;
import io.certpipe.common.event.SignedData;
import io.certpipe.common.event.SigningFailedData;
import io.certpipe.common.event.ToBeSignedData;

/** What signing-service says about one request on the signing results topic, always as the service itself. */
final class SigningResults {

    private SigningResults() {
    }

    /** What the CA is about to sign with key {@code caKeyId}: serial, subject and validity of {@code tbs}. */
    static ToBeSignedData toBeSigned(String signerName, String caKeyId, TBSCertificate tbs) {
        BigInteger serial = tbs.getSerialNumber().getValue();
        return new ToBeSignedData(ACTOR, signerName, SerialNumbers.hex(serial), caKeyId, tbs.getSubject().toString(),
                tbs.getStartDate().getDate().toInstant(), tbs.getEndDate().getDate().toInstant());
    }

    /** The audit record committed with the serial, before the CA key signs. */
    static CloudEvent toBeSigned(CloudEvent approved, ToBeSignedData toBeSigned) {
        return CloudEvent.of(EventType.TO_BE_SIGNED, SOURCE, approved.cluster(), approved.subject(),
                approved.csruid(), toBeSigned);
    }

    static CloudEvent signed(IssuedCertificate issued) {
        return CloudEvent.of(EventType.SIGNED, SOURCE, issued.request.cluster(), issued.csrName,
                issued.request.csrUid(), new SignedData(ACTOR, issued.signerName, issued.certificate, issued.serial,
                        issued.caKeyId, issued.notBefore, issued.notAfter));
    }

    /** A terminal refusal; {@code reason} becomes the request's {@code Failed} condition reason. */
    static CloudEvent refused(CloudEvent approved, String signerName, String reason, String message) {
        return CloudEvent.of(EventType.SIGNING_FAILED, SOURCE, approved.cluster(), approved.subject(),
                approved.csruid(), new SigningFailedData(ACTOR, signerName, reason, message));
    }
}
