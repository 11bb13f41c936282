package io.certpipe.signing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.certpipe.common.signer.KeyMode;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where signing-service finds its signers and their CA keys, and how it keeps their published state current. */
@ConfigMapping(prefix = "certpipe.signing")
public interface SigningConfig {

    /**
     * The directory holding the CAs, one directory per CA under its cluster's: {@code <cluster>/<ca>/ca.crt} and
     * {@code ca.key}. A Kubernetes built-in signer is served in every cluster that has its directory
     * ({@code kubernetes.io:kube-apiserver-client} and so on: the signer name with {@code '/'} replaced by
     * {@code ':'}).
     */
    Path caDirectory();

    /**
     * The operator's signers file (YAML, docs/signers.md): the signers each cluster has beside Kubernetes' built-in
     * ones, with their policies and CAs. Unset: the built-in signers only. Set but missing or invalid: the service does
     * not start.
     */
    Optional<Path> signersFile();

    /**
     * The lifetime of the certificates Kubernetes' built-in signers issue when {@code expirationSeconds} asks for
     * nothing or for more (Kubernetes' {@code --cluster-signing-duration}, one year by default). Custom signers declare
     * their own lifetime in the signers file.
     */
    @WithDefault("8760h")
    Duration clusterSigningDuration();

    /**
     * How often each signer's CA key is tried and a signer whose published state changed (its key stopped or started
     * working) is published again; the first round, at start, publishes every signer. Also read by the
     * {@code @Scheduled} expression of {@code SignerPublication}, so it must be set in application.properties.
     */
    Duration signerCheckInterval();

    /**
     * Where every CA private key is: {@code file}, a PEM file {@code ca.key} beside each {@code ca.crt}; or
     * {@code pkcs11}, a PKCS#11 token ({@code certpipe.signing.pkcs11.*}) that holds each key under the label
     * {@code <cluster>/<ca>}. One mode for all CAs: a CA key file is refused in {@code pkcs11} mode.
     */
    @WithDefault("file")
    KeyMode keyMode();

    /**
     * The passphrase of encrypted PKCS#8 CA keys ({@code ENCRYPTED PRIVATE KEY}). Set it through the environment
     * variable {@code CERTPIPE_SIGNING_KEY_PASSPHRASE}, never in a file; unencrypted keys need none.
     */
    Optional<String> keyPassphrase();
}
