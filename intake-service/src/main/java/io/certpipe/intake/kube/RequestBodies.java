package io.certpipe.intake.kube;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads JSON request bodies; a body that is not the expected JSON is a {@code BadRequest}. */
public final class RequestBodies {

    private RequestBodies() {
    }

    /**
     * Parses {@code body} as {@code type}. The error names where parsing stopped but never quotes the body: a
     * mistaken paste may hold a private key.
     */
    public static <T> T parse(byte[] body, Class<T> type, String kind, ObjectMapper json) {
        if (body == null || body.length == 0) {
            throw ApiException.badRequest("the request body is empty; expected a " + kind);
        }
        try {
            T parsed = json.readValue(body, type);
            if (parsed == null) {
                throw ApiException.badRequest("the request body is null; expected a " + kind);
            }
            return parsed;
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            String where = location == null ? "" : " at line " + location.getLineNr() + ", column "
                    + location.getColumnNr();
            throw ApiException.badRequest(kind + " in version \"v1\" cannot be handled as a " + kind
                    + ": malformed JSON" + where);
        } catch (IOException e) {
            throw ApiException.badRequest("cannot read the request body: " + e.getMessage());
        }
    }
}
