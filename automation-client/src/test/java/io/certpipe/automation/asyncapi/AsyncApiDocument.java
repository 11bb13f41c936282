package io.certpipe.automation.asyncapi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/** docs/asyncapi.yaml, and where its parser is installed: both named by automation-client's pom for its tests. */
final class AsyncApiDocument {

    private AsyncApiDocument() {
    }

    static Path path() {
        return Path.of(setting("asyncapi.document"));
    }

    static String text() throws IOException {
        return Files.readString(path());
    }

    /** How often {@code part} occurs in {@code text}. */
    static int occurrences(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    static Path parserInstallation() {
        return Path.of(setting("asyncapi.parser.directory"));
    }

    private static String setting(String name) {
        return Objects.requireNonNull(System.getProperty(name),
                "the system property " + name + ", set by automation-client's surefire configuration");
    }
}
