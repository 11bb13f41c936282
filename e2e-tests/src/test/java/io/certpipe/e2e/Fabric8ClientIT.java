package io.certpipe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.certpipe.common.csr.SignerNames;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestBuilder;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestCondition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;

/**
 * Another official client than kubectl: the fabric8 Kubernetes client's typed CertificateSigningRequest API, set up
 * from the stack's kubeconfig, over its default Vert.x transport and over the JDK's HTTP client. Its watch tries a
 * WebSocket upgrade before a plain streaming GET.
 */
class Fabric8ClientIT {

    enum Transport {
        VERTX(new VertxHttpClientFactory()),
        JDK(new JdkHttpClientFactory());

        private final HttpClient.Factory factory;

        Transport(HttpClient.Factory factory) {
            this.factory = factory;
        }
    }

    @TempDir
    static Path work;

    /** fabric8 waits for its watch without a deadline; a server that never answers it must fail the test, not hang it. */
    @ParameterizedTest
    @EnumSource(Transport.class)
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void typedClientCreatesApprovesWatchesAndReadsTheCertificate(Transport transport) throws Exception {
        String name = Csrs.uniqueName("fabric8-" + transport.name().toLowerCase(Locale.ROOT));
        String requestPem = Openssl.newKeyAndRequest(work, name, "/CN=fabian/O=dev-team").requestPem();
        Config config = Config.fromKubeconfig(Files.readString(Stack.adminKubeconfig()));
        // fabric8 reads a PKCS#8 client key as RSA unless told otherwise; the stack's keys are P-256.
        config.setClientKeyAlgo("EC");

        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config)
                .withHttpClientFactory(transport.factory).build()) {
            var requests = client.certificates().v1().certificateSigningRequests();
            CertificateSigningRequest created = requests.resource(new CertificateSigningRequestBuilder()
                    .withNewMetadata().withName(name).endMetadata()
                    .withNewSpec()
                    .withRequest(Base64.getEncoder().encodeToString(requestPem.getBytes(StandardCharsets.US_ASCII)))
                    .withSignerName(SignerNames.KUBE_APISERVER_CLIENT)
                    .withUsages(Csrs.CLIENT_USAGES)
                    .withExpirationSeconds(Csrs.ONE_DAY_SECONDS)
                    .endSpec()
                    .build()).create();
            assertEquals("certpipe-admin", created.getSpec().getUsername(), "the requestor is the caller");
            assertTrue(created.getMetadata().getUid() != null && !created.getMetadata().getUid().isEmpty());

            List<String> seen = new CopyOnWriteArrayList<>();
            List<CertificateSigningRequest> watched = new CopyOnWriteArrayList<>();
            try (Watch watch = requests.withName(name).watch(new Watcher<>() {
                @Override
                public void eventReceived(Action action, CertificateSigningRequest csr) {
                    seen.add(action + " " + conditionTypes(csr));
                    watched.add(csr);
                }

                @Override
                public void onClose(WatcherException cause) {
                    seen.add("closed: " + cause);
                }
            })) {
                CertificateSigningRequest approved = requests.withName(name).approve();
                assertEquals(List.of("Approved"), conditionTypes(approved));

                CertificateSigningRequest issued = Poll.until("the watch to show " + name + " approved and issued",
                        () -> watched.stream().filter(csr -> conditionTypes(csr).contains("Approved")
                                && csr.getStatus().getCertificate() != null).findFirst());
                assertTrue(seen.stream().anyMatch(event -> event.startsWith("MODIFIED")), "changes seen: " + seen);
                assertEquals(created.getMetadata().getUid(), issued.getMetadata().getUid());
            }

            String certificateBase64 = requests.withName(name).get().getStatus().getCertificate();
            X509Certificate certificate = parse(Base64.getDecoder().decode(certificateBase64));
            X509Certificate ca = parse(Files.readAllBytes(Stack.signerCa(SignerNames.KUBE_APISERVER_CLIENT)));
            certificate.verify(ca.getPublicKey());
            String subject = certificate.getSubjectX500Principal().getName();
            assertTrue(subject.contains("CN=fabian") && subject.contains("O=dev-team"), subject);
        }
    }

    private static List<String> conditionTypes(CertificateSigningRequest csr) {
        return Optional.ofNullable(csr.getStatus()).map(status -> status.getConditions()).orElse(List.of()).stream()
                .map(CertificateSigningRequestCondition::getType)
                .toList();
    }

    private static X509Certificate parse(byte[] pem) throws Exception {
        try (InputStream input = new ByteArrayInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(input);
        }
    }
}
