package io.certpipe.automation.asyncapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.TreeSet;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.certpipe.automation.AutomationContract;
import io.certpipe.automation.Envelope;
import io.certpipe.automation.ReplyType;

/** docs/asyncapi.yaml names what the code defines, so the document cannot drift from the contract. */
class AsyncApiDocumentTest {

    /** Any event type of the asynchronous API, whether the code knows it or not. */
    private static final Pattern AUTOMATION_EVENT_TYPE = Pattern
            .compile("io\\.certpipe\\.automation\\.[a-z.-]+\\.v\\d+");
    /** A valid client name that occurs nowhere else, to find the names the contract derives from it. */
    private static final String SOME_CLIENT = "x0x";

    private String document;

    @BeforeEach
    void readDocument() throws IOException {
        document = AsyncApiDocument.text();
    }

    @Test
    void describesEveryEventTypeTheCodeDefinesAndNoOther() {
        var inCode = new TreeSet<String>();
        inCode.add(AutomationContract.REQUESTED_TYPE);
        Arrays.stream(ReplyType.values()).map(ReplyType::type).forEach(inCode::add);

        var inDocument = new TreeSet<String>();
        AUTOMATION_EVENT_TYPE.matcher(document).results().map(MatchResult::group).forEach(inDocument::add);

        assertEquals(inCode, inDocument);
        for (var type : inCode) {
            assertContains("const: " + type);
        }
    }

    @Test
    void addressesTheTopicsTheContractNames() {
        assertContains("address: " + AutomationContract.REQUESTS_TOPIC_PREFIX + "{client}");
        assertContains("address: " + AutomationContract.REPLIES_TOPIC_PREFIX + "{client}");
        assertEquals(2, AsyncApiDocument.occurrences(document, "partitions: " + AutomationContract.TOPIC_PARTITIONS),
                "both channels should have the contract's partition count");
    }

    @Test
    void statesTheEnvelopeTheContractNames() {
        assertContains("const: " + AutomationContract.REPLY_SOURCE);
        assertEquals(2, AsyncApiDocument.occurrences(document,
                AutomationContract.CONTENT_TYPE_HEADER + ":\n          type: string\n          const: "
                        + AutomationContract.CONTENT_TYPE),
                "requests and replies should both fix their content-type header");
        assertContains("const: '" + Envelope.SPEC_VERSION + "'");
        assertContains("const: " + Envelope.DATA_CONTENT_TYPE);
        assertContains("maxLength: " + AutomationContract.MAX_REQUEST_ID_LENGTH);
    }

    @Test
    void namesTheIdentitiesTheContractDerivesFromAClientsName() {
        Stream.of(AutomationContract.principal(SOME_CLIENT), AutomationContract.consumerGroupPrefix(SOME_CLIENT),
                AutomationContract.kubernetesUser(SOME_CLIENT))
                .map(name -> name.replace(SOME_CLIENT, "NAME"))
                .forEach(this::assertContains);
        assertContains(AutomationContract.KUBERNETES_GROUP);
    }

    private void assertContains(String text) {
        assertTrue(document.contains(text), "docs/asyncapi.yaml does not say " + text);
    }
}
