package io.certpipe.signing.signer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.bouncycastle.cert.X509CertificateHolder;

import io.certpipe.common.pki.CaCertificateFile;
import io.certpipe.common.pki.CaLoadException;
import io.certpipe.signing.ca.CertificateAuthorities;
import io.certpipe.signing.ca.CertificateAuthority;
import io.certpipe.signing.ca.SignerId;

/** Every signer this process serves, by cluster and name. */
public final class Signers {

    private static final Comparator<SignerId> ORDER = Comparator.comparing(SignerId::cluster)
            .thenComparing(SignerId::signerName);

    private final Map<SignerId, Signer> byId;

    Signers(Collection<Signer> signers) {
        this.byId = new TreeMap<>(ORDER);
        signers.forEach(signer -> byId.put(signer.id(), signer));
    }

    /**
     * Joins each definition with its loaded CA. The certificates of the CAs a signer also publishes are read here;
     * one that cannot be read is a configuration error, like a broken signers file.
     */
    public static Signers assemble(List<SignerDefinition> definitions, CertificateAuthorities authorities) {
        Map<SignerId, CertificateAuthority> loaded = authorities.available().stream()
                .collect(Collectors.toMap(CertificateAuthority::signer, Function.identity()));
        Map<SignerId, CertificateAuthorities.UnavailableCa> broken = authorities.unavailable().stream()
                .collect(Collectors.toMap(CertificateAuthorities.UnavailableCa::signer, Function.identity()));
        List<Signer> signers = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (SignerDefinition definition : definitions) {
            List<X509CertificateHolder> alsoTrusted = new ArrayList<>();
            for (var directory : definition.additionalTrustedCaDirectories()) {
                try {
                    alsoTrusted.add(CaCertificateFile.readFrom(directory));
                } catch (CaLoadException e) {
                    problems.add(definition.id() + ": " + e.getMessage());
                }
            }
            CertificateAuthority ca = loaded.get(definition.id());
            CertificateAuthorities.UnavailableCa unavailable = broken.get(definition.id());
            if (ca != null) {
                signers.add(Signer.served(definition.id(), definition.policy(), definition.approval(), ca,
                        alsoTrusted));
            } else if (unavailable != null) {
                signers.add(Signer.withoutCa(definition.id(), definition.policy(), definition.approval(),
                        unavailable.mode(), unavailable.problem(), alsoTrusted));
            } else {
                problems.add(definition.id() + ": no CA was loaded for it");
            }
        }
        if (!problems.isEmpty()) {
            throw new SignerConfigurationException("the signers' CA certificates", problems);
        }
        return new Signers(signers);
    }

    /** The signer {@code id}, or empty when this process does not serve it (its requests are left alone). */
    public Optional<Signer> find(SignerId id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Collection<Signer> all() {
        return byId.values();
    }
}
