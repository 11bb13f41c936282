package io.certpipe.signing.ca;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.jboss.logging.Logger;

import io.certpipe.common.pki.CaLoadException;
import io.certpipe.common.pki.Pkcs11Settings;
import io.certpipe.common.pki.Pkcs11Token;
import io.certpipe.common.signer.KeyMode;

/**
 * The CA of every signer this process serves, loaded once at start, its keys from PEM files or from a PKCS#11 token.
 * A signer whose CA is configured but unusable is remembered as unavailable: it is reported DOWN, and its requests
 * wait (they are retried) instead of being skipped or failed, since the operator can repair the files or the token and
 * restart the service. The token is logged in to once per start, so a wrong PIN is never tried twice.
 */
public final class CertificateAuthorities {

    private static final Logger LOG = Logger.getLogger(CertificateAuthorities.class);
    private static final Comparator<SignerId> SIGNER_ORDER = Comparator.comparing(SignerId::cluster)
            .thenComparing(SignerId::signerName);

    /** A signer whose CA could not be loaded, where its key was to come from, and why it failed. */
    public record UnavailableCa(SignerId signer, KeyMode mode, String problem) {
    }

    private final Map<SignerId, CertificateAuthority> available;
    private final Map<SignerId, UnavailableCa> unavailable;

    public CertificateAuthorities(Collection<CertificateAuthority> available, Collection<UnavailableCa> unavailable) {
        this.available = new TreeMap<>(SIGNER_ORDER);
        available.forEach(ca -> this.available.put(ca.signer(), ca));
        this.unavailable = new TreeMap<>(SIGNER_ORDER);
        unavailable.forEach(ca -> this.unavailable.put(ca.signer(), ca));
    }

    /** Loads the PEM-file CA of each signer from its directory ({@code ca.crt} and {@code ca.key}). */
    public static CertificateAuthorities loadPemFiles(Map<SignerId, Path> caDirectories, Optional<String> passphrase) {
        return load(caDirectories, KeyMode.file,
                (signer, directory) -> PemFileCertificateAuthority.load(signer, directory, passphrase));
    }

    /**
     * Loads the CA of each signer with its certificate from its directory and its key from the PKCS#11 token. A token
     * that cannot be opened (missing, or refusing the PIN) leaves every signer unavailable, with that reason.
     */
    public static CertificateAuthorities loadFromToken(Map<SignerId, Path> caDirectories, Pkcs11Settings settings) {
        Pkcs11Token token;
        try {
            token = Pkcs11Token.open(settings);
        } catch (CaLoadException e) {
            LOG.errorf("no CA key can be used: %s", e.getMessage());
            return new CertificateAuthorities(List.of(), caDirectories.keySet().stream()
                    .map(signer -> new UnavailableCa(signer, KeyMode.pkcs11, e.getMessage()))
                    .toList());
        }
        LOG.infof("logged in to %s", token);
        return load(caDirectories, KeyMode.pkcs11,
                (signer, directory) -> Pkcs11CertificateAuthority.load(signer, directory, token));
    }

    /** Loads one signer's CA from its directory. */
    @FunctionalInterface
    private interface Loader {
        CertificateAuthority load(SignerId signer, Path directory) throws CaLoadException;
    }

    private static CertificateAuthorities load(Map<SignerId, Path> caDirectories, KeyMode mode, Loader loader) {
        List<CertificateAuthority> loaded = new ArrayList<>();
        List<UnavailableCa> broken = new ArrayList<>();
        caDirectories.forEach((signer, directory) -> {
            try {
                CertificateAuthority ca = loader.load(signer, directory);
                LOG.infof("loaded CA signer=%s keyId=%s mode=%s subject=\"%s\" notAfter=%s", signer, ca.keyId(),
                        mode, ca.certificate().getSubject(), ca.certificate().getNotAfter().toInstant());
                loaded.add(ca);
            } catch (CaLoadException e) {
                LOG.errorf("CA of signer=%s is unavailable: %s", signer, e.getMessage());
                broken.add(new UnavailableCa(signer, mode, e.getMessage()));
            }
        });
        if (loaded.isEmpty() && broken.isEmpty()) {
            LOG.warn("no signer has a CA: nothing will be signed");
        }
        return new CertificateAuthorities(loaded, broken);
    }

    /**
     * The CA serving {@code signer}, or empty when this process does not serve it (the request is left alone, as in
     * Kubernetes).
     *
     * @throws CaUnavailableException when the signer's CA is configured but could not be loaded
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
