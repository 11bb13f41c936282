package io.certpipe.kube;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One field validation error, worded as {@code k8s.io/apimachinery/pkg/util/validation/field.Error}: {@code field:
 * Type: value: detail}. A value is quoted when it is a string and left out when it must not be echoed.
 */
public record FieldError(String field, Type type, String renderedValue, String detail) {

    /** The error types and the {@code reason} of the Status cause each becomes. */
    public enum Type {
        REQUIRED("FieldValueRequired", "Required value"),
        INVALID("FieldValueInvalid", "Invalid value"),
        NOT_SUPPORTED("FieldValueNotSupported", "Unsupported value"),
        DUPLICATE("FieldValueDuplicate", "Duplicate value"),
        FORBIDDEN("FieldValueForbidden", "Forbidden"),
        TOO_LONG("FieldValueTooLong", "Too long");

        private final String reason;
        private final String text;

        Type(String reason, String text) {
            this.reason = reason;
            this.text = text;
        }

        public String reason() {
            return reason;
        }
    }

    public static FieldError required(String field, String detail) {
        return new FieldError(field, Type.REQUIRED, null, detail);
    }

    public static FieldError invalid(String field, Object value, String detail) {
        return new FieldError(field, Type.INVALID, render(value), detail);
    }

    /** An invalid value that is not repeated back (it may be large, binary, or something that must not be echoed). */
    public static FieldError invalidOmittingValue(String field, String detail) {
        return new FieldError(field, Type.INVALID, null, detail);
    }

    public static FieldError notSupported(String field, String value, List<String> supported) {
        return new FieldError(field, Type.NOT_SUPPORTED, render(value), supportedValues(supported));
    }

    /** An unsupported list of strings, which Kubernetes prints as Go does: {@code []string{"a", "b"}}. */
    public static FieldError notSupported(String field, List<String> values, List<String> supported) {
        return new FieldError(field, Type.NOT_SUPPORTED, render(values), supportedValues(supported));
    }

    public static FieldError forbidden(String field, String detail) {
        return new FieldError(field, Type.FORBIDDEN, null, detail);
    }

    /** A value over a size limit; like Kubernetes, the value itself is not repeated. */
    public static FieldError tooLong(String field, int maxBytes) {
        return new FieldError(field, Type.TOO_LONG, null, "may not be more than " + maxBytes + " bytes");
    }

    public static FieldError duplicate(String field, String value) {
        return new FieldError(field, Type.DUPLICATE, render(value), null);
    }

    /** The part after the field name, which Kubernetes puts in a cause's {@code message}. */
    public String body() {
        StringBuilder text = new StringBuilder(type.text);
        if (renderedValue != null) {
            text.append(": ").append(renderedValue);
        }
        if (detail != null && !detail.isEmpty()) {
            text.append(": ").append(detail);
        }
        return text.toString();
    }

    public Status.Cause toCause() {
        return new Status.Cause(type.reason(), body(), field);
    }

    @Override
    public String toString() {
        return field + ": " + body();
    }

    private static String supportedValues(List<String> supported) {
        return "supported values: " + supported.stream().map(FieldError::render).collect(Collectors.joining(", "));
    }

    /** As Go prints a value: a string quoted, a list of strings as {@code []string{"a", "b"}}. */
    private static String render(Object value) {
        if (value instanceof String text) {
            return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(FieldError::render).collect(Collectors.joining(", ", "[]string{", "}"));
        }
        return String.valueOf(value);
    }
}
