package io.certpipe.signing.ca;

import java.util.Objects;

/**
 * One signer of one cluster: the unit a CA key belongs to. On disk its directory is named after the signer with
 * {@code '/'} replaced by {@code ':'}, because a signer name always holds a slash.
 */
public record SignerId(String cluster, String signerName) {

    private static final char NAME_SEPARATOR = '/';
    private static final char DIRECTORY_SEPARATOR = ':';

    public SignerId {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(signerName, "signerName");
    }

    public static SignerId fromDirectory(String cluster, String directoryName) {
        return new SignerId(cluster, directoryName.replace(DIRECTORY_SEPARATOR, NAME_SEPARATOR));
    }

    public String directoryName() {
        return signerName.replace(NAME_SEPARATOR, DIRECTORY_SEPARATOR);
    }

    @Override
    public String toString() {
        return cluster + "/" + signerName;
    }
}
