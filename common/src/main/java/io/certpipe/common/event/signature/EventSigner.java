package io.certpipe.common.event.signature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Provider;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.jboss.logging.Logger;

import io.certpipe.common.pki.Ecdsa;

/**
 * Signs what this service publishes with its key file. A rotation ({@code ./certpipe event-keys rotate}) replaces the
 * file with one rename; the signer notices by the file's modification time and identity, looked at no more than once
 * per {@link #RECHECK}, and signs with the new key from then on, without a restart. A file that cannot be read at start
 * stops the service; one that cannot be read later leaves the signer on the key it has, and says so.
 */
public final class EventSigner {

    /** How often at most the key file's attributes are looked at: a file system call, not per record. */
    static final Duration RECHECK = Duration.ofSeconds(1);

    private static final Logger LOG = Logger.getLogger(EventSigner.class);

    /**
     * The key the signer uses and the version of the file it came from; {@code inMemory} is the private key as
     * {@link Ecdsa} signs with it, or null for a token's key, which signs through the token's provider.
     */
    private record LoadedKey(KeyPair pair, ECPrivateKeyParameters inMemory, String keyId, FileTime modified,
            Object fileKey) {
    }

    /** Reads the key a file stands for: the key file itself, or the token key a pointer file names. */
    @FunctionalInterface
    public interface KeyReader {
        KeyPair read(Path file) throws IOException;
    }

    private final Path file;
    private final KeyReader reader;
    private final Provider provider;
    private final Clock clock;
    private final ThreadLocal<Signature> signatures;
    private volatile LoadedKey current;
    private volatile Instant checkedAt;

    /** Reads key file {@code file} now; fails, naming it, if it is missing or holds no usable key. */
    public EventSigner(Path file, Clock clock) {
        this(file, EventKeyFiles::readSigningKey, null, clock);
    }

    /**
     * Reads the key {@code file} stands for with {@code reader} now, and again whenever {@code file} changes; signs
     * with {@code provider} (a token's, whose key handles no other provider takes), or, if null, with the key in
     * memory through {@link Ecdsa}.
     */
    public EventSigner(Path file, KeyReader reader, Provider provider, Clock clock) {
        this.file = file;
        this.reader = reader;
        this.provider = provider;
        this.clock = clock;
        this.signatures = ThreadLocal.withInitial(() -> newSignature(provider));
        try {
            this.current = load();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the event signing key " + file.toAbsolutePath() + ": "
                    + e.getMessage() + " (./certpipe up creates it; docs/operations.md, event keys)", e);
        }
        this.checkedAt = clock.instant();
    }

    /** The id of the key records are signed with now. */
    public String currentKeyId() {
        return keyInUse().keyId();
    }

    /** The signature of {@code value}, the record value's bytes exactly as they are sent. */
    public EventSignature sign(byte[] value) {
        LoadedKey key = keyInUse();
        if (key.inMemory() != null) {
            return new EventSignature(key.keyId(),
                    Base64.getEncoder().encodeToString(Ecdsa.sign(key.inMemory(), value)));
        }
        Signature signature = signatures.get();
        try {
            signature.initSign(key.pair().getPrivate());
            signature.update(value);
            return new EventSignature(key.keyId(), Base64.getEncoder().encodeToString(signature.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with event key " + key.keyId(), e);
        }
    }

    private LoadedKey keyInUse() {
        Instant now = clock.instant();
        if (now.isBefore(checkedAt.plus(RECHECK))) {
            return current;
        }
        checkedAt = now;
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (!attributes.lastModifiedTime().equals(current.modified())
                    || !Objects.equals(attributes.fileKey(), current.fileKey())) {
                LoadedKey replaced = load();
                LOG.infof("event signing key %s replaced: now signing with key id %s (was %s)", file,
                        replaced.keyId(), current.keyId());
                current = replaced;
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.errorf("cannot read the event signing key %s, still signing with key id %s: %s", file,
                    current.keyId(), e.getMessage());
        }
        return current;
    }

    private LoadedKey load() throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        KeyPair pair = reader.read(file);
        ECPrivateKeyParameters inMemory;
        try {
            inMemory = provider == null ? Ecdsa.privateKey(pair.getPrivate()) : null;
        } catch (IllegalArgumentException notEc) {
            throw new IOException(file + ": " + notEc.getMessage(), notEc);
        }
        return new LoadedKey(pair, inMemory, EventSignature.keyIdOf(pair.getPublic()), attributes.lastModifiedTime(),
                attributes.fileKey());
    }

    /** A signature of the token's provider; a key in memory signs through {@link Ecdsa} instead. */
    private static Signature newSignature(Provider provider) {
        try {
            return Signature.getInstance(EventSignature.ALGORITHM, provider);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(provider.getName() + " has no " + EventSignature.ALGORITHM, e);
        }
    }
}
