package io.certpipe.common.event.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a publisher puts on a record, and how it follows its key file. */
class EventSignerTest {

    private static final byte[] VALUE = "{\"id\":\"é-1\"}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path home;

    @Test
    void keyIdIsTheStartOfTheSha256OfTheSubjectPublicKeyInfo() throws Exception {
        KeyPair pair = EventKeyFiles.newKeyPair();
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(pair.getPublic().getEncoded()));

        assertEquals(hash.substring(0, 16), EventSignature.keyIdOf(pair.getPublic()));
        assertTrue(EventSignature.isKeyId(EventSignature.keyIdOf(pair.getPublic())));
    }

    @Test
    void signsTheValueBytesWithADerEcdsaSignatureAnyVerifierChecks() throws Exception {
        Path file = home.resolve("signing.pem");
        KeyPair pair = EventKeyFiles.newKeyPair();
        EventKeyFiles.writeSigningKey(file, pair);

        EventSignature signature = new EventSigner(file, Clock.systemUTC()).sign(VALUE);

        assertEquals(EventSignature.keyIdOf(pair.getPublic()), signature.keyId());
        Signature plainJdk = Signature.getInstance("SHA256withECDSA");
        plainJdk.initVerify(pair.getPublic());
        plainJdk.update(VALUE);
        assertTrue(plainJdk.verify(Base64.getDecoder().decode(signature.signature())));
    }

    @Test
    void signsWithTheNewKeyOnceTheFileIsReplaced() throws Exception {
        Path file = home.resolve("signing.pem");
        EventKeyFiles.writeSigningKey(file, EventKeyFiles.newKeyPair());
        SteppedClock clock = new SteppedClock();
        EventSigner signer = new EventSigner(file, clock);
        String before = signer.sign(VALUE).keyId();

        KeyPair rotated = EventKeyFiles.newKeyPair();
        EventKeyFiles.writeSigningKey(file, rotated);
        assertEquals(before, signer.sign(VALUE).keyId(), "the file is looked at once a second, not per record");
        clock.now = clock.now.plus(EventSigner.RECHECK);

        assertEquals(EventSignature.keyIdOf(rotated.getPublic()), signer.sign(VALUE).keyId());
        assertNotEquals(before, signer.currentKeyId());
    }

    @Test
    void refusesToStartWithoutItsKeyFileAndNamesIt() {
        Path missing = home.resolve("intake-service/signing.pem");
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> new EventSigner(missing, Clock.systemUTC()));
        assertTrue(failure.getMessage().contains(missing.toString()), failure.getMessage());
    }

    @Test
    void refusesAKeyFileWhosePublicKeyIsAnotherKeys() throws Exception {
        Path file = home.resolve("signing.pem");
        KeyPair one = EventKeyFiles.newKeyPair();
        KeyPair other = EventKeyFiles.newKeyPair();
        EventKeyFiles.writeSigningKey(file, new KeyPair(other.getPublic(), one.getPrivate()));

        assertThrows(IllegalStateException.class, () -> new EventSigner(file, Clock.systemUTC()));
    }

    @Test
    void writesThePrivateKeyReadableByItsOwnerOnly() throws Exception {
        Path file = home.resolve("svc/signing.pem");
        EventKeyFiles.writeSigningKey(file, EventKeyFiles.newKeyPair());

        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(file.getParent())));
    }

    /** A clock that moves only when the test moves it. */
    private static final class SteppedClock extends Clock {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
