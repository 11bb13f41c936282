package io.certpipe.common.pki;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;

/**
 * {@code ca.crt}, the published certificate of a CA, in its directory whatever holds its key (a PEM file beside it, a
 * PKCS#11 token, or nothing: a CA a signer only still trusts during a rotation).
 */
public final class CaCertificateFile {

    public static final String NAME = "ca.crt";

    private CaCertificateFile() {
    }

    /** The CA certificate in {@code caDirectory}. */
    public static X509CertificateHolder readFrom(Path caDirectory) throws CaLoadException {
        return read(caDirectory.resolve(NAME));
    }

    /** The first PEM certificate of {@code file}. */
    public static X509CertificateHolder read(Path file) throws CaLoadException {
        if (!Files.isReadable(file)) {
            throw new CaLoadException("CA certificate " + file + " is missing or unreadable");
        }
        try (Reader reader = Files.newBufferedReader(file); PEMParser parser = new PEMParser(reader)) {
            if (parser.readObject() instanceof X509CertificateHolder certificate) {
                return certificate;
            }
            throw new CaLoadException(file + " does not start with a PEM CERTIFICATE");
        } catch (IOException e) {
            throw new CaLoadException("cannot read CA certificate " + file + ": " + e.getMessage(), e);
        }
    }
}
