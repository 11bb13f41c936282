package io.certpipe.kube;

import java.util.List;
import java.util.Locale;

/** The patch formats of a {@code PATCH} request, each named by its {@code Content-Type} as kube-apiserver names them. */
public enum PatchType {
    /** RFC 6902 JSON patch ({@code kubectl patch --type=json}). */
    JSON("application/json-patch+json"),
    /** RFC 7386 JSON merge patch ({@code kubectl patch --type=merge}). */
    MERGE("application/merge-patch+json"),
    /** Strategic merge patch ({@code kubectl patch}, client-side {@code kubectl apply}). */
    STRATEGIC_MERGE("application/strategic-merge-patch+json"),
    /** Server-side apply ({@code kubectl apply --server-side}). */
    APPLY("application/apply-patch+yaml");

    private final String mediaType;

    PatchType(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The type {@code contentType} names (parameters aside); anything but one of {@code served} is a 415. */
    public static PatchType of(String contentType, List<PatchType> served) {
        String mediaType = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        return served.stream().filter(type -> type.mediaType.equals(mediaType)).findFirst()
                .orElseThrow(() -> ApiException.unsupportedMediaType(contentType,
                        served.stream().map(PatchType::mediaType).toList()));
    }
}
