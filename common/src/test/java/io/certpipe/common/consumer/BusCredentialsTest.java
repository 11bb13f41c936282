package io.certpipe.common.consumer;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BusCredentialsTest {

    private static final String KEY_AND_CERTIFICATE = """
            -----BEGIN PRIVATE KEY-----
            AAAA
            -----END PRIVATE KEY-----
            -----BEGIN CERTIFICATE-----
            AAAA
            -----END CERTIFICATE-----
            """;
    private static final String CERTIFICATE = """
            -----BEGIN CERTIFICATE-----
            AAAA
            -----END CERTIFICATE-----
            """;

    @TempDir
    Path home;

    @Test
    void startsWithBothFilesInPlace() throws IOException {
        assertDoesNotThrow(() -> BusCredentials.check(tls(write("client.pem", KEY_AND_CERTIFICATE),
                write("ca.crt", CERTIFICATE)), true));
    }

    @Test
    void namesTheMissingKeystoreFile() throws IOException {
        Path missing = home.resolve("client.pem");
        IllegalStateException refusal = assertThrows(IllegalStateException.class,
                () -> BusCredentials.check(tls(missing, write("ca.crt", CERTIFICATE)), true));
        assertTrue(refusal.getMessage().contains(missing.toString()), refusal.getMessage());
    }

    @Test
    void namesAKeystoreWithoutAKey() throws IOException {
        Path certificateOnly = write("client.pem", CERTIFICATE);
        IllegalStateException refusal = assertThrows(IllegalStateException.class,
                () -> BusCredentials.check(tls(certificateOnly, write("ca.crt", CERTIFICATE)), true));
        assertTrue(refusal.getMessage().contains(certificateOnly.toString()), refusal.getMessage());
    }

    @Test
    void refusesAPlaintextBusInProduction() {
        Map<String, Object> plaintext = Map.of("bootstrap.servers", "127.0.0.1:9092");
        assertThrows(IllegalStateException.class, () -> BusCredentials.check(plaintext, true));
        assertDoesNotThrow(() -> BusCredentials.check(plaintext, false));
    }

    private Map<String, Object> tls(Path keystore, Path truststore) {
        return Map.of(BusCredentials.SECURITY_PROTOCOL, "SSL", BusCredentials.KEYSTORE, keystore.toString(),
                BusCredentials.TRUSTSTORE, truststore.toString());
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(home.resolve(name), content);
    }
}
