package io.certpipe.signing.issue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SerialNumbersTest {

    @Test
    void serialsArePositiveAndFitSixteenBytes() {
        for (int i = 0; i < 1000; i++) {
            BigInteger serial = SerialNumbers.random();
            assertEquals(1, serial.signum());
            assertTrue(serial.bitLength() <= 127, "top bit is cleared");
            assertTrue(serial.toByteArray().length <= 16, "DER INTEGER of at most 16 bytes");
        }
    }

    @Test
    void serialsCarryMoreThanSixtyFourRandomBits() {
        Set<BigInteger> seen = new HashSet<>();
        int longerThan64Bits = 0;
        for (int i = 0; i < 1000; i++) {
            BigInteger serial = SerialNumbers.random();
            seen.add(serial);
            if (serial.bitLength() > 64) {
                longerThan64Bits++;
            }
        }
        assertEquals(1000, seen.size());
        assertEquals(1000, longerThan64Bits);
    }

    @Test
    void hexIsLowerCaseWithoutPadding() {
        assertEquals("abc", SerialNumbers.hex(BigInteger.valueOf(0xabc)));
    }
}
