package io.certpipe.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A Kafka client configuration file, as {@code ./certpipe} writes one for every bus principal (the broker, the bus
 * administrator, each service and each auditor): bootstrap servers, TLS and the principal's PEM key and certificate.
 * The programs here take one, so they connect as whoever's file they are given, and a stock Kafka tool could too.
 */
final class ClientProperties {

    private ClientProperties() {
    }

    static Properties load(String file) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            System.err.println("cannot read the Kafka client configuration " + file + ": " + e.getMessage());
            System.exit(1);
        }
        return properties;
    }
}
