package io.certpipe.intake.tenancy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.certpipe.kube.Yaml;
import org.jboss.logging.Logger;

/**
 * The clusters (tenants) intake serves and the client CAs each trusts. Each cluster's own
 * {@code kube-apiserver-client} (and kubelet client) CA is the only client-certificate trust for its URL: a
 * certificate issued in one cluster does not log in to another.
 */
@ApplicationScoped
public class Clusters {

    private static final Logger LOG = Logger.getLogger(Clusters.class);

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ClustersFile(List<Entry> clusters) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Entry(String name, String clientCA) {
    }

    private final Map<String, List<X509Certificate>> clientCas;

    public Clusters(IntakeConfig config) {
        this.clientCas = load(config);
    }

    public List<String> names() {
        return List.copyOf(clientCas.keySet());
    }

    public boolean serves(String cluster) {
        return clientCas.containsKey(cluster);
    }

    /** Whether one of {@code cluster}'s client CAs issued {@code leaf} (issuer name and signature). */
    public boolean trusts(String cluster, X509Certificate leaf) {
        for (X509Certificate ca : clientCas.getOrDefault(cluster, List.of())) {
            if (!ca.getSubjectX500Principal().equals(leaf.getIssuerX500Principal())) {
                continue;
            }
            try {
                leaf.verify(ca.getPublicKey());
                return true;
            } catch (GeneralSecurityException wrongKey) {
                LOG.debugf("client certificate names CA %s of cluster %s but its signature does not verify",
                        ca.getSubjectX500Principal(), cluster);
            }
        }
        return false;
    }

    private static Map<String, List<X509Certificate>> load(IntakeConfig config) {
        List<Entry> entries = config.clustersFile().map(Clusters::readFile)
                .orElseGet(() -> config.clusters().stream().map(name -> new Entry(name, null)).toList());
        Map<String, List<X509Certificate>> cas = new LinkedHashMap<>();
        for (Entry entry : entries) {
            Path file = entry.clientCA() != null ? Path.of(entry.clientCA())
                    : config.clientCaDirectory().resolve(entry.name()).resolve("client-ca.crt");
            List<X509Certificate> certificates = readCertificates(file);
            if (certificates.isEmpty()) {
                LOG.warnf("cluster %s has no client CA at %s: no client certificate logs in to it", entry.name(),
                        file);
            }
            cas.put(entry.name(), certificates);
        }
        if (cas.isEmpty()) {
            throw new IllegalStateException("no cluster is configured (certpipe.intake.clusters-file or "
                    + "certpipe.intake.clusters)");
        }
        return cas;
    }

    private static List<Entry> readFile(Path file) {
        try {
            ClustersFile parsed = Yaml.MAPPER.readValue(file.toFile(), ClustersFile.class);
            return parsed.clusters() == null ? List.of() : parsed.clusters();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the clusters file " + file, e);
        }
    }

    private static List<X509Certificate> readCertificates(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try (InputStream in = Files.newInputStream(file)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toList();
        } catch (IOException | CertificateException e) {
            throw new IllegalStateException("cannot read client CA certificates from " + file, e);
        }
    }
}
