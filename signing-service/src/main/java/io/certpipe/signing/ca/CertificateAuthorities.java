package io.certpipe.signing.ca;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

/**
 * Every CA this process holds, loaded once from {@code <ca-directory>/<cluster>/<signer directory>/}. A signer whose
 * directory exists but whose files are unusable is remembered as unavailable: it is reported DOWN, and its requests
 * wait (they are retried) instead of being skipped or failed, since the operator can repair the files.
 */
public final class CertificateAuthorities {

    private static final Logger LOG = Logger.getLogger(CertificateAuthorities.class);
    private static final Comparator<SignerId> SIGNER_ORDER = Comparator.comparing(SignerId::cluster)
            .thenComparing(SignerId::signerName);

    /** A signer directory whose CA could not be loaded, and why. */
    public record UnavailableCa(SignerId signer, String problem) {
    }

    private final Map<SignerId, CertificateAuthority> available;
    private final Map<SignerId, UnavailableCa> unavailable;

    public CertificateAuthorities(Collection<CertificateAuthority> available, Collection<UnavailableCa> unavailable) {
        this.available = new TreeMap<>(SIGNER_ORDER);
        available.forEach(ca -> this.available.put(ca.signer(), ca));
        this.unavailable = new TreeMap<>(SIGNER_ORDER);
        unavailable.forEach(ca -> this.unavailable.put(ca.signer(), ca));
    }

    /** Loads every CA under {@code root}; a missing root means no CA at all (reported DOWN, not a crash). */
    public static CertificateAuthorities loadPemFiles(Path root, Optional<String> passphrase) {
        List<CertificateAuthority> loaded = new ArrayList<>();
        List<UnavailableCa> broken = new ArrayList<>();
        for (Path signerDirectory : signerDirectories(root)) {
            SignerId signer = SignerId.fromDirectory(signerDirectory.getParent().getFileName().toString(),
                    signerDirectory.getFileName().toString());
            try {
                CertificateAuthority ca = PemFileCertificateAuthority.load(signer, signerDirectory, passphrase);
                LOG.infof("loaded CA signer=%s keyId=%s subject=\"%s\" notAfter=%s", signer, ca.keyId(),
                        ca.certificate().getSubject(), ca.certificate().getNotAfter().toInstant());
                loaded.add(ca);
            } catch (CaLoadException e) {
                LOG.errorf("CA of signer=%s is unavailable: %s", signer, e.getMessage());
                broken.add(new UnavailableCa(signer, e.getMessage()));
            }
        }
        if (loaded.isEmpty() && broken.isEmpty()) {
            LOG.warnf("no CA found under %s: nothing will be signed", root);
        }
        return new CertificateAuthorities(loaded, broken);
    }

    private static List<Path> signerDirectories(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> clusters = Files.list(root)) {
            return clusters.filter(Files::isDirectory)
                    .flatMap(CertificateAuthorities::subdirectories)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list CA directory " + root, e);
        }
    }

    private static Stream<Path> subdirectories(Path directory) {
        try (Stream<Path> children = Files.list(directory)) {
            return children.filter(Files::isDirectory).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list CA directory " + directory, e);
        }
    }

    /**
     * The CA serving {@code signer}, or empty when this process does not serve it (the request is left alone, as in
     * Kubernetes).
     *
     * @throws CaUnavailableException when the signer's directory exists but its CA could not be loaded
     */
    public Optional<CertificateAuthority> serving(SignerId signer) {
        UnavailableCa broken = unavailable.get(signer);
        if (broken != null) {
            throw new CaUnavailableException(broken.signer(), broken.problem());
        }
        return Optional.ofNullable(available.get(signer));
    }

    public Collection<CertificateAuthority> available() {
        return available.values();
    }

    public Collection<UnavailableCa> unavailable() {
        return unavailable.values();
    }
}
