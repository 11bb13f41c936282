package io.certpipe.signing.ca;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/** The key id certpipe gives a CA: hex SHA-256 of its DER SubjectPublicKeyInfo, stable across re-issued CA certs. */
public final class CaKeyIds {

    private CaKeyIds() {
    }

    public static String of(SubjectPublicKeyInfo publicKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded());
            return HexFormat.of().formatHex(digest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }
}
