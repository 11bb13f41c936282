package io.certpipe.common.approval;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Policies written as operators write them, in JSON (single quotes, for Java strings), and read strictly: an unknown
 * field fails the test that wrote it.
 */
final class TestPolicies {

    static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(JsonParser.Feature.ALLOW_SINGLE_QUOTES)
            .build();

    private TestPolicies() {
    }

    static ApprovalPolicySpec spec(String json) {
        try {
            return STRICT.readValue(json, ApprovalPolicySpec.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static ApprovalPolicy policy(String name, String specJson) {
        return new ApprovalPolicy(name, spec(specJson));
    }

    /** A policy that selects every request and sets {@code constraints} (JSON), denying what breaks them. */
    static ApprovalPolicy constraining(String constraintsJson) {
        return policy("test", "{'constraints': " + constraintsJson + ", 'onViolation': 'Deny'}");
    }
}
