package io.certpipe.common.signer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DnsNamesTest {

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "example.com.", "a..example.com", "-a.example.com", "a-.example.com", "a_b.example.com",
            "*.com", "a.*.example.com", "xn--ü.example.com"})
    void refusesWhatIsNoHostName(String name) {
        assertNotNull(DnsNames.problemWith(name, true));
    }

    @Test
    void acceptsHostNamesAndWildcardsOnlyWhereAllowed() {
        assertNull(DnsNames.problemWith("a-1.Example.com", false));
        assertNull(DnsNames.problemWith("x".repeat(63) + ".example.com", false));
        assertNotNull(DnsNames.problemWith("x".repeat(64) + ".example.com", false));
        assertNull(DnsNames.problemWith("*.apps.example.com", true));
        assertNotNull(DnsNames.problemWith("*.apps.example.com", false));
    }

    @Test
    void matchesPatternsLabelByLabel() {
        assertTrue(DnsNames.matches(DnsNames.ANY, "anything.example"));
        assertTrue(DnsNames.matches("*.example.com", "a.example.com"));
        assertFalse(DnsNames.matches("*.example.com", "example.com"));
        assertTrue(DnsNames.matches("**.example.com", "a.b.example.com"));
        assertFalse(DnsNames.matches("**.example.com", "example.com"));
        assertFalse(DnsNames.matches("**.example.com", "badexample.com"));
        assertTrue(DnsNames.matches("api.example.com", "API.example.COM"));
    }

    @Test
    void matchesEachLeadingStarWithExactlyOneLabel() {
        assertNull(DnsNames.patternProblem("*.*.svc"));
        assertTrue(DnsNames.matches("*.*.svc", "my-svc.my-namespace.svc"));
        assertFalse(DnsNames.matches("*.*.svc", "my-namespace.svc"));
        assertFalse(DnsNames.matches("*.*.svc", "a.my-svc.my-namespace.svc"));
        assertFalse(DnsNames.matches("*.*.svc", "my-svc.my-namespace.svc.cluster.local"));
        assertFalse(DnsNames.matches("*.*.svc", "my-svc.my-namespace.example"));
        assertNotNull(DnsNames.patternProblem("*.*"));
        assertNotNull(DnsNames.patternProblem("*.a_b.svc"));
    }

    @Test
    void matchesATrailingDoubleStarWithOneOrMoreLabelsAfterTheName() {
        assertNull(DnsNames.patternProblem("n1.**"));
        assertTrue(DnsNames.matches("n1.**", "n1.example.com"));
        assertTrue(DnsNames.matches("n1.**", "N1.a.example.com"));
        assertFalse(DnsNames.matches("n1.**", "n1"));
        assertFalse(DnsNames.matches("n1.**", "n10.example.com"));
        assertFalse(DnsNames.matches("n1.**", "a.n1.example.com"));
        assertNotNull(DnsNames.patternProblem("*.n1.**"));
        assertNotNull(DnsNames.patternProblem("**.n1.**"));
        assertNotNull(DnsNames.patternProblem("a_b.**"));
    }

    @Test
    void readsIpRangesAsLiteralsOnly() {
        assertTrue(IpRange.parse("10.0.0.0/8").contains("10.255.0.1"));
        assertFalse(IpRange.parse("10.0.0.0/8").contains("11.0.0.1"));
        assertFalse(IpRange.parse("10.0.0.0/8").contains("fd00::1"));
        assertTrue(IpRange.parse("192.0.2.24").contains("192.0.2.24"));
        assertTrue(IpRange.parse("::/0").contains("2001:db8::1"));
        assertEquals(4, IpRange.address("127.0.0.1").length);
        assertThrows(IllegalArgumentException.class, () -> IpRange.parse("localhost"));
        assertThrows(IllegalArgumentException.class, () -> IpRange.parse("256.0.0.0/8"));
        assertThrows(IllegalArgumentException.class, () -> IpRange.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> IpRange.parse("fe80::1%eth0"));
    }
}
