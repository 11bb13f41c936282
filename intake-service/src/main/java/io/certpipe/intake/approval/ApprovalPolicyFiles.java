package io.certpipe.intake.approval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certpipe.common.approval.ApprovalPolicy;
import io.certpipe.common.config.YamlErrors;
import io.certpipe.kube.FieldError;
import io.certpipe.kube.Schema;
import io.certpipe.kube.Yaml;

/**
 * Files of ApprovalPolicy objects as {@code kubectl apply -f} takes them: YAML, several objects separated by
 * {@code ---}, each held to the same rules as one sent to the API (unknown fields and invalid values are errors, so a
 * misspelt constraint never silently permits more).
 */
final class ApprovalPolicyFiles {

    private ApprovalPolicyFiles() {
    }

    /** Every policy of {@code file}, in file order; the first problem stops the reading, named by where it is. */
    static List<ApprovalPolicyObject> read(Path file, ApprovalPolicyKind kind, ObjectMapper json) {
        if (!Files.isReadable(file)) {
            throw new IllegalStateException("the approval policy file " + file + " is missing or unreadable");
        }
        List<ApprovalPolicyObject> policies = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = Yaml.MAPPER.readerFor(JsonNode.class).readValues(file.toFile())) {
            int index = 0;
            while (documents.hasNextValue()) {
                JsonNode document = documents.nextValue();
                index++;
                if (document != null && !document.isNull() && !document.isEmpty()) {
                    policies.add(policy(file + ", object " + index, document, kind, json));
                }
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(YamlErrors.describe("the approval policy file " + file, e), e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the approval policy file " + file, e);
        }
        return policies;
    }

    private static ApprovalPolicyObject policy(String where, JsonNode document, ApprovalPolicyKind kind,
            ObjectMapper json) throws JsonProcessingException {
        String apiVersion = document.path("apiVersion").asText();
        String kindName = document.path("kind").asText();
        if (!ApprovalPolicy.API_VERSION.equals(apiVersion) || !ApprovalPolicy.KIND.equals(kindName)) {
            throw new IllegalStateException(where + " is a " + apiVersion + " " + kindName + ", not a "
                    + ApprovalPolicy.API_VERSION + " " + ApprovalPolicy.KIND);
        }
        List<String> unknown = Schema.unknownFields(document, kind.schema());
        if (!unknown.isEmpty()) {
            throw new IllegalStateException(where + ": unknown field " + String.join(", unknown field ", unknown));
        }
        ApprovalPolicyObject policy = json.treeToValue(document, ApprovalPolicyObject.class);
        List<FieldError> errors = kind.validate(policy);
        if (!errors.isEmpty()) {
            throw new IllegalStateException(where + " (" + policy.metadata().name() + ") is invalid: "
                    + errors.stream().map(FieldError::toCause).map(cause -> cause.field() + ": " + cause.message())
                            .collect(Collectors.joining("; ")));
        }
        return policy;
    }
}
