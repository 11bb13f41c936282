package io.certpipe.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class RequestBodiesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema THING = new Schema.Fields(Map.of(
            "metadata", Schema.OBJECT_META,
            "spec", new Schema.Fields(Map.of("size", Schema.OPAQUE,
                    "items", new Schema.ListOf(new Schema.Fields(Map.of("name", Schema.OPAQUE)))))));

    @Test
    void strictValidationRefusesEveryUnknownFieldByItsPath() {
        ApiException refusal = assertThrows(ApiException.class, () -> decode(
                "{\"spec\":{\"size\":1,\"foo\":2,\"items\":[{\"name\":\"a\",\"nmae\":\"b\"}]},\"bar\":true}",
                FieldValidation.STRICT));

        assertEquals(400, refusal.code());
        assertEquals("Thing in version \"v1\" cannot be handled as a Thing: strict decoding error: "
                + "unknown field \"spec.foo\", unknown field \"spec.items[0].nmae\", unknown field \"bar\"",
                refusal.getMessage());
    }

    @Test
    void warnValidationAnswersUnknownAndDuplicateFieldsAsWarnings() {
        RequestBodies.Decoded<JsonNode> decoded = decode("{\"spec\":{\"size\":1,\"size\":2,\"foo\":3}}",
                FieldValidation.WARN);

        assertEquals(List.of("duplicate field \"size\"", "unknown field \"spec.foo\""), decoded.warnings());
        assertEquals(2, decoded.value().path("spec").path("size").asInt());
    }

    @Test
    void strictValidationRefusesDuplicateFields() {
        ApiException refusal = assertThrows(ApiException.class,
                () -> decode("{\"spec\":{\"size\":1,\"size\":2}}", FieldValidation.STRICT));

        assertTrue(refusal.getMessage().endsWith("strict decoding error: duplicate field \"size\""),
                refusal.getMessage());
    }

    @Test
    void labelsAndAnnotationsTakeAnyKey() {
        RequestBodies.Decoded<JsonNode> decoded = decode(
                "{\"metadata\":{\"name\":\"x\",\"labels\":{\"anything\":\"goes\"},\"managedFields\":[{\"a\":1}]}}",
                FieldValidation.STRICT);

        assertEquals(List.of(), decoded.warnings());
    }

    @Test
    void ignoreDropsUnknownFieldsSilently() {
        assertEquals(List.of(), decode("{\"bar\":1}", FieldValidation.IGNORE).warnings());
    }

    @Test
    void malformedJsonSaysWhereButNeverQuotesTheBody() {
        ApiException refusal = assertThrows(ApiException.class,
                () -> decode("{\"spec\": -----BEGIN PRIVATE KEY-----", FieldValidation.STRICT));

        assertTrue(refusal.getMessage().contains("malformed JSON at line 1"), refusal.getMessage());
        assertTrue(!refusal.getMessage().contains("PRIVATE"), refusal.getMessage());
    }

    private static RequestBodies.Decoded<JsonNode> decode(String body, FieldValidation validation) {
        return RequestBodies.decode(body.getBytes(StandardCharsets.UTF_8), JsonNode.class, "Thing", THING,
                validation, JSON, JSON);
    }
}
