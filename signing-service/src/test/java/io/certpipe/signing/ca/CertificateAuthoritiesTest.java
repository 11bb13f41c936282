package io.certpipe.signing.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.certpipe.common.csr.TestPki;
import io.certpipe.common.signer.KeyMode;

class CertificateAuthoritiesTest {

    private static final SignerId CLIENT = new SignerId("default", "kubernetes.io/kube-apiserver-client");
    private static final SignerId SERVING = new SignerId("default", "kubernetes.io/kubelet-serving");
    private static final SignerId OTHER_CLUSTER = new SignerId("edge", "kubernetes.io/kubelet-serving");

    @TempDir
    Path root;

    @Test
    void loadsTheCaOfEachSignerFromItsDirectory() {
        CertificateAuthorities authorities = CertificateAuthorities.loadPemFiles(
                Map.of(CLIENT, writeCa(CLIENT), SERVING, writeCa(SERVING), OTHER_CLUSTER, writeCa(OTHER_CLUSTER)),
                Optional.empty());

        assertEquals(List.of(CLIENT, SERVING, OTHER_CLUSTER),
                authorities.available().stream().map(CertificateAuthority::signer).toList());
        assertTrue(authorities.unavailable().isEmpty());
    }

    @Test
    void reportsABrokenCaAsUnavailableInsteadOfSkippingIt() throws Exception {
        Path serving = writeCa(SERVING);
        Files.delete(serving.resolve("ca.key"));

        CertificateAuthorities authorities = CertificateAuthorities.loadPemFiles(
                Map.of(CLIENT, writeCa(CLIENT), SERVING, serving), Optional.empty());

        assertEquals(List.of(CLIENT), authorities.available().stream().map(CertificateAuthority::signer).toList());
        CertificateAuthorities.UnavailableCa unavailable = authorities.unavailable().iterator().next();
        assertEquals(SERVING, unavailable.signer());
        assertEquals(KeyMode.file, unavailable.mode());
        assertTrue(unavailable.problem().contains("ca.key is missing"), unavailable.problem());
    }

    @Test
    void holdsNothingWhenNoSignerHasACa() {
        CertificateAuthorities authorities = CertificateAuthorities.loadPemFiles(Map.of(), Optional.empty());

        assertTrue(authorities.available().isEmpty());
        assertTrue(authorities.unavailable().isEmpty());
    }

    private Path writeCa(SignerId signer) {
        KeyPair key = TestPki.ecKey();
        Path directory = root.resolve(signer.cluster()).resolve(signer.directoryName());
        TestPki.writeCa(directory, TestPki.caCertificate(key, "CN=" + signer.signerName(),
                Instant.now().plus(Duration.ofDays(30))), key);
        return directory;
    }
}
