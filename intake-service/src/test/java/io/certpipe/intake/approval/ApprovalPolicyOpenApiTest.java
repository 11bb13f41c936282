package io.certpipe.intake.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.certpipe.common.approval.ApprovalPolicy;
import io.certpipe.common.approval.ApprovalPolicySpec;
import io.certpipe.common.approval.FieldProblem;
import io.certpipe.common.csr.KeyUsages;
import io.certpipe.common.signer.SubjectKey;
import io.certpipe.kube.Schema;

/**
 * The OpenAPI schemas of {@code certpipe.io/v1 ApprovalPolicy} (what {@code kubectl explain} shows and
 * {@code fieldValidation} knows) and the records of {@code io.certpipe.common.approval} (what approval-service
 * decides with) describe one object.
 */
class ApprovalPolicyOpenApiTest {

    private static final String COMPONENT_REF = "#/components/schemas/";
    private static final String POLICY = "io.certpipe.v1.ApprovalPolicy";
    private static final String POLICY_LIST = "io.certpipe.v1.ApprovalPolicyList";
    private static final String SPEC = "io.certpipe.v1.ApprovalPolicySpec";
    private static final String KEY_RULE = "io.certpipe.v1.ApprovalPolicyKeyRule";
    private static final String ACCESS_RULE = "io.certpipe.v1.ApprovalPolicyAccessRule";

    /** Policies are read as approval-service reads its policy files: Jackson's names, no naming strategy. */
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode POLICY_SCHEMAS = schemas("/openapi/kinds/certpipe.io/approvalpolicies.json");
    /** The component schemas of certpipe.io/v1 as a document serves them: the kind's own and the shared metadata. */
    private static final ObjectNode COMPONENTS = merged(POLICY_SCHEMAS, schemas("/openapi/kinds/shared/meta.json"));

    /** The scalar Java types of the records, each with the OpenAPI type (and format) it is written as. */
    private static final Map<Class<?>, String> SCALARS = Map.of(String.class, "string", Integer.class,
            "integer/int32", boolean.class, "boolean");

    @Test
    void everyRecordComponentIsAPropertyOfItsSchemaOfTheSameKindAndNoOtherPropertyIs() {
        List<String> disagreements = new ArrayList<>();

        compareRecord(YAML.constructType(ApprovalPolicySpec.class), component(SPEC), "spec", disagreements);

        assertEquals(List.of(), disagreements);
    }

    @Test
    void anApprovalPolicyIsAKubernetesObjectOfItsGroupVersionAndKindWithASpec() {
        JsonNode policy = component(POLICY);
        JsonNode list = component(POLICY_LIST);
        String[] groupVersion = ApprovalPolicy.API_VERSION.split("/");

        assertEquals(Set.of("apiVersion", "kind", "metadata", "spec"), propertyNames(policy));
        assertEquals(COMPONENT_REF + SPEC, policy.at("/properties/spec/allOf/0/$ref").asText());
        assertEquals(JSON.createArrayNode().add(JSON.createObjectNode().put("group", groupVersion[0])
                .put("kind", ApprovalPolicy.KIND).put("version", groupVersion[1])),
                policy.get("x-kubernetes-group-version-kind"));
        assertEquals(Set.of("apiVersion", "kind", "metadata", "items"), propertyNames(list));
        assertEquals(COMPONENT_REF + POLICY, list.at("/properties/items/items/allOf/0/$ref").asText());
        assertEquals(ApprovalPolicy.KIND + "List", list.at("/x-kubernetes-group-version-kind/0/kind").asText());
    }

    @Test
    void enumsAreTheValuesAPolicyMayHold() {
        JsonNode onViolation = component(SPEC).at("/properties/onViolation");
        assertEquals(List.of(ApprovalPolicySpec.DENY, ApprovalPolicySpec.IGNORE), texts(onViolation.get("enum")));
        assertEquals(ApprovalPolicySpec.IGNORE, onViolation.get("default").asText());
        assertEquals(List.of(SubjectKey.RSA, SubjectKey.ECDSA, SubjectKey.ED25519),
                texts(component(KEY_RULE).at("/properties/algorithm/enum")));
        assertEquals(SubjectKey.NIST_CURVE_NAMES, texts(component(KEY_RULE).at("/properties/curves/items/enum")));
        JsonNode usages = component("io.certpipe.v1.ApprovalPolicyUsageConstraint").get("properties");
        assertEquals(KeyUsages.known(), Set.copyOf(texts(usages.at("/allowed/items/enum"))));
        assertEquals(KeyUsages.known(), Set.copyOf(texts(usages.at("/required/items/enum"))));
    }

    @Test
    void theSchemaRequiresWhatAPolicyIsInvalidWithout() throws IOException {
        ApprovalPolicySpec blanks = YAML.readValue("constraints: {keys: {allowed: [{}]}, requesterAccess: [{}]}",
                ApprovalPolicySpec.class);
        Map<String, List<String>> required = new TreeMap<>();
        POLICY_SCHEMAS.fields().forEachRemaining(schema -> {
            if (schema.getValue().has("required")) {
                required.put(schema.getKey(), texts(schema.getValue().get("required")));
            }
        });

        assertEquals(List.of("spec.constraints.keys.allowed[0].algorithm", "spec.constraints.requesterAccess[0].verb",
                "spec.constraints.requesterAccess[0].resource"),
                blanks.problems().stream().map(FieldProblem::field).toList());
        assertEquals(Map.of(POLICY, List.of("spec"), POLICY_LIST, List.of("items"), KEY_RULE, List.of("algorithm"),
                ACCESS_RULE, List.of("verb", "resource")), required);
    }

