package io.certpipe.kube;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The one error type of intake: a refusal with the HTTP code, Kubernetes reason and message the caller should see.
 * Only {@link StatusMapper} turns it into a {@link Status}.
 */
public class ApiException extends RuntimeException {

    private final int code;
    private final String reason;
    private final Status.Details details;

    private ApiException(int code, String reason, String message, Status.Details details) {
        super(message);
        this.code = code;
        this.reason = reason;
        this.details = details;
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    public Status.Details details() {
        return details;
    }

    public Status toStatus() {
        return Status.failure(code, reason, getMessage(), details);
    }

    public static ApiException unauthorized() {
        return new ApiException(401, "Unauthorized", "Unauthorized", null);
    }

    public static ApiException forbidden(GroupResource resource, String name, String why) {
        return new ApiException(403, "Forbidden", resource.describe(name) + " is forbidden: " + why,
                new Status.Details(name, resource.group(), resource.resource(), null));
    }

    /** A forbidden request for a path that is not a resource (discovery, version, OpenAPI). */
    public static ApiException forbiddenPath(String why) {
        return new ApiException(403, "Forbidden", "forbidden: " + why, null);
    }

    public static ApiException notFound(GroupResource resource, String name) {
        return new ApiException(404, "NotFound", resource.describe(name) + " not found",
                new Status.Details(name, resource.group(), resource.resource(), null));
    }

    /** A path nothing is served at; {@code message} tells the caller what would be. */
    public static ApiException pathNotFound(String message) {
        return new ApiException(404, "NotFound", message, null);
    }

    public static ApiException alreadyExists(GroupResource resource, String name) {
        return new ApiException(409, "AlreadyExists", resource.describe(name) + " already exists",
                new Status.Details(name, resource.group(), resource.resource(), null));
    }

    public static ApiException conflict(GroupResource resource, String name) {
        return new ApiException(409, "Conflict", "Operation cannot be fulfilled on " + resource.describe(name)
                + ": the object has been modified; please apply your changes to the latest version and try again",
                new Status.Details(name, resource.group(), resource.resource(), null));
    }

    /** A request whose fields break the validation rules; {@code errors} are all of them, not only the first. */
    public static ApiException invalid(GroupKind kind, String name, List<FieldError> errors) {
        String all = errors.size() == 1 ? errors.get(0).toString()
                : errors.stream().map(FieldError::toString).collect(Collectors.joining(", ", "[", "]"));
        List<Status.Cause> causes = errors.stream().map(FieldError::toCause).toList();
        return new ApiException(422, "Invalid", kind.describe(name) + " is invalid: " + all,
                new Status.Details(name, kind.group(), kind.kind(), causes));
    }

    /**
     * A patch with an operation that does not apply (a failed {@code test}, a path that is not there): the 422 and
     * generic message kube-apiserver answers, followed by what failed.
     */
    public static ApiException patchNotApplicable(String why) {
        return new ApiException(422, "Invalid", "the server rejected our request due to an error in our request: "
                + why, null);
    }

    /** A request over one of the server's size limits; {@code limit} says which. */
    public static ApiException requestEntityTooLarge(String limit) {
        return new ApiException(413, "RequestEntityTooLarge", "Request entity too large: " + limit, null);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "BadRequest", message, null);
    }

    public static ApiException unsupportedMediaType(String contentType, List<String> accepted) {
        return new ApiException(415, "UnsupportedMediaType", "the body of the request was in an unknown format - "
                + "accepted media types include: " + String.join(", ", accepted) + "; got " + contentType, null);
    }

    /** Any HTTP failure that has no more specific reason. */
    public static ApiException ofHttpStatus(int code, String message) {
        String reason = switch (code) {
            case 400 -> "BadRequest";
            case 404 -> "NotFound";
            case 405 -> "MethodNotAllowed";
            case 406 -> "NotAcceptable";
            case 409 -> "Conflict";
            case 415 -> "UnsupportedMediaType";
            default -> code >= 500 ? "InternalError" : "Unknown";
        };
        return new ApiException(code, reason, message, null);
    }

    /** The server cannot answer yet, and the client should retry (kube-apiserver's 503). */
    public static ApiException serviceUnavailable(String message) {
        return new ApiException(503, "ServiceUnavailable", message, null);
    }

    public static ApiException internalError(String message) {
        return new ApiException(500, "InternalError", "Internal error occurred: " + message, null);
    }
}
