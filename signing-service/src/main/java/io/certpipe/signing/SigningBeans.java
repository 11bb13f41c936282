package io.certpipe.signing;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.certpipe.signing.ca.CertificateAuthorities;
import io.certpipe.signing.profile.SignerProfiles;
import io.quarkus.runtime.Startup;

/** Wires the plain domain objects of signing-service into CDI. */
public class SigningBeans {

    /** Loaded at start, so a broken CA shows in the log and the readiness check before the first request. */
    @Produces
    @Singleton
    @Startup
    CertificateAuthorities certificateAuthorities(SigningConfig config) {
        return CertificateAuthorities.loadPemFiles(config.caDirectory(), config.keyPassphrase());
    }

    @Produces
    @Singleton
    SignerProfiles signerProfiles() {
        return SignerProfiles.kubernetesBuiltIns();
    }
}