    @Test
    void everyReferenceNamesAComponent() {
        List<String> references = POLICY_SCHEMAS.findValuesAsText("$ref");

        assertEquals(List.of(), references.stream()
                .filter(reference -> !reference.startsWith(COMPONENT_REF)
                        || !COMPONENTS.has(reference.substring(COMPONENT_REF.length())))
                .toList());
    }

    @Test
    void theExampleOfDocsApprovalHasNoUnknownField() throws IOException {
        JsonNode example = YAML.readTree(DocsExample.policyYaml());

        assertEquals(List.of(), Schema.unknownFields(example, Schema.fromOpenApi(COMPONENTS, POLICY)));
    }

    @Test
    void aMisspeltFieldAnywhereInAPolicyIsUnknown() throws IOException {
        JsonNode misspelt = YAML.readTree("""
                apiVersion: certpipe.io/v1
                kind: ApprovalPolicy
                metadata: {name: typos, labels: {team: web}}
                spec:
                  selector: {user: ["ci-*"]}
                  constraints:
                    dnsNames: {allowd: ["*.example.com"]}
                    keys: {allowed: [{algorithm: RSA, minBits: 3072}]}
                    requesterAccess: [{verb: create, resource: certificatesigningrequests, subResource: x}]
                  onViolaton: Deny
                """);

        assertEquals(List.of("spec.selector.user", "spec.constraints.dnsNames.allowd",
                "spec.constraints.keys.allowed[0].minBits", "spec.constraints.requesterAccess[0].subResource",
                "spec.onViolaton"), Schema.unknownFields(misspelt, Schema.fromOpenApi(COMPONENTS, POLICY)));
    }

    /** Compares the record {@code type} with the object {@code schema}, property by property. */
    private static void compareRecord(JavaType type, JsonNode schema, String path, List<String> disagreements) {
        Map<String, JavaType> properties = jsonProperties(type, path, disagreements);
        Set<String> undeclared = new HashSet<>(propertyNames(schema));
        properties.forEach((name, propertyType) -> {
            undeclared.remove(name);
            JsonNode property = schema.path("properties").get(name);
            if (property == null) {
                disagreements.add(path + "." + name + ": read into " + type.getRawClass().getSimpleName()
                        + ", missing from the schema");
            } else {
                compare(propertyType, resolved(property), path + "." + name, disagreements);
            }
        });
        undeclared.forEach(name -> disagreements.add(path + "." + name + ": in the schema, no component of "
                + type.getRawClass().getSimpleName()));
    }

    private static void compare(JavaType type, JsonNode schema, String path, List<String> disagreements) {
        String openApiType = schema.path("type").asText("no type");
        if (type.isCollectionLikeType()) {
            if (openApiType.equals("array")) {
                compare(type.getContentType(), resolved(schema.get("items")), path + "[]", disagreements);
            } else {
                disagreements.add(path + ": a list in Java, " + openApiType + " in the schema");
            }
        } else if (type.isRecordType()) {
            if (openApiType.equals("object")) {
                compareRecord(type, schema, path, disagreements);
            } else {
                disagreements.add(path + ": an object in Java, " + openApiType + " in the schema");
            }
        } else {
            String scalar = openApiType + (schema.has("format") ? "/" + schema.get("format").asText() : "");
            String expected = SCALARS.getOrDefault(type.getRawClass(), "no OpenAPI type for " + type);
            if (!scalar.equals(expected)) {
                disagreements.add(path + ": " + expected + " in Java, " + scalar + " in the schema");
            }
        }
    }

    /**
     * The JSON name and type of each component of the record {@code type}, as Jackson reads them (its names,
     * {@code @JsonProperty} included); a component Jackson does not read, or a property that is no component, is a
     * disagreement.
     */
    private static Map<String, JavaType> jsonProperties(JavaType type, String path, List<String> disagreements) {
        Map<String, BeanPropertyDefinition> read = YAML.getDeserializationConfig().introspect(type)
                .findProperties().stream()
                .collect(Collectors.toMap(BeanPropertyDefinition::getInternalName, Function.identity()));
        Map<String, JavaType> properties = new TreeMap<>();
        for (RecordComponent component : type.getRawClass().getRecordComponents()) {
            BeanPropertyDefinition property = read.remove(component.getName());
            if (property == null) {
                disagreements.add(path + ": Jackson does not read the component " + component.getName());
            } else {
                properties.put(property.getName(), property.getPrimaryType());
            }
        }
        read.keySet().forEach(name -> disagreements.add(path + ": Jackson reads " + name + ", no record component"));
        return properties;
    }

    /** The schema {@code property} stands for: itself, or the component its {@code allOf: [{$ref}]} names. */
    private static JsonNode resolved(JsonNode property) {
        String reference = property.at("/allOf/0/$ref").asText(property.path("$ref").asText());
        return reference.isEmpty() ? property : component(reference.substring(COMPONENT_REF.length()));
    }

    private static JsonNode component(String name) {
        return COMPONENTS.path(name);
    }

    private static Set<String> propertyNames(JsonNode schema) {
        Set<String> names = new HashSet<>();
        schema.path("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(text -> texts.add(text.asText()));
        return texts;
    }

    private static ObjectNode merged(JsonNode... schemas) {
        ObjectNode merged = JSON.createObjectNode();
        for (JsonNode some : schemas) {
            merged.setAll((ObjectNode) some);
        }
        return merged;
    }

    private static JsonNode schemas(String resource) {
        try (InputStream file = ApprovalPolicyOpenApiTest.class.getResourceAsStream(resource)) {
            return JSON.readTree(file).get("schemas");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
