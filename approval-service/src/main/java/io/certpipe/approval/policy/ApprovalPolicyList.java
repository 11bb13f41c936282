package io.certpipe.approval.policy;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.certpipe.common.approval.ApprovalPolicy;
import io.certpipe.common.approval.ApprovalPolicySpec;
import io.certpipe.common.approval.Constraints;
import io.certpipe.common.approval.Selector;
import io.certpipe.common.config.YamlErrors;

/**
 * A cluster's {@code certpipe.io/v1} {@code ApprovalPolicyList} as intake's API serves it: each item becomes the
 * policy of its {@code metadata.name} and {@code spec}.
 *
 * <p>Specs are read strictly. intake validated them with the same model, so a field approval-service does not know
 * means an intake newer than it; dropping that field could drop a constraint and permit more. Such an item becomes a
 * policy that selects what its selector selects and cannot be evaluated ({@link #unreadablePolicy}); skipping it
 * instead would let another policy deny a request this one might have permitted, and a denial is final.
 *
 * @param policies every item's policy
 * @param versions each item as the log names it: {@code kubelet-serving (resourceVersion 17)}
 * @param unreadable a sentence per item whose spec could not be read, naming it and saying why
 */
record ApprovalPolicyList(List<ApprovalPolicy> policies, List<String> versions, List<String> unreadable) {

    /** The collection's path below a cluster's prefix. */
    static final String PATH = "/apis/" + ApprovalPolicy.API_VERSION + "/" + ApprovalPolicy.RESOURCE;

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** @throws IllegalArgumentException when {@code list} has no {@code items}, or an item no name */
    static ApprovalPolicyList read(JsonNode list) {
        JsonNode items = list.path("items");
        if (!items.isArray()) {
            throw new IllegalArgumentException("it has no items");
        }
        List<ApprovalPolicy> policies = new ArrayList<>();
        List<String> versions = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String name = item.path("metadata").path("name").asText("");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("item " + i + " has no metadata.name");
            }
            String version = name + " (resourceVersion " + item.path("metadata").path("resourceVersion").asText()
                    + ")";
            versions.add(version);
            policies.add(policy(name, version, item.path("spec"), unreadable));
        }
        return new ApprovalPolicyList(List.copyOf(policies), List.copyOf(versions), List.copyOf(unreadable));
    }

    /** The policy {@code name} of {@code spec}, or, when that cannot be read, {@link #unreadablePolicy}, said why. */
    private static ApprovalPolicy policy(String name, String version, JsonNode spec, List<String> unreadable) {
        String problem = "the spec is missing";
        if (spec.isObject()) {
            try {
                return new ApprovalPolicy(name, STRICT.treeToValue(spec, ApprovalPolicySpec.class));
            } catch (JsonProcessingException e) {
                problem = YamlErrors.describe("the spec", e);
            }
        }
        unreadable.add("approval policy " + version + " cannot be read, so every request it may select is left to a "
                + "person: " + problem);
        return unreadablePolicy(name, spec, problem);
    }

    /**
     * A policy that selects what {@code spec}'s selector selects (every request when that cannot be read either) and
     * that the engine finds invalid, so it leaves each request it selects to a person with {@code problem}. The model
     * marks a policy invalid only by a field value it refuses: onViolation carries the problem.
     */
    private static ApprovalPolicy unreadablePolicy(String name, JsonNode spec, String problem) {
        return new ApprovalPolicy(name, new ApprovalPolicySpec(selectorOf(spec), Constraints.NONE,
                "approval-service cannot read this policy: " + problem));
    }

    private static Selector selectorOf(JsonNode spec) {
        JsonNode selector = spec.path("selector");
        if (!selector.isObject()) {
            return Selector.ALL;
        }
        try {
            return STRICT.treeToValue(selector, Selector.class);
        } catch (JsonProcessingException e) {
            return Selector.ALL;
        }
    }
}
