package io.certpipe.signing.issue;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * Certificate serial numbers: 128 bits from a CSPRNG with the top bit cleared, so the DER INTEGER stays positive and
 * at most 16 bytes while carrying 127 bits of entropy (CA/Browser Forum: at least 64).
 */
final class SerialNumbers {

    static final int BITS = 128;

    private static final SecureRandom RANDOM = new SecureRandom();

    private SerialNumbers() {
    }

    static BigInteger random() {
        BigInteger serial;
        do {
            byte[] bytes = new byte[BITS / Byte.SIZE];
            RANDOM.nextBytes(bytes);
            bytes[0] &= 0x7f;
            serial = new BigInteger(1, bytes);
        } while (serial.signum() == 0);
        return serial;
    }

    /** How events and the database write a serial: lower-case hex, no leading zeros. */
    static String hex(BigInteger serial) {
        return serial.toString(16);
    }
}
