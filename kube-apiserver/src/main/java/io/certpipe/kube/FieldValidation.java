package io.certpipe.kube;

/**
 * The {@code fieldValidation} query parameter of writes: what to do with a field the resource does not have, or a
 * field given twice. kubectl sends {@code Strict}; Kubernetes' default, when nothing is sent, is {@code Warn}.
 */
public enum FieldValidation {
    IGNORE, WARN, STRICT;

    public static FieldValidation of(String parameter) {
        if (parameter == null || parameter.isEmpty()) {
            return WARN;
        }
        return switch (parameter) {
            case "Ignore" -> IGNORE;
            case "Warn" -> WARN;
            case "Strict" -> STRICT;
            default -> throw ApiException.badRequest("fieldValidation: Unsupported value: \"" + parameter
                    + "\": supported values: \"Ignore\", \"Warn\", \"Strict\"");
        };
    }
}
