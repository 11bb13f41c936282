package io.certpipe.common.config;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * How an error in an operator's YAML file reads, whichever file it is (signers, approval policies): where in the
 * document it is, as a field path ({@code clusters.default[0].policy.usages}), or the line when the YAML itself is
 * broken, and what is wrong.
 */
public final class YamlErrors {

    private YamlErrors() {
    }

    /** A sentence for {@code error}, met reading {@code file} (e.g. {@code "the signers file /etc/signers.yaml"}). */
    public static String describe(String file, JsonProcessingException error) {
        if (error instanceof JsonMappingException mapping) {
            return file + " is not valid at " + path(mapping.getPath()) + ": " + error.getOriginalMessage();
        }
        String where = error.getLocation() == null ? "" : " (line " + error.getLocation().getLineNr() + ")";
        return file + " is not valid YAML: " + error.getOriginalMessage() + where;
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "the top" : path.toString();
    }
}
