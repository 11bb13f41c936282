package io.certpipe.intake.discovery;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The fixed JSON documents intake serves (discovery, version, OpenAPI), read once from the classpath. */
final class Documents {

    private Documents() {
    }

    static byte[] load(String resource) {
        try (InputStream in = Documents.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
