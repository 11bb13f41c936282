package io.certpipe.approval.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.certpipe.common.approval.ApprovalPolicy;
import io.certpipe.common.approval.ApprovalPolicySpec;
import io.certpipe.common.approval.FieldProblem;
import io.certpipe.common.config.YamlErrors;

/**
 * Files of {@code certpipe.io/v1} {@code ApprovalPolicy} objects as {@code kubectl apply -f} takes them: YAML, several
 * objects separated by {@code ---}. Unknown fields are errors, so a misspelt constraint never silently permits more,
 * and every policy is validated ({@link ApprovalPolicy#problems}) before the service decides anything with it.
 */
final class ApprovalPolicyFiles {

    /** One object of a file; labels and annotations are accepted, as kubectl would send them, and not used. */
    record PolicyObject(String apiVersion, String kind, Metadata metadata, ApprovalPolicySpec spec) {
    }

    record Metadata(String name, Map<String, String> labels, Map<String, String> annotations) {
    }

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ApprovalPolicyFiles() {
    }

    /** Every policy of {@code file}, in file order. */
    static List<ApprovalPolicy> read(Path file) {
        if (!Files.isReadable(file)) {
            throw new PolicyConfigurationException("the approval policy file " + file + " is missing or unreadable");
        }
        List<ApprovalPolicy> policies = new ArrayList<>();
        try (MappingIterator<PolicyObject> objects = YAML.readerFor(PolicyObject.class).readValues(file.toFile())) {
            int index = 0;
            while (objects.hasNextValue()) {
                PolicyObject object = objects.nextValue();
                if (object != null) {
                    policies.add(policy(file, index, object));
                }
                index++;
            }
        } catch (JsonProcessingException e) {
            throw new PolicyConfigurationException(YamlErrors.describe("the approval policy file " + file, e), e);
        } catch (IOException e) {
            throw new PolicyConfigurationException("cannot read the approval policy file " + file, e);
        }
        return policies;
    }

    private static ApprovalPolicy policy(Path file, int index, PolicyObject object) {
        String where = "the approval policy file " + file + ", object " + (index + 1);
        if (!ApprovalPolicy.API_VERSION.equals(object.apiVersion()) || !ApprovalPolicy.KIND.equals(object.kind())) {
            throw new PolicyConfigurationException(where + " is a " + object.apiVersion() + " " + object.kind()
                    + ", not a " + ApprovalPolicy.API_VERSION + " " + ApprovalPolicy.KIND);
        }
        if (object.metadata() == null || object.metadata().name() == null || object.metadata().name().isBlank()) {
            throw new PolicyConfigurationException(where + ": metadata.name: Required value");
        }
        if (object.spec() == null) {
            throw new PolicyConfigurationException(where + " (" + object.metadata().name() + "): spec: Required value");
        }
        ApprovalPolicy policy = new ApprovalPolicy(object.metadata().name(), object.spec());
        List<FieldProblem> problems = policy.problems();
        if (!problems.isEmpty()) {
            throw new PolicyConfigurationException(where + " (" + policy.name() + ") is invalid: " + String.join("; ",
                    problems.stream().map(FieldProblem::toString).toList()));
        }
        return policy;
    }

}
