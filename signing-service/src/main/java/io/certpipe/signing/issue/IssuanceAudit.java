package io.certpipe.signing.issue;

import io.certpipe.common.event.SigningFailedData;
import io.certpipe.common.event.ToBeSignedData;
import org.jboss.logging.Logger;

/**
 * The CA's audit trail in the log, under its own category so it can be routed apart: one line before a signature is
 * made and one after, as boulder does, plus refusals, re-publications and approvals given up on. The same facts travel
 * as events on the signing results topic. Names and numbers only, never key material.
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

    static void abandoned(String cluster, String csrUid, String signerName, String message) {
        AUDIT.infof("abandoned cluster=%s uid=%s signer=%s reason=%s message=\"%s\"", cluster, csrUid, signerName,
                SigningFailedData.SIGNING_ERROR, message);
    }

    /** Given up on after a serial was reserved for it: a certificate may exist, so it is not reported failed. */
    static void leftApproved(String cluster, String csrUid, String signerName) {
        AUDIT.warnf("left approved cluster=%s uid=%s signer=%s (given up on after a serial was reserved for it: "
                + "see the to-be-signed record and the parked approved event)", cluster, csrUid, signerName);
    }

    static void notSignedAbandoned(String cluster, String csrUid, String signerName) {
        AUDIT.infof("not signed cluster=%s uid=%s signer=%s (abandoned earlier and reported failed)", cluster, csrUid,
                signerName);
    }

    static void republished(IssuedCertificate issued) {
        AUDIT.infof("republished cluster=%s uid=%s serial=%s signer=%s caKeyId=%s (already issued, not re-signed)",
                issued.request.cluster(), issued.request.csrUid(), issued.serial, issued.signerName, issued.caKeyId);
    }
}
