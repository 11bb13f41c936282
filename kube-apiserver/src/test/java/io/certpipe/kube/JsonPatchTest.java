package io.certpipe.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** RFC 6902 as kube-apiserver applies it, and its answers when a patch does not apply. */
class JsonPatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DOCUMENT = """
            {"metadata":{"name":"n","labels":{"a":"1"}},"list":[1,2,3]}""";

    @Test
    void addSetsAMemberAndInsertsIntoAnArray() {
        assertPatched("""
                {"metadata":{"name":"n","labels":{"a":"1","b":"2"}},"list":[0,1,2,3,4]}""", """
                [{"op":"add","path":"/metadata/labels/b","value":"2"},
                 {"op":"add","path":"/list/0","value":0},
                 {"op":"add","path":"/list/-","value":4}]""");
    }

    @Test
    void addReplacesAnExistingMember() {
        assertPatched("""
                {"metadata":{"name":"n","labels":{"a":"x"}},"list":[1,2,3]}""", """
                [{"op":"add","path":"/metadata/labels/a","value":"x"}]""");
    }

    @Test
    void removeDeletesAMemberAndAnElement() {
        assertPatched("""
                {"metadata":{"name":"n","labels":{}},"list":[1,3]}""", """
                [{"op":"remove","path":"/metadata/labels/a"},{"op":"remove","path":"/list/1"}]""");
    }

    @Test
    void replaceChangesAValueAndNegativeIndicesCountFromTheEnd() {
        assertPatched("""
                {"metadata":{"name":"n","labels":{"a":"2"}},"list":[1,2,30]}""", """
                [{"op":"replace","path":"/metadata/labels/a","value":"2"},
                 {"op":"replace","path":"/list/-1","value":30}]""");
    }

    @Test
    void moveAndCopy() {
        assertPatched("""
                {"metadata":{"name":"n","labels":{"b":"1"}},"list":[1,2,3],"copy":[1,2,3]}""", """
                [{"op":"move","from":"/metadata/labels/a","path":"/metadata/labels/b"},
                 {"op":"copy","from":"/list","path":"/copy"}]""");
    }

    @Test
    void pointersUnescapeSlashAndTilde() {
        assertPatched("""
                {"metadata":{"name":"n","labels":{"a":"1","example.com/x~y":"v"}},"list":[1,2,3]}""", """
                [{"op":"add","path":"/metadata/labels/example.com~1x~0y","value":"v"}]""");
    }

    @Test
    void passingTestLetsThePatchApply() {
        assertPatched("""
                {"metadata":{"name":"n","labels":{"a":"2"}},"list":[1,2,3]}""", """
                [{"op":"test","path":"/list","value":[1.0,2,3]},
                 {"op":"test","path":"/metadata/labels/missing","value":null},
                 {"op":"replace","path":"/metadata/labels/a","value":"2"}]""");
    }

    @Test
    void failedTestIsKubeApiserversInvalid() {
        ApiException refusal = refusal("""
                [{"op":"test","path":"/metadata/labels/a","value":"2"},
                 {"op":"replace","path":"/metadata/labels/a","value":"3"}]""");

        assertEquals(422, refusal.code());
        assertEquals("Invalid", refusal.reason());
        assertEquals("the server rejected our request due to an error in our request: testing value "
                + "/metadata/labels/a failed: test failed", refusal.getMessage());
    }

    @Test
    void missingPathsAndIndicesDoNotApply() {
        for (String patch : new String[] {
                "[{\"op\":\"add\",\"path\":\"/nowhere/x\",\"value\":1}]",
                "[{\"op\":\"remove\",\"path\":\"/metadata/labels/b\"}]",
                "[{\"op\":\"remove\",\"path\":\"/list/3\"}]",
                "[{\"op\":\"add\",\"path\":\"/list/5\",\"value\":1}]",
                "[{\"op\":\"replace\",\"path\":\"/list/x\",\"value\":1}]",
                "[{\"op\":\"move\",\"from\":\"/nowhere\",\"path\":\"/x\"}]",
                "[{\"op\":\"copy\",\"from\":\"/metadata/nowhere\",\"path\":\"/x\"}]",
                "[{\"op\":\"add\",\"value\":1}]",
                "[{\"op\":\"jump\",\"path\":\"/x\"}]"}) {
            ApiException refusal = refusal(patch);
            assertEquals(422, refusal.code(), patch);
            assertTrue(refusal.getMessage().startsWith("the server rejected our request due to an error in our "
                    + "request: "), refusal.getMessage());
        }
    }

    @Test
    void aPatchThatIsNotAnArrayOfObjectsIsBadRequest() {
        for (String patch : new String[] {"{\"op\":\"add\"}", "[\"add\"]"}) {
            ApiException refusal = assertThrows(ApiException.class, () -> JsonPatch.of(JSON.readTree(patch), 1024));
            assertEquals(400, refusal.code(), patch);
            assertTrue(refusal.getMessage().startsWith("error decoding patch: "), refusal.getMessage());
        }
    }

    @Test
    void moreThanTenThousandOperationsIsTooLarge() throws JsonProcessingException {
        String patch = "[" + "{\"op\":\"test\",\"path\":\"/list/0\",\"value\":1},".repeat(10_000)
                + "{\"op\":\"test\",\"path\":\"/list/0\",\"value\":1}]";

        ApiException refusal = assertThrows(ApiException.class, () -> JsonPatch.of(JSON.readTree(patch), 1024));

        assertEquals(413, refusal.code());
        assertEquals("Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001",
                refusal.getMessage());
    }

    @Test
    void copiesCannotGrowTheDocumentPastTheLimit() throws JsonProcessingException {
        JsonPatch doubling = JsonPatch.of(JSON.readTree("""
                [{"op":"copy","from":"/list","path":"/list/-"},{"op":"copy","from":"/list","path":"/list/-"},
                 {"op":"copy","from":"/list","path":"/list/-"},{"op":"copy","from":"/list","path":"/list/-"}]"""),
                64);

        ApiException refusal = assertThrows(ApiException.class, () -> doubling.applyTo(JSON.readTree(DOCUMENT)));

        assertEquals(422, refusal.code());
        assertTrue(refusal.getMessage().contains("exceeding the limit 64"), refusal.getMessage());
    }

    @Test
    void theTargetIsLeftAsItWas() throws JsonProcessingException {
        JsonNode target = JSON.readTree(DOCUMENT);

        JsonPatch.of(JSON.readTree("[{\"op\":\"remove\",\"path\":\"/list\"}]"), 1024).applyTo(target);

        assertEquals(JSON.readTree(DOCUMENT), target);
    }

    private static void assertPatched(String expected, String patch) {
        try {
            assertEquals(JSON.readTree(expected), JsonPatch.of(JSON.readTree(patch), 1024)
                    .applyTo(JSON.readTree(DOCUMENT)));
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static ApiException refusal(String patch) {
        return assertThrows(ApiException.class, () -> JsonPatch.of(JSON.readTree(patch), 1024)
                .applyTo(JSON.readTree(DOCUMENT)));
    }
}
