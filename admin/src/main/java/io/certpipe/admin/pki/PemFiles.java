package io.certpipe.admin.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;

import org.bouncycastle.cert.X509CertificateHolder;

import io.certpipe.common.csr.Pem;

/**
 * The files of the local PKI, each written whole or not at all (a temporary file renamed over it): a private key as
 * a PKCS#8 {@code PRIVATE KEY} PEM readable by its owner only, a certificate as a PEM readable by all.
 */
final class PemFiles {

    private static final String PRIVATE_KEY = "PRIVATE KEY";
    private static final String OWNER_ONLY = "rw-------";
    private static final String READABLE_BY_ALL = "rw-r--r--";

    private PemFiles() {
    }

    static void writePrivateKey(Path file, PrivateKey key) throws IOException {
        write(file, Pem.encode(PRIVATE_KEY, key.getEncoded()), OWNER_ONLY);
    }

    static void writeCertificate(Path file, X509CertificateHolder certificate) throws IOException {
        write(file, Pem.encode(certificate), READABLE_BY_ALL);
    }

    private static void write(Path file, String pem, String permissions) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        // Created readable by its owner only, so a key is never readable by others, not even for a moment.
        Path temporary = Files.createTempFile(directory, "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(temporary, pem, StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString(permissions));
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
