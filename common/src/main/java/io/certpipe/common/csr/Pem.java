package io.certpipe.common.csr;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.io.pem.PemObject;

/** Writes PEM text: certificates into events and responses, requests and keys in tests. */
public final class Pem {

    public static final String CERTIFICATE = "CERTIFICATE";

    private Pem() {
    }

    /** {@code der} as one PEM block of {@code type}, e.g. {@link #CERTIFICATE}. */
    public static String encode(String type, byte[] der) {
        return encode(new PemObject(type, der));
    }

    /** A Bouncy Castle or JCA object (certificate, request, key) as PEM. */
    public static String encode(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
