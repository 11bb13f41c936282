package io.certpipe.kube;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * kube-apiserver's {@code ValidateObjectMeta} ({@code k8s.io/apimachinery/pkg/api/validation/objectmeta.go}) for a
 * cluster-scoped object, on create and on every update: the name by its kind's rule, {@code generateName}, label keys
 * and values, annotation keys and their total size, and finalizer names, with Kubernetes' field paths and messages.
 * Each kind's validation starts from these errors, so no kind can store metadata kube-apiserver would refuse.
 * <p>
 * Two of Kubernetes' metadata features certpipe does not implement, and says so instead of dropping them silently:
 * finalizers (an object is deleted at once, nothing waits for a finalizer to be removed) and owner references (there
 * is no garbage collector to follow them).
 */
public final class ObjectMetaValidation {

    /** {@code TotalAnnotationSizeLimitB}: the keys and values of all annotations together. */
    public static final int TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;
    static final String FINALIZER_ORPHAN_DEPENDENTS = "orphan";
    static final String FINALIZER_DELETE_DEPENDENTS = "foregroundDeletion";

    private static final String METADATA = "metadata";

    private ObjectMetaValidation() {
    }

    /** Every problem with {@code metadata}, whose name (if generated) has been generated already. */
    public static List<FieldError> validate(ObjectMeta metadata, NameRules.NameRule names) {
        List<FieldError> errors = new ArrayList<>();
        String generateName = metadata.generateName();
        if (generateName != null && !generateName.isEmpty()) {
            names.problems(generateName, true).forEach(problem -> errors.add(FieldError.invalid(
                    METADATA + ".generateName", generateName, problem)));
        }
        String name = metadata.name();
        if (name == null || name.isEmpty()) {
            errors.add(FieldError.required(METADATA + ".name", "name or generateName is required"));
        } else {
            names.problems(name, false).forEach(problem -> errors.add(FieldError.invalid(METADATA + ".name", name,
                    problem)));
        }
        errors.addAll(labels(sorted(metadata.labels())));
        errors.addAll(annotations(sorted(metadata.annotations())));
        errors.addAll(finalizers(metadata.finalizers() == null ? List.of() : metadata.finalizers()));
        if (metadata.ownerReferences() != null && !metadata.ownerReferences().isEmpty()) {
            errors.add(FieldError.forbidden(METADATA + ".ownerReferences", "certpipe has no garbage collector: "
                    + "owner references are not kept, so none may be set"));
        }
        return errors;
    }

    /** {@code metav1validation.ValidateLabels}. */
    private static List<FieldError> labels(Map<String, String> labels) {
        String field = METADATA + ".labels";
        List<FieldError> errors = new ArrayList<>();
        labels.forEach((key, value) -> {
            NameRules.qualifiedName(key).forEach(problem -> errors.add(FieldError.invalid(field, key, problem)));
            NameRules.labelValue(value == null ? "" : value).forEach(problem -> errors.add(FieldError.invalid(field,
                    value, problem)));
        });
        return errors;
    }

    /** {@code ValidateAnnotations}: keys are qualified names whatever their case. */
    private static List<FieldError> annotations(Map<String, String> annotations) {
        String field = METADATA + ".annotations";
        List<FieldError> errors = new ArrayList<>();
        long totalSize = 0;
        for (Map.Entry<String, String> annotation : annotations.entrySet()) {
            String key = annotation.getKey();
            NameRules.qualifiedName(key.toLowerCase(Locale.ROOT)).forEach(problem -> errors.add(
                    FieldError.invalid(field, key, problem)));
            totalSize += bytes(key) + bytes(annotation.getValue());
        }
        if (totalSize > TOTAL_ANNOTATION_SIZE_LIMIT) {
            errors.add(FieldError.tooLong(field, TOTAL_ANNOTATION_SIZE_LIMIT));
        }
        return errors;
    }

    /**
     * {@code ValidateFinalizers}: qualified names, never both of the garbage collector's two; then certpipe's refusal,
     * since it would delete the object without waiting for any of them.
     */
    private static List<FieldError> finalizers(List<String> finalizers) {
        String field = METADATA + ".finalizers";
        List<FieldError> errors = new ArrayList<>();
        for (String finalizer : finalizers) {
            NameRules.qualifiedName(finalizer == null ? "" : finalizer).forEach(problem -> errors.add(
                    FieldError.invalid(field, finalizer, problem)));
        }
        if (finalizers.contains(FINALIZER_ORPHAN_DEPENDENTS) && finalizers.contains(FINALIZER_DELETE_DEPENDENTS)) {
            errors.add(FieldError.invalid(field, finalizers, "finalizer " + FINALIZER_ORPHAN_DEPENDENTS + " and "
                    + FINALIZER_DELETE_DEPENDENTS + " cannot be both set"));
        }
        if (!finalizers.isEmpty()) {
            errors.add(FieldError.forbidden(field, "certpipe deletes an object at once and keeps no finalizers, so "
                    + "none may be set"));
        }
        return errors;
    }

    /** Go ranges over a map in random order; sorted keys make the errors, and so the message, repeatable. */
    private static Map<String, String> sorted(Map<String, String> map) {
        return map == null ? Map.of() : new TreeMap<>(map);
    }

    private static long bytes(String value) {
        return value == null ? 0 : value.getBytes(StandardCharsets.UTF_8).length;
    }
}
