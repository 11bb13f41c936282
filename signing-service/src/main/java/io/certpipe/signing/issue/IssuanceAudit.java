package io.certpipe.signing.issue;

import io.certpipe.common.event.ToBeSignedData;
import org.jboss.logging.Logger;

/**
 * The CA's audit trail in the log, under its own category so it can be routed apart: one line before a signature is
 * made and one after, as boulder does, plus refusals and re-publications. The same facts travel as events on the
 * signing results topic. Names and numbers only, never key material.
 */
final class IssuanceAudit {

    private static final Logger AUDIT = Logger.getLogger("io.certpipe.signing.audit");

    private IssuanceAudit() {
    }

    static void aboutToSign(String cluster, String csrUid, ToBeSignedData toBeSigned) {
        AUDIT.infof("signing cluster=%s uid=%s serial=%s signer=%s caKeyId=%s subject=\"%s\" notBefore=%s "
                + "notAfter=%s", cluster, csrUid, toBeSigned.serialNumber(), toBeSigned.signerName(),
                toBeSigned.caKeyId(), toBeSigned.subject(), toBeSigned.notBefore(), toBeSigned.notAfter());
    }

    static void signed(IssuedCertificate issued) {
        AUDIT.infof("signed cluster=%s uid=%s serial=%s signer=%s caKeyId=%s", issued.request.cluster(),
                issued.request.csrUid(), issued.serial, issued.signerName, issued.caKeyId);
    }

    static void refused(String cluster, String csrUid, String signerName, String reason, String message) {
        AUDIT.infof("refused cluster=%s uid=%s signer=%s reason=%s message=\"%s\"", cluster, csrUid, signerName,
                reason, message);
    }

    static void republished(IssuedCertificate issued) {
        AUDIT.infof("republished cluster=%s uid=%s serial=%s signer=%s caKeyId=%s (already issued, not re-signed)",
                issued.request.cluster(), issued.request.csrUid(), issued.serial, issued.signerName, issued.caKeyId);
    }
}
