package io.certpipe.automation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A CloudEvents 1.0 event in structured JSON mode, as requests and replies travel: the required attributes, the
 * optional ones certpipe uses ({@code time} in RFC 3339), and {@code data} as JSON ({@link RequestData} or {@link ReplyData}). Extension
 * attributes a sender adds are ignored.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Envelope(String specversion, String id, String source, String type, String time, String subject,
        String datacontenttype, JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String DATA_CONTENT_TYPE = "application/json";
}
