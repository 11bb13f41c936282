package io.certpipe.common.signer;

/** Where a signer's CA private key lives: a PEM file beside its certificate, or a PKCS#11 token (an HSM). */
public enum KeyMode {
    file, pkcs11
}
