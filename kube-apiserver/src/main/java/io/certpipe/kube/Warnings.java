package io.certpipe.kube;

import java.util.List;

import jakarta.ws.rs.core.Response;

/**
 * Kubernetes' {@code Warning} response header (RFC 7234 form, code 299), which kubectl prints as
 * {@code Warning: <text>} on stderr without failing the command.
 */
public final class Warnings {

    public static final String HEADER = "Warning";

    private Warnings() {
    }

    public static Response.ResponseBuilder add(Response.ResponseBuilder response, List<String> warnings) {
        warnings.stream().distinct().forEach(warning -> response.header(HEADER, "299 - \"" + warning
                .replace("\\", "\\\\").replace("\"", "\\\"") + "\""));
        return response;
    }
}
