package io.certpipe.common.event.signature;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Event keys as PEM files, with the JDK alone (the key tool runs with nothing but common's jar). A signing key file
 * holds the PKCS#8 {@code PRIVATE KEY} block first (what openssl reads) and the key's SPKI {@code PUBLIC KEY} block
 * after it: the JDK cannot derive an EC public key from the private one, and the key id is a hash of the public key.
 * Both in one file let a rotation replace the pair with one atomic rename.
 */
public final class EventKeyFiles {

    private static final String PRIVATE_KEY = "PRIVATE KEY";
    private static final String PUBLIC_KEY = "PUBLIC KEY";
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
    private static final byte[] PAIR_CHECK = "certpipe event key pair check".getBytes(StandardCharsets.US_ASCII);

    private EventKeyFiles() {
    }

    /** A new P-256 key pair. */
    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(EventSignature.KEY_ALGORITHM);
            generator.initialize(new ECGenParameterSpec(EventSignature.CURVE));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make a " + EventSignature.CURVE + " key", e);
        }
    }

    /**
     * Writes {@code pair} to {@code file} (mode 600, its directory 700), replacing what was there in one atomic rename,
     * so a service re-reading the file sees the old pair or the new one, never half of either.
     */
    public static void writeSigningKey(Path file, KeyPair pair) throws IOException {
        writePrivately(file, pem(PRIVATE_KEY, pair.getPrivate().getEncoded())
                + pem(PUBLIC_KEY, pair.getPublic().getEncoded()));
    }

    /** Writes public key {@code key} to {@code file} as an SPKI PEM, readable by all: it is meant to be shared. */
    public static void writePublicKey(Path file, PublicKey key) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path partial = Files.createTempFile(file.toAbsolutePath().getParent(), ".public", ".tmp");
        try {
            Files.writeString(partial, pem(PUBLIC_KEY, key.getEncoded()));
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-r--r--"));
            moveAtomically(partial, file);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** The key pair in signing key file {@code file}, once its two halves are shown to belong together. */
    public static KeyPair readSigningKey(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        try {
            PrivateKey privateKey = KeyFactory.getInstance(EventSignature.KEY_ALGORITHM)
                    .generatePrivate(new PKCS8EncodedKeySpec(block(text, PRIVATE_KEY, file)));
            PublicKey publicKey = publicKey(block(text, PUBLIC_KEY, file));
            Signature signer = Signature.getInstance(EventSignature.ALGORITHM);
            signer.initSign(privateKey);
            signer.update(PAIR_CHECK);
            Signature verifier = Signature.getInstance(EventSignature.ALGORITHM);
            verifier.initVerify(publicKey);
            verifier.update(PAIR_CHECK);
            if (!verifier.verify(signer.sign())) {
                throw new IOException(file + ": its PUBLIC KEY is not the public half of its PRIVATE KEY");
            }
            return new KeyPair(publicKey, privateKey);
        } catch (GeneralSecurityException e) {
            throw new IOException(file + " holds no usable " + EventSignature.CURVE + " key: " + e.getMessage(), e);
        }
    }

    /** The public key in SPKI PEM file {@code file}. */
    public static PublicKey readPublicKey(Path file) throws IOException {
        try {
            return publicKey(block(Files.readString(file, StandardCharsets.US_ASCII), PUBLIC_KEY, file));
        } catch (GeneralSecurityException e) {
            throw new IOException(file + " holds no usable public key: " + e.getMessage(), e);
        }
    }

    /** {@code key} as an SPKI PEM, as the trusted directory and the published key documents carry it. */
    public static String publicKeyPem(PublicKey key) {
        return pem(PUBLIC_KEY, key.getEncoded());
    }

    /**
     * Names {@code keyId} in pointer file {@code file} (one line, mode 600, replaced in one rename): which token key a
     * service signs with ({@link TokenEventKeys}).
     */
    public static void writeKeyIdPointer(Path file, String keyId) throws IOException {
        writePrivately(file, keyId + "\n");
    }

    /** Replaces {@code file} with {@code content} in one rename, the file mode 600 and its directory 700. */
    private static void writePrivately(Path file, String content) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        Path partial = Files.createTempFile(directory, "." + file.getFileName(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(partial, content);
            moveAtomically(partial, file);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** The key id pointer file {@code file} names. */
    public static String readKeyIdPointer(Path file) throws IOException {
        String keyId = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (!EventSignature.isKeyId(keyId)) {
            throw new IOException(file + " names no key id (16 lowercase hex digits)");
        }
        return keyId;
    }

    static PublicKey publicKey(byte[] spki) throws GeneralSecurityException {
        return KeyFactory.getInstance(EventSignature.KEY_ALGORITHM).generatePublic(new X509EncodedKeySpec(spki));
    }

    private static byte[] block(String text, String label, Path file) throws IOException {
        Matcher matcher = BLOCK.matcher(text);
        while (matcher.find()) {
            if (matcher.group(1).equals(label)) {
                return Base64.getMimeDecoder().decode(matcher.group(2));
            }
        }
        throw new IOException(file + " has no " + label + " block");
    }

    private static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot replace " + to + " atomically", e);
        }
    }
}
