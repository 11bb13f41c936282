package io.certpipe.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Field paths and messages as kube-apiserver 1.32 words them. */
class ObjectMetaValidationTest {

    private static final String NAME_PART_FORMAT = "name part must consist of alphanumeric characters, '-', '_' or "
            + "'.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or "
            + "'123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
    private static final String LABEL_VALUE_FORMAT = "a valid label must be an empty string or consist of "
            + "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. "
            + "'MyValue',  or 'my_value',  or '12345', regex used for validation is "
            + "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    @Test
    void acceptsWhatKubernetesAccepts() {
        ObjectMeta metadata = new ObjectMeta("Any name: CSRs are path segments", null, null, null, null,
                Map.of("app.kubernetes.io/name", "web", "tier", "", "a", "A-b_c.9"),
                Map.of("Example.COM/Mixed-Case", "any value at all, even\nlines"), List.of(), List.of());

        assertEquals(List.of(), errors(metadata));
    }

    @Test
    void labelKeyAndValueAreCheckedLikeKubeApiserver() {
        String value = "v".repeat(100);

        List<String> errors = errors(labelled(Map.of("bad key!", value)));

        assertEquals(List.of("metadata.labels: Invalid value: \"bad key!\": " + NAME_PART_FORMAT,
                "metadata.labels: Invalid value: \"" + value + "\": must be no more than 63 characters"), errors);
    }

    @Test
    void labelValueOfForbiddenCharactersNamesTheFormat() {
        assertEquals(List.of("metadata.labels: Invalid value: \"a b\": " + LABEL_VALUE_FORMAT),
                errors(labelled(Map.of("k", "a b"))));
    }

    @Test
    void labelKeyPrefixMustBeADnsSubdomain() {
        assertEquals(List.of("metadata.labels: Invalid value: \"Example.com/x\": prefix part a lowercase RFC 1123 "
                + "subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end "
                + "with an alphanumeric character (e.g. 'example.com', regex used for validation is "
                + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"),
                errors(labelled(Map.of("Example.com/x", "v"))));
    }

    @Test
    void labelKeyWithTwoSlashesIsNoQualifiedName() {
        assertEquals(List.of("metadata.labels: Invalid value: \"a/b/c\": a qualified name must consist of "
                + "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character "
                + "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
                + "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. "
                + "'example.com/MyName')"), errors(labelled(Map.of("a/b/c", "v"))));
    }

    @Test
    void emptyLabelKeyPartsAreNamed() {
        assertEquals(List.of("metadata.labels: Invalid value: \"/x\": prefix part must be non-empty",
                "metadata.labels: Invalid value: \"x/\": name part must be non-empty",
                "metadata.labels: Invalid value: \"x/\": " + NAME_PART_FORMAT),
                errors(labelled(Map.of("/x", "v", "x/", "v"))));
    }

    @Test
    void labelKeyNamePartIsAtMost63Characters() {
        String key = "k".repeat(64);
        assertEquals(List.of("metadata.labels: Invalid value: \"" + key + "\": name part must be no more than 63 "
                + "characters"), errors(labelled(Map.of(key, "v"))));
    }

    @Test
    void annotationKeysAreQualifiedNamesWhateverTheirCase() {
        ObjectMeta metadata = new ObjectMeta("n", null, null, null, null, null, Map.of("Bad Key", "v"));

        assertEquals(List.of("metadata.annotations: Invalid value: \"Bad Key\": " + NAME_PART_FORMAT),
                errors(metadata));
    }

    @Test
    void annotationsTogetherAreAtMost256KiB() {
        String half = "x".repeat(ObjectMetaValidation.TOTAL_ANNOTATION_SIZE_LIMIT / 2);
        ObjectMeta atTheLimit = new ObjectMeta("n", null, null, null, null, null, Map.of("a", half.substring(1),
                "b", half.substring(1)));
        ObjectMeta overTheLimit = new ObjectMeta("n", null, null, null, null, null, Map.of("a", half, "b", half));

        assertEquals(List.of(), errors(atTheLimit));
        assertEquals(List.of("metadata.annotations: Too long: may not be more than 262144 bytes"),
                errors(overTheLimit));
    }

    @Test
    void nameAndGenerateNameFollowTheKindsRule() {
        ObjectMeta metadata = new ObjectMeta("a/b%", "x/", null, null, null, null, null);

        assertEquals(List.of("metadata.generateName: Invalid value: \"x/\": may not contain '/'",
                "metadata.name: Invalid value: \"a/b%\": may not contain '/'",
                "metadata.name: Invalid value: \"a/b%\": may not contain '%'"), errors(metadata));
        assertEquals(List.of("metadata.name: Invalid value: \"..\": may not be '..'"),
                errors(new ObjectMeta("..", null, null, null, null, null, null)));
    }

    @Test
    void aNameIsRequired() {
        assertEquals(List.of("metadata.name: Required value: name or generateName is required"),
                errors(ObjectMeta.none()));
    }

    @Test
    void generatedNameKeepsThePrefixAndRoomForFiveRandomCharacters() {
        String generated = new ObjectMeta(null, "p".repeat(70), null, null, null, null, null).withGeneratedName()
                .name();

        assertEquals(63, generated.length());
        assertEquals("p".repeat(58), generated.substring(0, 58));
    }

    @Test
    void finalizersAreCheckedThenRefused() {
        ObjectMeta metadata = new ObjectMeta("n", null, null, null, null, null, null,
                List.of("bad finalizer", "orphan", "foregroundDeletion"), null);

        assertEquals(List.of("metadata.finalizers: Invalid value: \"bad finalizer\": " + NAME_PART_FORMAT,
                "metadata.finalizers: Invalid value: []string{\"bad finalizer\", \"orphan\", \"foregroundDeletion\"}: "
                        + "finalizer orphan and foregroundDeletion cannot be both set",
                "metadata.finalizers: Forbidden: certpipe deletes an object at once and keeps no finalizers, so none "
                        + "may be set"), errors(metadata));
    }

    @Test
    void ownerReferencesAreRefused() {
        ObjectMeta metadata = new ObjectMeta("n", null, null, null, null, null, null, null,
                List.of(Map.of("apiVersion", "v1", "kind", "Node", "name", "n1", "uid", "u")));

        assertEquals(List.of("metadata.ownerReferences: Forbidden: certpipe has no garbage collector: owner "
                + "references are not kept, so none may be set"), errors(metadata));
    }

    private static ObjectMeta labelled(Map<String, String> labels) {
        return new ObjectMeta("n", null, null, null, null, labels, null);
    }

    private static List<String> errors(ObjectMeta metadata) {
        return ObjectMetaValidation.validate(metadata, NameRules.PATH_SEGMENT).stream().map(FieldError::toString)
                .toList();
    }
}
