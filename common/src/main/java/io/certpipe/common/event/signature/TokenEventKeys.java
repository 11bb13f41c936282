package io.certpipe.common.event.signature;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.OptionalInt;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;

import io.certpipe.common.pki.CaLoadException;
import io.certpipe.common.pki.CaSignatures;
import io.certpipe.common.pki.Pkcs11Settings;
import io.certpipe.common.pki.Pkcs11Token;

/**
 * A service's event signing keys inside a PKCS#11 token of their own ({@code ./certpipe up --hsm} gives intake's
 * one): generated in the token, sensitive and never extractable, labelled {@code event-signing/<service>/<keyId>},
 * each stored with a self-signed certificate that only carries its public key (Java's PKCS#11 key store lists a key
 * only with one). Which of them signs now is named by the pointer file {@link EventKeyLayout#tokenKey}.
 */
public final class TokenEventKeys {

    private static final String LABEL_PREFIX = "event-signing/";
    /** The carrier certificate is never used as a certificate; it outlives any key rotation. */
    private static final Duration CARRIER_LIFETIME = Duration.ofDays(3650);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Pkcs11Token token;

    private TokenEventKeys(Pkcs11Token token) {
        this.token = token;
    }

    /** Logs in to the token {@code config} names. */
    public static TokenEventKeys open(EventKeysConfig.Token config) {
        try {
            return new TokenEventKeys(Pkcs11Token.open(new Pkcs11Settings(config.library(),
                    OptionalInt.of(config.slot()), OptionalInt.empty(), Optional.empty(),
                    Optional.of(config.pinFile()))));
        } catch (CaLoadException e) {
            throw new IllegalStateException("cannot open the event key token: " + e.getMessage(), e);
        }
    }

    /** A new key for {@code service}, generated and stored in the token; the pair's private half is a token handle. */
    public KeyPair generate(String service) throws IOException {
        try {
            KeyPair pair = token.generateCaKeyPair();
            String keyId = EventSignature.keyIdOf(pair.getPublic());
            token.store(label(service, keyId), pair.getPrivate(), carrier(service, pair));
            return pair;
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot create an event key for " + service + " in " + token + ": " + e, e);
        }
    }

    /** The key {@code keyId} of {@code service} in the token. */
    public KeyPair read(String service, String keyId) throws IOException {
        try {
            Pkcs11Token.Entry entry = token.entry(label(service, keyId)).orElseThrow(() -> new IOException(
                    token + " holds no event key labelled " + label(service, keyId)));
            PublicKey publicKey = EventKeyFiles.publicKey(entry.certificate().getSubjectPublicKeyInfo().getEncoded());
            if (!EventSignature.keyIdOf(publicKey).equals(keyId)) {
                throw new IOException("the token key labelled " + label(service, keyId) + " has another key id");
            }
            return new KeyPair(publicKey, entry.key());
        } catch (CaLoadException | GeneralSecurityException e) {
            throw new IOException("cannot read event key " + keyId + " of " + service + " from " + token + ": "
                    + e.getMessage(), e);
        }
    }

    /** The key {@code service} signs with now: the one its pointer file names. */
    public KeyPair readCurrent(Path pointer, String service) throws IOException {
        return read(service, EventKeyFiles.readKeyIdPointer(pointer));
    }

    /** The token's provider: its key handles sign through it only. */
    public Provider provider() {
        return token.provider();
    }

    static String label(String service, String keyId) {
        return LABEL_PREFIX + service + "/" + keyId;
    }

    private X509CertificateHolder carrier(String service, KeyPair pair)
            throws GeneralSecurityException, OperatorCreationException {
        X500Name name = new X500Name("CN=" + service + " event signing key");
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, new BigInteger(64, RANDOM).setBit(63),
                Date.from(now), Date.from(now.plus(CARRIER_LIFETIME)), name, pair.getPublic());
        return builder.build(CaSignatures.signer(EventSignature.ALGORITHM, pair.getPrivate(), token.provider()));
    }
}
