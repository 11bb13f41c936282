package io.certpipe.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class OpenApiSchemasTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema.ListOf STRINGS = new Schema.ListOf(Schema.OPAQUE);
    /** intake-service's rbac.authorization.k8s.io/v1 document without its paths. */
    private static final JsonNode RBAC = rbacComponents();

    @Test
    void propertiesAreTheFieldsOfAnObject() {
        Schema derived = Schema.fromOpenApi(json("""
                {"Ref": {"type": "object", "properties": {"name": {"type": "string"}, "uid": {"type": "string"}}}}
                """), "Ref");

        assertEquals(new Schema.Fields(Map.of("name", Schema.OPAQUE, "uid", Schema.OPAQUE)), derived);
    }

    @Test
    void arrayItemsAreTheShapeOfEveryElement() {
        Schema derived = Schema.fromOpenApi(json("""
                {"Rule": {"type": "object", "properties": {
                    "verbs": {"type": "array", "items": {"type": "string"}},
                    "matches": {"type": "array",
                        "items": {"type": "object", "properties": {"path": {"type": "string"}}}}}}}
                """), "Rule");

        assertEquals(new Schema.Fields(Map.of("verbs", STRINGS,
                "matches", new Schema.ListOf(new Schema.Fields(Map.of("path", Schema.OPAQUE))))), derived);
    }

    @Test
    void additionalPropertiesAreTheShapeOfEveryMapValue() {
        Schema derived = Schema.fromOpenApi(json("""
                {"Spec": {"type": "object", "properties": {"extra": {"type": "object",
                    "additionalProperties": {"type": "array", "items": {"type": "string"}}}}}}
                """), "Spec");

        assertEquals(new Schema.Fields(Map.of("extra", new Schema.MapOf(STRINGS))), derived);
    }

    @Test
    void aRefIsTheShapeOfTheComponentItNames() {
        Schema derived = Schema.fromOpenApi(json("""
                {"Binding": {"type": "object", "properties": {"roleRef": {"$ref": "#/components/schemas/RoleRef"}}},
                 "RoleRef": {"type": "object", "properties": {"name": {"type": "string"}}}}
                """), "Binding");

        assertEquals(new Schema.Fields(Map.of("roleRef", new Schema.Fields(Map.of("name", Schema.OPAQUE)))), derived);
    }

    @Test
    void aOneElementAllOfIsTheRefItWraps() {
        Schema derived = Schema.fromOpenApi(json("""
                {"Binding": {"type": "object", "properties": {
                    "roleRef": {"default": {}, "allOf": [{"$ref": "#/components/schemas/RoleRef"}]}}},
                 "RoleRef": {"type": "object", "properties": {"name": {"type": "string"}}}}
                """), "Binding");

        assertEquals(new Schema.Fields(Map.of("roleRef", new Schema.Fields(Map.of("name", Schema.OPAQUE)))), derived);
    }

    @Test
    void aTypeThatContainsItselfIsNotCheckedWhereItDoes() {
        Schema derived = Schema.fromOpenApi(json("""
                {"Props": {"type": "object", "properties": {
                    "name": {"type": "string"},
                    "items": {"allOf": [{"$ref": "#/components/schemas/Props"}]}}}}
                """), "Props");

        assertEquals(new Schema.Fields(Map.of("name", Schema.OPAQUE, "items", Schema.OPAQUE)), derived);
    }

    @Test
    void preservedUnknownFieldsAreNotChecked() {
        Schema derived = Schema.fromOpenApi(json("""
                {"Spec": {"type": "object", "x-kubernetes-preserve-unknown-fields": true,
                    "properties": {"name": {"type": "string"}}}}
                """), "Spec");

        assertEquals(Schema.OPAQUE, derived);
    }

    @Test
    void anObjectWithoutPropertiesIsNotChecked() {
        Schema derived = Schema.fromOpenApi(json("""
                {"Role": {"type": "object", "properties": {"aggregationRule": {"type": "object"}}}}
                """), "Role");

        assertEquals(new Schema.Fields(Map.of("aggregationRule", Schema.OPAQUE)), derived);
    }

    @Test
    void objectMetaIsKubernetesWholeObjectMetaThoughTheDocumentListsFewerFields() {
        JsonNode components = json("""
                {"Role": {"type": "object", "properties": {"metadata": {"allOf": [
                    {"$ref": "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"}]}}},
                 "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta": {"type": "object",
                    "properties": {"name": {"type": "string"}}}}
                """);

        Schema derived = Schema.fromOpenApi(components, "Role");

        assertEquals(new Schema.Fields(Map.of("metadata", Schema.OBJECT_META)), derived);
        assertEquals(List.of(), Schema.unknownFields(json("""
                {"metadata": {"name": "r", "namespace": "", "finalizers": ["f"], "ownerReferences": [{"uid": "u"}]}}
                """), derived));
    }

    @Test
    void aMissingComponentIsRefusedByName() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> Schema.fromOpenApi(json("""
                        {"Binding": {"type": "object",
                            "properties": {"roleRef": {"$ref": "#/components/schemas/Gone"}}}}
                        """), "Binding"));

        assertTrue(refused.getMessage().contains("\"Gone\""), refused.getMessage());
    }

    @Test
    void aClusterRoleOfTheRbacDocumentKnowsEveryFieldOfAClusterRoleAndNoOther() {
        Schema clusterRole = Schema.fromOpenApi(RBAC, "io.k8s.api.rbac.v1.ClusterRole");

        assertEquals(List.of(), Schema.unknownFields(json("""
                {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole",
                 "metadata": {"name": "signer-approver", "labels": {"x": "1"}, "annotations": {"a": "b"},
                    "finalizers": ["f"], "resourceVersion": "7"},
                 "rules": [{"apiGroups": ["certificates.k8s.io"], "resources": ["signers"],
                            "resourceNames": ["example.com/*"], "verbs": ["approve"]},
                           {"nonResourceURLs": ["/healthz"], "verbs": ["get"]}],
                 "aggregationRule": {"clusterRoleSelectors": [{"matchLabels": {"a": "b"}}]}}
                """), clusterRole));
        assertEquals(List.of("metadata.labelz", "rules[0].verb"), Schema.unknownFields(json("""
                {"metadata": {"labelz": {"x": "1"}}, "rules": [{"verb": ["get"], "resources": ["signers"]}]}
                """), clusterRole));
    }

    @Test
    void aClusterRoleBindingOfTheRbacDocumentRefusesWhatABindingDoesNotHave() {
        Schema clusterRoleBinding = Schema.fromOpenApi(RBAC, "io.k8s.api.rbac.v1.ClusterRoleBinding");

        assertEquals(List.of("roleRef.foo", "subjects[1].namespce"), Schema.unknownFields(json("""
                {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding",
                 "metadata": {"name": "approvers", "labels": {"x": "1"}},
                 "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "r", "foo": 1},
                 "subjects": [{"kind": "User", "apiGroup": "rbac.authorization.k8s.io", "name": "alice"},
                              {"kind": "ServiceAccount", "name": "bot", "namespce": "ci"}]}
                """), clusterRoleBinding));
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode rbacComponents() {
        try (InputStream document = OpenApiSchemasTest.class.getResourceAsStream(
                "/openapi/rbac.authorization.k8s.io-v1.json")) {
            return JSON.readTree(document).path("components").path("schemas");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
