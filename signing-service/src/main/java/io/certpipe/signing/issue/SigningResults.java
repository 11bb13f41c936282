package io.certpipe.signing.issue;

import io.certpipe.common.event.Actor;
import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.event.EventType;
import io.certpipe.common.event.SignedData;
import io.certpipe.common.event.SigningFailedData;

/** The two answers signing-service gives intake, both signed by the service itself. */
final class SigningResults {

    static final String SOURCE = "/certpipe/signing-service";
    static final Actor ACTOR = Actor.service("signing-service");

    private SigningResults() {
    }

    static CloudEvent signed(IssuedCertificate issued) {
        return CloudEvent.of(EventType.SIGNED, SOURCE, issued.request.cluster(), issued.csrName,
                issued.request.csrUid(), new SignedData(ACTOR, issued.signerName, issued.certificate, issued.serial,
                        issued.caKeyId, issued.notBefore, issued.notAfter));
    }

    static CloudEvent refused(CloudEvent approved, String signerName, String message) {
        return CloudEvent.of(EventType.SIGNING_FAILED, SOURCE, approved.cluster(), approved.subject(),
                approved.csruid(), new SigningFailedData(ACTOR, signerName,
                        SigningFailedData.SIGNER_VALIDATION_FAILURE, message));
    }
}
