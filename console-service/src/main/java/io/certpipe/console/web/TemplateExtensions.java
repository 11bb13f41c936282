package io.certpipe.console.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.quarkus.qute.TemplateExtension;

/** How templates write values: {@code {time.display}}. */
@TemplateExtension
final class TemplateExtensions {

    /** Times in UTC, as the API and the audit trail give them, to the second. */
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private TemplateExtensions() {
    }

    static String display(Instant time) {
        return UTC.format(time);
    }
}
