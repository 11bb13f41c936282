package io.certpipe.signing;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.certpipe.common.pki.Pkcs11Config;
import io.certpipe.common.pki.Pkcs11Settings;
import io.certpipe.signing.ca.CertificateAuthorities;
import io.certpipe.signing.ca.SignerId;
import io.certpipe.signing.signer.SignerDefinition;
import io.certpipe.signing.signer.SignerDefinitions;
import io.certpipe.signing.signer.Signers;
import io.quarkus.runtime.Startup;

/** Wires the plain domain objects of signing-service into CDI. */
public class SigningBeans {

    /** Read at start, so a broken signers file stops the service before it consumes a single request. */
    @Produces
    @Singleton
    @Startup
    List<SignerDefinition> signerDefinitions(SigningConfig config) {
        return SignerDefinitions.resolve(config.caDirectory(), config.signersFile(), config.clusterSigningDuration());
    }

    /** Loaded at start, so a broken CA shows in the log and the readiness check before the first request. */
    @Produces
    @Singleton
    @Startup
    CertificateAuthorities certificateAuthorities(List<SignerDefinition> definitions, SigningConfig config,
            Pkcs11Config pkcs11) {
        Map<SignerId, Path> caDirectories = new LinkedHashMap<>();
        definitions.forEach(definition -> caDirectories.put(definition.id(), definition.caDirectory()));
        return switch (config.keyMode()) {
            case file -> CertificateAuthorities.loadPemFiles(caDirectories, config.keyPassphrase());
            case pkcs11 -> CertificateAuthorities.loadFromToken(caDirectories, Pkcs11Settings.of(pkcs11));
        };
    }

    @Produces
    @Singleton
    @Startup
    Signers signers(List<SignerDefinition> definitions, CertificateAuthorities authorities) {
        return Signers.assemble(definitions, authorities);
    }
}
