package io.certpipe.signing.issue;

import java.math.BigInteger;

import org.jboss.logging.Logger;

/**
 * The CA's audit trail in the log, under its own category so it can be routed apart: one line before a signature is
 * made and one after, as boulder does, plus refusals and re-publications. Names and numbers only, never key material.
 */
final class IssuanceAudit {

    private static final Logger AUDIT = Logger.getLogger("io.certpipe.signing.audit");

    private IssuanceAudit() {
    }

    static void aboutToSign(String cluster, String csrUid, BigInteger serial, String signerName, String caKeyId,
            Validity validity) {
        AUDIT.infof("signing cluster=%s uid=%s serial=%s signer=%s caKeyId=%s notBefore=%s notAfter=%s", cluster,
                csrUid, SerialNumbers.hex(serial), signerName, caKeyId, validity.notBefore(), validity.notAfter());
    }

    static void signed(IssuedCertificate issued) {
        AUDIT.infof("signed cluster=%s uid=%s serial=%s signer=%s caKeyId=%s", issued.request.cluster(),
                issued.request.csrUid(), issued.serial, issued.signerName, issued.caKeyId);
    }

    static void refused(String cluster, String csrUid, String signerName, String message) {
        AUDIT.infof("refused cluster=%s uid=%s signer=%s reason=\"%s\"", cluster, csrUid, signerName, message);
    }

    static void republished(IssuedCertificate issued) {
        AUDIT.infof("republished cluster=%s uid=%s serial=%s signer=%s caKeyId=%s (already issued, not re-signed)",
                issued.request.cluster(), issued.request.csrUid(), issued.serial, issued.signerName, issued.caKeyId);
    }
}
