package io.certpipe.signing.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.certpipe.signing.TestPki;

class CertificateAuthoritiesTest {

    private static final SignerId CLIENT = new SignerId("default", "kubernetes.io/kube-apiserver-client");
    private static final SignerId SERVING = new SignerId("default", "kubernetes.io/kubelet-serving");
    private static final SignerId OTHER_CLUSTER = new SignerId("edge", "kubernetes.io/kubelet-serving");

    @TempDir
    Path root;

    @Test
    void findsEachSignerOfEachClusterByItsDirectory() {
        writeCa(CLIENT);
        writeCa(SERVING);
        writeCa(OTHER_CLUSTER);

        CertificateAuthorities authorities = CertificateAuthorities.loadPemFiles(root, Optional.empty());

        assertEquals(List.of(CLIENT, SERVING, OTHER_CLUSTER),
                authorities.available().stream().map(CertificateAuthority::signer).toList());
        assertEquals(SERVING, authorities.serving(SERVING).orElseThrow().signer());
        assertTrue(Files.isDirectory(root.resolve("default").resolve("kubernetes.io:kubelet-serving")));
    }

    @Test
    void doesNotServeASignerWithoutDirectory() {
        writeCa(CLIENT);

        CertificateAuthorities authorities = CertificateAuthorities.loadPemFiles(root, Optional.empty());

        assertEquals(Optional.empty(), authorities.serving(SERVING));
        assertEquals(Optional.empty(), authorities.serving(new SignerId("edge", CLIENT.signerName())));
    }

    @Test
    void reportsABrokenCaAsUnavailableInsteadOfSkippingIt() throws Exception {
        writeCa(CLIENT);
        writeCa(SERVING);
        Files.delete(root.resolve("default").resolve(SERVING.directoryName()).resolve("ca.key"));

        CertificateAuthorities authorities = CertificateAuthorities.loadPemFiles(root, Optional.empty());

        assertEquals(List.of(SERVING), authorities.unavailable().stream()
                .map(CertificateAuthorities.UnavailableCa::signer).toList());
        CaUnavailableException unavailable = assertThrows(CaUnavailableException.class,
                () -> authorities.serving(SERVING));
        assertTrue(unavailable.getMessage().contains("ca.key is missing"), unavailable.getMessage());
        assertTrue(authorities.serving(CLIENT).isPresent());
    }

    @Test
    void holdsNothingWhenTheDirectoryDoesNotExist() {
        CertificateAuthorities authorities = CertificateAuthorities.loadPemFiles(root.resolve("absent"),
                Optional.empty());

        assertTrue(authorities.available().isEmpty());
        assertTrue(authorities.unavailable().isEmpty());
    }

    private void writeCa(SignerId signer) {
        KeyPair key = TestPki.ecKey();
        TestPki.writeCa(root.resolve(signer.cluster()).resolve(signer.directoryName()),
                TestPki.caCertificate(key, "CN=" + signer.signerName(), Instant.now().plus(Duration.ofDays(30))),
                key);
    }
}
