package io.certpipe.kube;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import io.kubernetes.client.proto.Meta;

/**
 * The {@code dryRun} option of every write, as kube-apiserver reads it. {@code All} runs the write through
 * authorisation, admission, validation and the state rules and answers what it would store, with the same status
 * code and warnings, but stores, publishes and logs nothing. Kubernetes defines no other value and refuses any other
 * as invalid options (422), before anything is read.
 */
public enum DryRun {

    /** A real write. */
    OFF,
    /** {@code dryRun=All}: every stage but storing. */
    ALL;

    /** The one value Kubernetes defines. */
    private static final String ALL_STAGES = "All";
    private static final String FIELD = "dryRun";
    private static final String DELETE_OPTIONS = "DeleteOptions";

    /** The options object of each write verb, which a refusal names as kube-apiserver does. */
    public enum Options {
        CREATE("CreateOptions"), UPDATE("UpdateOptions"), PATCH("PatchOptions"), DELETE(DELETE_OPTIONS);

        private final GroupKind kind;

        Options(String kind) {
            this.kind = new GroupKind("meta.k8s.io", kind);
        }
    }

    public boolean isRequested() {
        return this == ALL;
    }

    /** The {@code dryRun} values of a write's {@code options}: none is a real write, and every one must be All. */
    public static DryRun of(Options options, List<String> values) {
        if (values == null || values.isEmpty()) {
            return OFF;
        }
        if (values.stream().allMatch(ALL_STAGES::equals)) {
            return ALL;
        }
        throw ApiException.invalid(options.kind, "", List.of(FieldError.notSupported(FIELD, values,
                List.of(ALL_STAGES))));
    }

    /**
     * The {@code dryRun} of a DELETE. kubectl and client-go send it in the DeleteOptions body ({@code kubectl delete
     * --dry-run=server} sends {@code {"dryRun":["All"],...}}); as in kube-apiserver, the query counts only when there
     * is no body.
     */
    public static DryRun ofDelete(List<String> query, String contentType, byte[] body, ObjectMapper json) {
        if (body == null || body.length == 0) {
            return of(Options.DELETE, query);
        }
        if (ProtobufEnvelope.isProtobuf(contentType)) {
            try {
                return of(Options.DELETE, Meta.DeleteOptions.parseFrom(ProtobufEnvelope.unwrap(body, DELETE_OPTIONS))
                        .getDryRunList());
            } catch (InvalidProtocolBufferException e) {
                throw ApiException.badRequest("cannot decode the protobuf " + DELETE_OPTIONS + ": " + e.getMessage());
            }
        }
        return of(Options.DELETE, RequestBodies.parse(body, DeleteOptionsBody.class, DELETE_OPTIONS, json).dryRun());
    }

    /** The part of a JSON DeleteOptions that says whether to dry-run. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record DeleteOptionsBody(List<String> dryRun) {
    }
}
