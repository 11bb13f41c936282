package io.certpipe.signing.signer;

import java.nio.file.Path;
import java.util.Optional;

import io.certpipe.common.signer.KubernetesSigners;

/**
 * Prints the CA directory of every signer signing-service would serve, one line each:
 * {@code <ca directory> <cluster> <signer name>}. {@code ./certpipe} creates the missing CAs of the local stack from
 * it, so the signers file is read by the same code that serves it, and a broken file stops {@code ./certpipe up}
 * with the same problems the service would report. Usage: {@code SignerCaDirectories <ca-directory> <signers-file>}.
 */
public final class SignerCaDirectories {

    private SignerCaDirectories() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: SignerCaDirectories <ca-directory> <signers-file>");
            System.exit(2);
        }
        try {
            SignerDefinitions.resolve(Path.of(args[0]), Optional.of(Path.of(args[1])),
                            KubernetesSigners.DEFAULT_SIGNING_DURATION)
                    .forEach(definition -> System.out.println(definition.caDirectory() + " "
                            + definition.id().cluster() + " " + definition.id().signerName()));
        } catch (SignerConfigurationException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }
}
