package io.certpipe.automation.client;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.certpipe.automation.AutomationContract;
import io.certpipe.automation.Envelope;
import io.certpipe.automation.ReplyData;
import io.certpipe.automation.ReplyType;

/** Replies as intake writes them, for the client's tests. */
final class Replies {

    static final String CLUSTER = "default";
    static final String NAME = "automation-x7k2p";
    static final String UID = "0b5e2c1a-6a3f-4c1e-9d2b-7f0e8c4a1b23";
    static final String CERTIFICATE = "-----BEGIN CERTIFICATE-----\nMIIBleaf\n-----END CERTIFICATE-----\n";
    static final String CA_BUNDLE = "-----BEGIN CERTIFICATE-----\nMIIBca\n-----END CERTIFICATE-----\n";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Replies() {
    }

    static String accepted(String requestId) {
        return reply(ReplyType.ACCEPTED, new ReplyData(requestId, CLUSTER, NAME, UID, object(), null, null, null,
                null, null));
    }

    static String approved(String requestId) {
        return reply(ReplyType.APPROVED, new ReplyData(requestId, CLUSTER, NAME, UID, object(), null, null, null,
                null, null));
    }

    static String issued(String requestId) {
        var object = object();
        object.putObject("status").put("certificate", CERTIFICATE);
        return reply(ReplyType.ISSUED, new ReplyData(requestId, CLUSTER, NAME, UID, object, null, null, null,
                CERTIFICATE, CA_BUNDLE));
    }

    /** The Status the API answers a CSR without usages, as intake forwards it. */
    static String rejectedAsInvalid(String requestId) {
        var status = JSON.createObjectNode().put("kind", "Status").put("apiVersion", "v1").put("status", "Failure")
                .put("message", "CertificateSigningRequest.certificates.k8s.io \"\" is invalid: spec.usages: "
                        + "Required value")
                .put("reason", "Invalid").put("code", 422);
        status.putObject("details").put("group", "certificates.k8s.io").put("kind", "CertificateSigningRequest")
                .putArray("causes").addObject().put("reason", "FieldValueRequired").put("message", "Required value")
                .put("field", "spec.usages");
        return reply(ReplyType.REJECTED, new ReplyData(requestId, CLUSTER, null, null, null, status, null, null,
                null, null));
    }

    static String withCondition(ReplyType type, String requestId, String reason, String message) {
        return reply(type, new ReplyData(requestId, CLUSTER, NAME, UID, object(), null, reason, message, null, null));
    }

    static String reply(ReplyType type, ReplyData data) {
        var envelope = new Envelope(Envelope.SPEC_VERSION, UUID.randomUUID().toString(),
                AutomationContract.REPLY_SOURCE, type.type(), Instant.now().toString(), data.name(),
                Envelope.DATA_CONTENT_TYPE, JSON.valueToTree(data));
        try {
            return JSON.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode object() {
        var object = JSON.createObjectNode().put("apiVersion", "certificates.k8s.io/v1")
                .put("kind", "CertificateSigningRequest");
        object.putObject("metadata").put("name", NAME).put("uid", UID);
        object.putObject("spec").put("signerName", "example.com/serving");
        return object;
    }
}
