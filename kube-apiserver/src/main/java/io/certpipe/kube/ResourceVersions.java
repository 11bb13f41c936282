package io.certpipe.kube;

/** {@code resourceVersion} values: opaque strings to clients, each cluster's revision counter to certpipe. */
public final class ResourceVersions {

    private ResourceVersions() {
    }

    /** The revision {@code text} names, or null when it names none. */
    public static Long parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid resourceVersion \"" + text + "\"");
        }
    }
}
