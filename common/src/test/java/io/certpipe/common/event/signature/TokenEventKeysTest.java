package io.certpipe.common.event.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Clock;
import java.util.Base64;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.certpipe.common.event.Topics;
import io.certpipe.common.pki.SoftHsm;

/** Event keys in a real SoftHSM2 token: made there, never extractable, signing through the pointer file. */
class TokenEventKeysTest {

    private static final byte[] VALUE = "{\"specversion\":\"1.0\"}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path home;

    private TokenEventKeys keys;
    private EventKeyLayout layout;

    @BeforeEach
    void openTestToken() throws IOException {
        Path pinFile = Files.writeString(home.resolve("pin"), SoftHsm.PIN + "\n");
        Path library = SoftHsm.library();
        int slot = SoftHsm.slotOf(SoftHsm.TestToken.CA_KEYS);
        keys = TokenEventKeys.open(new EventKeysConfig.Token() {
            @Override
            public Path library() {
                return library;
            }

            @Override
            public int slot() {
                return slot;
            }

            @Override
            public Path pinFile() {
                return pinFile;
            }
        });
        layout = new EventKeyLayout(home);
    }

    @Test
    void aTokenKeyNeverLeavesTheTokenAndSignsWhatItsPublicKeyVerifies() throws Exception {
        KeyPair pair = keys.generate(Topics.INTAKE_SERVICE);
        String keyId = EventSignature.keyIdOf(pair.getPublic());
        EventKeyFiles.writeKeyIdPointer(layout.tokenKey(Topics.INTAKE_SERVICE), keyId);

        EventSigner signer = new EventSigner(layout.tokenKey(Topics.INTAKE_SERVICE),
                pointer -> keys.readCurrent(pointer, Topics.INTAKE_SERVICE), keys.provider(), Clock.systemUTC());
        EventSignature signature = signer.sign(VALUE);

        assertEquals(keyId, signature.keyId());
        assertNull(keys.read(Topics.INTAKE_SERVICE, keyId).getPrivate().getEncoded(), "the private key is a handle");
        Signature check = Signature.getInstance(EventSignature.ALGORITHM);
        check.initVerify(pair.getPublic());
        check.update(VALUE);
        assertTrue(check.verify(Base64.getDecoder().decode(signature.signature())));
    }

    @Test
    void thePointerNamesWhichTokenKeySigns() throws Exception {
        String first = EventSignature.keyIdOf(keys.generate(Topics.INTAKE_SERVICE).getPublic());
        String second = EventSignature.keyIdOf(keys.generate(Topics.INTAKE_SERVICE).getPublic());
        Path pointer = layout.tokenKey(Topics.INTAKE_SERVICE);

        EventKeyFiles.writeKeyIdPointer(pointer, second);

        assertNotEquals(first, second);
        assertEquals(second, EventSignature.keyIdOf(keys.readCurrent(pointer, Topics.INTAKE_SERVICE).getPublic()));
        assertEquals(second, EventKeyFiles.readKeyIdPointer(pointer));
    }

    @Test
    void aKeyTheTokenDoesNotHoldIsAnError() {
        assertThrows(IOException.class, () -> keys.read(Topics.INTAKE_SERVICE, "0123456789abcdef"));
    }
}
