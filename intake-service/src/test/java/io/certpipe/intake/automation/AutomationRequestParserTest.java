package io.certpipe.intake.automation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certpipe.automation.AutomationContract;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class AutomationRequestParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLIENT = "ci";
    private static final long LIMIT = 256 * 1024;

    @Test
    void aWellFormedRequestNamesItsClientRequestIdClusterAndObject() {
        var parsed = assertInstanceOf(AutomationRequestParser.Submission.class, parse("key", request("r-1",
                "default", csr("example.com/serving"))));
        assertEquals(CLIENT, parsed.client());
        assertEquals("r-1", parsed.requestId());
        assertEquals("default", parsed.cluster());
        assertEquals("example.com/serving", parsed.object().path("spec").path("signerName").asText());
    }

    @Test
    void theSameRequestWithItsKeysInAnotherOrderHasTheSameBodyHash() {
        var first = (AutomationRequestParser.Submission) parse("k", request("r", "default",
                csr("example.com/serving")));
        var reordered = (AutomationRequestParser.Submission) parse("k", """
                {"type": "%s", "specversion": "1.0", "source": "/x", "id": "2",
                 "data": {"object": {"spec": {"usages": ["server auth"], "signerName": "example.com/serving",
                 "request": "UkVR"}, "kind": "CertificateSigningRequest"}, "cluster": "default", "requestId": "r"}}
                """.formatted(AutomationContract.REQUESTED_TYPE));
        assertEquals(first.bodySha256(), reordered.bodySha256());
        var other = (AutomationRequestParser.Submission) parse("k", request("r", "default", csr("example.com/other")));
        assertNotEquals(first.bodySha256(), other.bodySha256());
    }

    @Test
    void whatIsNoRequestIsRefusedAsABadRequestUnderTheRecordsKey() {
        for (String value : new String[] {"", "{not json", "[1, 2]", "{\"requestId\": \"x\"}",
                "{\"specversion\": \"0.3\", \"id\": \"1\", \"source\": \"/x\", \"type\": \""
                        + AutomationContract.REQUESTED_TYPE + "\", \"data\": {}}"}) {
            var refused = assertInstanceOf(AutomationRequestParser.Unreadable.class, parse("the-key", value), value);
            assertEquals(400, refused.refusal().code(), value);
            assertEquals("the-key", refused.requestId(), value);
        }
    }

    @Test
    void anUnknownTypeIsRefusedNamingTheTypeItWants() {
        var refused = (AutomationRequestParser.Unreadable) parse("k", request("r", "default", csr("a/b"))
                .replace(AutomationContract.REQUESTED_TYPE, "io.example.other.v1"));
        assertEquals(400, refused.refusal().code());
        assertTrue(refused.refusal().getMessage().contains(AutomationContract.REQUESTED_TYPE),
                refused.refusal().getMessage());
    }

    @Test
    void aRecordOverTheLimitIsTooLarge() {
        var refused = (AutomationRequestParser.Unreadable) parse("k", "x".repeat((int) LIMIT + 1));
        assertEquals(413, refused.refusal().code());
    }

    @Test
    void aRequestThatNamesAnotherClientIsForbidden() {
        var bySource = (AutomationRequestParser.Unreadable) parse("k", request("r", "default", csr("a/b"))
                .replace("\"/e2e\"", "\"certpipe:automation:someone-else\""));
        assertEquals(403, bySource.refusal().code());
        assertEquals("r", bySource.requestId());
        ObjectNode asAdmin = csr("a/b");
        ((ObjectNode) asAdmin.path("spec")).put("username", "system:admin");
        var byUsername = (AutomationRequestParser.Unreadable) parse("k", request("r", "default", asAdmin));
        assertEquals(403, byUsername.refusal().code());
    }

    @Test
    void aRequestMayNameItsOwnClientAsSourceAndAsRequestor() {
        ObjectNode own = csr("a/b");
        ((ObjectNode) own.path("spec")).put("username", AutomationContract.kubernetesUser(CLIENT));
        assertInstanceOf(AutomationRequestParser.Submission.class, parse("k", request("r", "default", own)
                .replace("\"/e2e\"", "\"" + AutomationContract.kubernetesUser(CLIENT) + "\"")));
    }

    @Test
    void aRequestIdIsRequiredAndBounded() {
        assertEquals(400, ((AutomationRequestParser.Unreadable) parse("k", request("", "default", csr("a/b"))))
                .refusal().code());
        String tooLong = "r".repeat(AutomationContract.MAX_REQUEST_ID_LENGTH + 1);
        assertEquals(400, ((AutomationRequestParser.Unreadable) parse("k", request(tooLong, "default",
                csr("a/b")))).refusal().code());
    }

    private static AutomationRequestParser.Parsed parse(String key, String value) {
        return AutomationRequestParser.parse(CLIENT, new ConsumerRecord<>(AutomationContract.requestsTopic(CLIENT), 0,
                7L, key, value), LIMIT, JSON);
    }

    private static String request(String requestId, String cluster, ObjectNode object) {
        ObjectNode event = JSON.createObjectNode().put("specversion", "1.0").put("id", "1").put("source", "/e2e")
                .put("type", AutomationContract.REQUESTED_TYPE);
        event.putObject("data").put("requestId", requestId).put("cluster", cluster).set("object", object);
        return event.toString();
    }

    private static ObjectNode csr(String signerName) {
        ObjectNode object = JSON.createObjectNode().put("kind", "CertificateSigningRequest");
        object.putObject("spec").put("request", "UkVR").put("signerName", signerName).putArray("usages")
                .add("server auth");
        return object;
    }
}
