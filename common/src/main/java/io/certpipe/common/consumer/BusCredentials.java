package io.certpipe.common.consumer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * Refuses to start a service whose Kafka identity is missing or unusable, before any Kafka client is made, with a
 * message that names the file; and refuses, in production, a bus without TLS client certificates, where any process
 * that reaches the broker could speak for the service. The settings checked are the {@code kafka.*} ones every client
 * takes ({@link BusClientSource}).
 */
@ApplicationScoped
public class BusCredentials {

    static final String SECURITY_PROTOCOL = "security.protocol";
    static final String KEYSTORE = "ssl.keystore.location";
    static final String TRUSTSTORE = "ssl.truststore.location";

    private final Map<String, Object> kafka;

    public BusCredentials(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.kafka = kafka;
    }

    void checkBeforeAnyClient(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent startup) {
        check(kafka, LaunchMode.current() == LaunchMode.NORMAL);
    }

    /** Throws, naming the setting or file, unless {@code kafka} identifies the service over TLS (if required). */
    static void check(Map<String, Object> kafka, boolean tlsRequired) {
        Object protocol = kafka.get(SECURITY_PROTOCOL);
        if (!"SSL".equals(protocol)) {
            if (tlsRequired) {
                throw new IllegalStateException("certpipe connects to Kafka only over TLS with a client certificate,"
                        + " but kafka." + SECURITY_PROTOCOL + " is " + protocol);
            }
            return;
        }
        requirePem(kafka, KEYSTORE, "PRIVATE KEY", "this service's bus key and certificate");
        requirePem(kafka, TRUSTSTORE, "CERTIFICATE", "the bus CA certificate");
    }

    private static void requirePem(Map<String, Object> kafka, String setting, String block, String what) {
        Object location = kafka.get(setting);
        if (location == null) {
            throw new IllegalStateException("bus credentials: kafka." + setting + " is not set (" + what + ")");
        }
        Path file = Path.of(location.toString());
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException("bus credentials: cannot read " + file + " (" + what + "; ./certpipe up"
                    + " creates it): " + e, e);
        }
        if (!pem.contains("-----BEGIN " + block + "-----") || !pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw new IllegalStateException("bus credentials: " + file + " holds no PEM " + block.toLowerCase()
                    + " (" + what + ")");
        }
    }
}
