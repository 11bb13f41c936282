package io.certpipe.automation.client;

import io.certpipe.automation.ReplyData;
import io.certpipe.automation.ReplyType;

/**
 * One reply from intake as the client read it: what it says ({@code type}, {@code data}) and the CloudEvent
 * attributes that identify it ({@code id}, {@code time}, and {@code subject}, the request's name when it has one).
 */
public record Reply(ReplyType type, String id, String time, String subject, ReplyData data) {

    public String requestId() {
        return data.requestId();
    }
}
