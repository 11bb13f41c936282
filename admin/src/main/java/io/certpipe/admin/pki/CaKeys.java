package io.certpipe.admin.pki;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;

import io.certpipe.common.pki.CaLoadException;

/**
 * Where the CA keys of a certpipe home are: files beside their certificates, or a PKCS#11 token. A CA is named by its
 * certificate file, {@code <name>.crt}, in both.
 */
public sealed interface CaKeys permits FileCaKeys, TokenCaKeys {

    /**
     * Whether the CA of {@code certificateFile} exists, so nothing is to be created for it. May complete it from what
     * the keys' holder has, reporting that on {@code log}.
     */
    boolean exists(Path certificateFile, PrintStream log) throws CaLoadException, IOException;

    /** A new EC P-256 key pair for a CA, generated where its private key will live. */
    KeyPair generate() throws GeneralSecurityException;

    /**
     * Keeps a new CA: its key where this holder keeps keys, then its certificate in {@code certificateFile}.
     *
     * @return where the key now is, for the operator
     */
    String keep(Path certificateFile, KeyPair key, X509CertificateHolder certificate)
            throws GeneralSecurityException, IOException;

    /** The private key of the existing CA of {@code certificateFile}, whose certificate is {@code certificate}. */
    PrivateKey keyOf(Path certificateFile, X509CertificateHolder certificate) throws CaLoadException;

    /** Signs with {@code key}, one of this holder's; {@code keyName} names it in errors. */
    ContentSigner signer(PrivateKey key, String keyName) throws CaLoadException, OperatorCreationException;
}
